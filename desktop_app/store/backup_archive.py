"""The backup file: one ``<branch code>-<YYYYMMDD-HHMMSS>.bvbackup`` per backup, written safely.

Format (``manifest.json`` ``format`` 1): a zip archive, stored (not compressed: the databases are
encrypted, so they do not compress, and a stored member is read back byte for byte), holding
``manifest.json``, ``manifest.mac`` and the members ``branch.db``, ``clients.db`` (plus
``clients.db-journal`` when an interrupted client-data transaction had left one), ``keyslots.json``
and ``branch.toml``. The manifest names each member's size and SHA-256; ``manifest.mac`` is
HMAC-SHA256 over the manifest's exact bytes under HKDF-SHA256(database key, info "BranchVault
backup manifest" + branch id). Whoever opens the backup with one of its own slots holds that key and
so knows no member was swapped or edited (a hash alone could be recomputed by whoever swapped it).

Writing: a hidden temporary file (``.<name>.<random>.part``, 0600, created exclusively) in the target
folder, flushed and fsynced, then linked to its final name without replacing anything and the folder
fsynced: a kill at any moment leaves either the complete file or no ``.bvbackup`` at all (only a
temporary file, which the next backup into that folder removes). A full disk removes the temporary
file and says so. Reading extracts only the known member names (never a path from the archive) into
a folder the caller made private.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import hmac
import json
import os
import re
import secrets
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from desktop_app.domain.errors import BranchVaultError
from desktop_app.store.data_dir import fsync_dir
from desktop_app.store.fault_points import fault_point

FORMAT = 1
SUFFIX = ".bvbackup"
TEMP_SUFFIX = ".part"
MANIFEST = "manifest.json"
MANIFEST_MAC = "manifest.mac"
MEMBERS = ("branch.db", "clients.db", "clients.db-journal", "keyslots.json", "branch.toml")
REQUIRED_MEMBERS = ("branch.db", "clients.db", "keyslots.json", "branch.toml")
_MAC_INFO = b"BranchVault backup manifest"
_CHUNK = 1024 * 1024
_NAME = re.compile(r"^[A-Za-z0-9_-]+-\d{8}-\d{6}(?:-\d+)?\.bvbackup$")


class BackupFileError(BranchVaultError):
    code = "backup_file_invalid"


class BackupNotReadable(BackupFileError):
    code = "backup_not_readable"

    def __init__(self, path: Path, detail: str) -> None:
        self.detail = detail
        super().__init__(
            f"无法读取备份文件 {path.name}：它不是完整的 BranchVault 备份（{detail}）。请使用另一份备份。",
            f"The backup file {path.name} cannot be read: it is not a complete BranchVault backup "
            f"({detail}). Use another backup.",
        )


class BackupDiskFull(BackupFileError):
    code = "backup_disk_full"

    def __init__(self, folder: Path) -> None:
        super().__init__(
            f"备份目标 {folder} 空间不足，备份未完成，该文件夹中没有留下不完整的备份文件。请清理空间或换一个位置。",
            f"The backup target {folder} is full. The backup was not completed and no partial backup "
            "file was left there. Free some space or choose another place.",
        )


class BackupWriteFailed(BackupFileError):
    code = "backup_write_failed"

    def __init__(self, folder: Path, reason: str) -> None:
        super().__init__(
            f"无法写入备份到 {folder}（{reason}），备份未完成，未留下不完整的备份文件。",
            f"The backup could not be written to {folder} ({reason}). It was not completed and no "
            "partial backup file was left.",
        )


def manifest_mac_key(db_key: bytes, branch_id: str) -> bytes:
    return HKDF(
        algorithm=hashes.SHA256(), length=32, salt=None, info=_MAC_INFO + branch_id.encode("utf-8")
    ).derive(db_key)


def manifest_mac(manifest: bytes, db_key: bytes, branch_id: str) -> str:
    return hmac.new(manifest_mac_key(db_key, branch_id), manifest, hashlib.sha256).hexdigest()


def mac_matches(manifest: bytes, mac: bytes, db_key: bytes, branch_id: str) -> bool:
    expected = manifest_mac(manifest, db_key, branch_id).encode("ascii")
    return hmac.compare_digest(expected, mac.strip())


def backup_file_name(branch_code: str, stamp: str) -> str:
    """``stamp`` is ``YYYYMMDD-HHMMSS`` (branch time)."""
    safe = re.sub(r"[^A-Za-z0-9_-]", "_", branch_code) or "branch"
    return f"{safe}{'-'}{stamp}{SUFFIX}"


def looks_like_backup_name(name: str) -> bool:
    return bool(_NAME.match(name))


def copy_with_hash(source: Path, target: Path) -> tuple[int, str]:
    """Copy ``source`` to a new private file ``target``; return its size and SHA-256."""
    digest = hashlib.sha256()
    size = 0
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with source.open("rb") as src, os.fdopen(fd, "wb") as dst:
        while chunk := src.read(_CHUNK):
            digest.update(chunk)
            dst.write(chunk)
            size += len(chunk)
    return size, digest.hexdigest()


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def remove_stale_temp_files(folder: Path, branch_code: str) -> list[Path]:
    """Remove temporary files a killed backup of this branch left in ``folder``."""
    prefix = "." + backup_file_name(branch_code, "")[: -len(SUFFIX)]
    removed: list[Path] = []
    for entry in folder.iterdir():
        if entry.name.startswith(prefix) and entry.name.endswith(TEMP_SUFFIX) and entry.is_file():
            with contextlib.suppress(FileNotFoundError):
                entry.unlink()
                removed.append(entry)
    return removed


def _raise_write_error(folder: Path, exc: OSError) -> None:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        raise BackupDiskFull(folder) from exc
    raise BackupWriteFailed(folder, exc.strerror or type(exc).__name__) from exc


def write_archive(
    folder: Path,
    name: str,
    manifest: bytes,
    mac: str,
    members: Iterable[tuple[str, Path]],
    *,
    progress: Callable[[int, int], None] | None = None,
    check_cancel: Callable[[], None] | None = None,
) -> Path:
    """Write the archive as ``folder/name`` (a new name: ``-1``, ``-2`` … if taken); return it."""
    items = list(members)
    total = sum(path.stat().st_size for _, path in items)
    temp = folder / f".{name}.{secrets.token_hex(4)}{TEMP_SUFFIX}"
    done = 0
    try:
        with _open_new_file(temp) as raw:
            with zipfile.ZipFile(raw, "w", compression=zipfile.ZIP_STORED, allowZip64=True) as archive:
                archive.writestr(MANIFEST, manifest)
                archive.writestr(MANIFEST_MAC, mac.encode("ascii"))
                for member, path in items:
                    info = zipfile.ZipInfo(member, date_time=(2000, 1, 1, 0, 0, 0))
                    info.external_attr = 0o600 << 16
                    with path.open("rb") as src, archive.open(info, "w", force_zip64=True) as dst:
                        while chunk := src.read(_CHUNK):
                            dst.write(chunk)
                            done += len(chunk)
                            if progress is not None:
                                progress(done, total)
                    if check_cancel is not None:
                        check_cancel()
                    fault_point(f"backup:member-written:{member}")
            raw.flush()
            os.fsync(raw.fileno())
        fault_point("backup:before-rename")
        final = _link_new_name(temp, folder, name)
        fsync_dir(folder)
        return final
    except OSError as exc:
        with contextlib.suppress(OSError):
            temp.unlink()
        _raise_write_error(folder, exc)
        raise  # pragma: no cover - _raise_write_error always raises
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise


def _open_new_file(path: Path) -> BinaryIO:
    """A new private file, created exclusively, never through a symlink."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
    return os.fdopen(fd, "wb")


