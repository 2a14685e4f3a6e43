"""Reading the compliance checklists shipped in ``resources/compliance`` (``checklist-<version>.toml``).

The newest file (by version, which is a ``YYYY-MM`` date) is the one a new review uses; a review keeps
the version it started with, so its file must stay shipped (published checklists are never edited or
removed: resources/compliance/README.md). Parsed and validated by domain/compliance_checklist.py.
"""

from __future__ import annotations

import functools
import tomllib
from pathlib import Path

from desktop_app.domain.compliance_checklist import Checklist, parse_checklist
from desktop_app.domain.errors import BranchVaultError
from desktop_app.resource_files import RESOURCES

CHECKLIST_DIR = RESOURCES / "compliance"
PREFIX = "checklist-"
SUFFIX = ".toml"


class ChecklistMissing(BranchVaultError):
    code = "checklist_missing"

    def __init__(self, version: str) -> None:
        super().__init__(
            f"找不到自查清单 {version}（程序文件不完整）。请联系 IT 重新安装。",
            f"The compliance checklist {version} is missing (incomplete installation). Ask IT to reinstall.",
        )


def checklist_versions(directory: Path = CHECKLIST_DIR) -> tuple[str, ...]:
    if not directory.is_dir():
        return ()
    return tuple(sorted(p.name[len(PREFIX) : -len(SUFFIX)] for p in directory.glob(f"{PREFIX}*{SUFFIX}")))


@functools.lru_cache(maxsize=8)
def _load(path: Path) -> Checklist:
    with path.open("rb") as handle:
        return parse_checklist(tomllib.load(handle))


def load_checklist(version: str, directory: Path = CHECKLIST_DIR) -> Checklist:
    path = directory / f"{PREFIX}{version}{SUFFIX}"
    if version not in checklist_versions(directory):
        raise ChecklistMissing(version)
    return _load(path)


def newest_checklist(directory: Path = CHECKLIST_DIR) -> Checklist:
    versions = checklist_versions(directory)
    if not versions:
        raise ChecklistMissing("*")
    return load_checklist(versions[-1], directory)
