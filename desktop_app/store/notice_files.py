"""Privacy notice files: the versions bundled in resources/notices/ and a file the company supplies.

A bundled version ``V`` is the file ``resources/notices/V.toml`` (format: resources/notices/README.md);
the version id inside must match the file name. A company file is read with a size limit, as
strict UTF-8 (a byte-order mark is allowed), and validated by domain/privacy_notice.py; every
failure is a NoticeFileError with a message an agent or IT can act on, in Chinese and English.
"""

from __future__ import annotations

from pathlib import Path

from desktop_app.domain.errors import InvalidInput
from desktop_app.domain.privacy_notice import NoticeValues, PrivacyNotice, parse_notice
from desktop_app.resource_files import RESOURCES
from desktop_app.store.branch_config import BranchConfig

NOTICES_DIR = RESOURCES / "notices"
NOTICE_SUFFIX = ".toml"
MAX_NOTICE_FILE_BYTES = 256 * 1024


class NoticeFileError(InvalidInput):
    code = "notice_file_invalid"


def _refuse(path: Path, zh: str, en: str) -> NoticeFileError:
    return NoticeFileError(
        f"隐私告知书文件无法使用（{path.name}）：{zh}",
        f"The privacy notice file cannot be used ({path.name}): {en}",
    )


def read_notice_text(path: Path) -> str:
    """The text of a notice file: at most MAX_NOTICE_FILE_BYTES, UTF-8."""
    try:
        if not path.is_file():
            raise _refuse(
                path, "文件不存在或不是普通文件。", "the file does not exist or is not a regular file."
            )
        with path.open("rb") as handle:
            data = handle.read(MAX_NOTICE_FILE_BYTES + 1)
    except OSError as exc:
        raise _refuse(path, f"无法读取（{exc.strerror}）。", f"it cannot be read ({exc.strerror}).") from None
    if len(data) > MAX_NOTICE_FILE_BYTES:
        limit = MAX_NOTICE_FILE_BYTES // 1024
        raise _refuse(path, f"文件过大（上限 {limit} KB）。", f"the file is too large (limit {limit} KB).")
    if b"\x00" in data:
        raise _refuse(path, "这不是文本文件。", "it is not a text file.")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _refuse(
            path,
            "文件不是 UTF-8 编码，请另存为 UTF-8 后再试。",
            "the file is not UTF-8; save it as UTF-8 and try again.",
        ) from None


def load_notice_file(path: Path) -> PrivacyNotice:
    """A company-supplied notice file, validated (NoticeFileError names what is wrong)."""
    text = read_notice_text(path)
    try:
        return parse_notice(text)
    except InvalidInput as exc:
        raise _refuse(path, exc.zh, exc.en) from None


def bundled_versions(directory: Path = NOTICES_DIR) -> tuple[str, ...]:
    """The version ids bundled with the app, sorted."""
    if not directory.is_dir():
        return ()
    return tuple(sorted(p.stem for p in directory.glob(f"*{NOTICE_SUFFIX}") if p.is_file()))


def load_bundled(version: str, directory: Path = NOTICES_DIR) -> PrivacyNotice:
    """The bundled notice ``version``; its file name and the version inside must agree."""
    if version not in bundled_versions(directory):
        raise NoticeFileError(
            f"没有版本为 {version} 的隐私告知书。", f"There is no privacy notice with version {version}."
        )
    path = directory / f"{version}{NOTICE_SUFFIX}"
    notice = load_notice_file(path)
    if notice.version != version:
        raise _refuse(
            path,
            f"文件内的版本号 {notice.version} 与文件名不一致。",
            f"the version inside ({notice.version}) does not match the file name.",
        )
    return notice


def newest_bundled(directory: Path = NOTICES_DIR) -> PrivacyNotice | None:
    """The bundled version in force: the latest effective date (then the version), None if none is
    bundled. Version names are not compared as text ("v10" sorts before "v2")."""
    notices = [load_bundled(version, directory) for version in bundled_versions(directory)]
    return max(notices, key=lambda n: (n.effective, n.version), default=None)


def notice_values(config: BranchConfig, *, hq_name: str = "", hq_contact: str = "") -> NoticeValues:
    """The values a notice is filled with for this branch (company, branch, retention periods).
    The headquarters' name and contact are passed in until the branch config holds them."""
    return NoticeValues(
        company_name=config.company_name,
        company_contact=config.company_contact,
        branch_name=config.branch_name,
        hq_name=hq_name,
        hq_contact=hq_contact,
        retention=config.retention_rules(),
    )