def _link_new_name(temp: Path, folder: Path, name: str) -> Path:
    """Give ``temp`` its final name without ever replacing an existing file, then drop ``temp``."""
    stem = name[: -len(SUFFIX)]
    for attempt in range(100):
        final = folder / (name if attempt == 0 else f"{stem}-{attempt}{SUFFIX}")
        try:
            os.link(temp, final)
        except FileExistsError:
            continue
        except OSError as exc:  # a file system without hard links (FAT, some shares): rename
            if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.ENOSYS, errno.EMLINK):
                raise
            if final.exists():
                continue
            os.rename(temp, final)
            return final
        temp.unlink()
        return final
    raise FileExistsError(name)


@dataclass(frozen=True)
class ArchiveHead:
    """What can be read from a backup without any key: the manifest (unauthenticated until the MAC
    is checked) and the members present."""

    manifest_bytes: bytes
    manifest: dict[str, Any]
    mac: bytes
    names: frozenset[str]


def read_head(path: Path) -> ArchiveHead:
    try:
        with zipfile.ZipFile(path) as archive:
            names = frozenset(archive.namelist())
            if MANIFEST not in names or MANIFEST_MAC not in names:
                raise BackupNotReadable(path, "no manifest")
            manifest_bytes = archive.read(MANIFEST)
            mac = archive.read(MANIFEST_MAC)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, KeyError, EOFError) as exc:
        raise BackupNotReadable(path, type(exc).__name__) from exc
    try:
        manifest = json.loads(manifest_bytes.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BackupNotReadable(path, "manifest.json") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupNotReadable(path, "manifest format")
    return ArchiveHead(manifest_bytes, manifest, mac, names)


def extract_members(path: Path, target: Path) -> dict[str, tuple[int, str, str]]:
    """Extract the known members into ``target``; return name -> (size, SHA-256, error). A member
    whose stored CRC fails is still written, with the error named (its hash will not match)."""
    found: dict[str, tuple[int, str, str]] = {}
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            for member in MEMBERS:
                if member not in names:
                    continue
                digest = hashlib.sha256()
                size = 0
                error = ""
                fd = os.open(target / member, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
                with os.fdopen(fd, "wb") as dst:
                    try:
                        with archive.open(member) as src:
                            while chunk := src.read(_CHUNK):
                                digest.update(chunk)
                                dst.write(chunk)
                                size += len(chunk)
                    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
                        error = str(exc) or type(exc).__name__
                found[member] = (size, digest.hexdigest(), error)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError) as exc:
        raise BackupNotReadable(path, type(exc).__name__) from exc
    return found
