"""The published privacy-training sets bundled in resources/training/<version>/ (one TOML per module).

Rule: a version is a folder; its modules are its ``*.toml`` files in file-name order; the newest
version (the greatest folder name: versions are named ``YYYY-MM`` and may carry a suffix, e.g.
``2027-06b``) is the one in force. A published folder is never edited: a change is a new folder
(resources/training/README.md). Every file is read as strict UTF-8 with a size limit and validated
by domain/training_content.py; any problem is a bilingual TrainingContentError.
Reason: a quiz attempt records the version it was drawn from, so the questions an attempt was marked
against can always be shown again. Legal basis: PIPL Art. 51(4) (staff training).
"""

from __future__ import annotations

from pathlib import Path

from desktop_app.domain.training_content import (
    ID_PATTERN,
    MAX_MODULE_CHARS,
    TrainingContentError,
    TrainingModule,
    TrainingSet,
    build_training_set,
    parse_training_module,
)
from desktop_app.resource_files import RESOURCES

TRAINING_DIR = RESOURCES / "training"
MODULE_SUFFIX = ".toml"


def training_versions(directory: Path = TRAINING_DIR) -> tuple[str, ...]:
    """The bundled versions, oldest first."""
    if not directory.is_dir():
        return ()
    return tuple(sorted(p.name for p in directory.iterdir() if p.is_dir() and ID_PATTERN.fullmatch(p.name)))


def _read_module(path: Path) -> TrainingModule:
    try:
        data = path.read_bytes()[: MAX_MODULE_CHARS * 4 + 1]
        text = data.decode("utf-8-sig")
    except OSError as exc:
        raise TrainingContentError(
            f"无法读取培训文件 {path.name}（{exc.strerror}）。",
            f"The training file {path.name} cannot be read ({exc.strerror}).",
        ) from None
    except UnicodeDecodeError:
        raise TrainingContentError(
            f"培训文件 {path.name} 不是 UTF-8 编码。", f"The training file {path.name} is not UTF-8."
        ) from None
    return parse_training_module(text, source=f"{path.parent.name}/{path.name}")


def load_training_set(version: str | None = None, directory: Path = TRAINING_DIR) -> TrainingSet:
    """The bundled set ``version`` (the newest when None), every module validated."""
    versions = training_versions(directory)
    if version is None:
        if not versions:
            raise TrainingContentError("没有可用的培训内容。", "No training content is installed.")
        version = versions[-1]
    if version not in versions:
        raise TrainingContentError(
            f"没有版本为 {version} 的培训内容。", f"There is no training content version {version}."
        )
    folder = directory / version
    files = sorted(p for p in folder.glob(f"*{MODULE_SUFFIX}") if p.is_file())
    return build_training_set(version, [_read_module(p) for p in files])
