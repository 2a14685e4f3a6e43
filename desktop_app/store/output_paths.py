"""Checking and writing a file at a path the user chose: the one writer for every ``--out``,
``--rejects-out``, recovery sheet and save dialog.

Rule (decided in domain/output_targets.py): never into the branch's data directory, never over a
device, FIFO, socket or folder, never over an existing file unless the user said to replace it.
Here the facts are found — the path resolved with every symlink followed (also a missing file whose
folder is a symlink), what is there (``stat``, following links), and whether the target's folder or
any folder above it *is* a data directory by file identity (bind mounts, differently-cased paths) —
and the file is written privately and atomically: a new 0600 temporary file created exclusively
(``O_EXCL | O_NOFOLLOW``) in the already-opened target folder, flushed, then linked (no replace) or
renamed (replace) over the name, after checking once more that only a regular file would be
replaced. A device node is therefore never replaced, even by root, and a failure leaves the old file
(or nothing) and no partial one.

Reason: the branch's files are the only copy of its keys and data; a typed path must not be able to
erase them without any password. See domain/output_targets.py.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from desktop_app.domain.output_targets import (
    OutputExists,
    OutputKind,
    OutputNotRegularFile,
    OutputRefused,
    output_refusal,
)
from desktop_app.store.data_dir import ENV_HOME, default_data_dir

_DIR_FD = os.name == "posix" and os.open in os.supports_dir_fd and os.link in os.supports_dir_fd
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_BINARY = getattr(os, "O_BINARY", 0)
# link() not supported here (FAT/exFAT USB drives, some network shares): rename after a fresh check.
_NO_LINK = {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.ENOSYS, errno.EMLINK, errno.EACCES}


def _kind(mode: int) -> OutputKind:
    if stat.S_ISREG(mode):
        return OutputKind.REGULAR
    if stat.S_ISDIR(mode):
        return OutputKind.DIRECTORY
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return OutputKind.DEVICE
    if stat.S_ISFIFO(mode):
        return OutputKind.FIFO
    if stat.S_ISSOCK(mode):
        return OutputKind.SOCKET
    return OutputKind.OTHER


def _resolved(path: Path) -> Path:
    return Path(os.path.realpath(os.path.abspath(os.path.expanduser(path))))


def protected_dirs(data_dir: Path | None) -> list[Path]:
    """The resolved data directories no output may enter: this branch's, plus the ones the app
    would open by default on this PC (``BRANCHVAULT_HOME``, the machine-wide and per-user defaults),
    so that ``--data-dir`` elsewhere cannot be used to aim an output at the real branch."""
    candidates: list[Path] = []
    if data_dir is not None:
        candidates.append(Path(data_dir))
    env = os.environ.get(ENV_HOME)
    if env:
        candidates.append(Path(env))
    with contextlib.suppress(Exception):  # an unreadable machine file must not block a save
        from desktop_app.store.machine_config_file import machine_data_dir

        machine = machine_data_dir()
        if machine is not None:
            candidates.append(machine)
    candidates.append(default_data_dir())
    seen: list[Path] = []
    for candidate in candidates:
        resolved = _resolved(candidate)
        if resolved not in seen:
            seen.append(resolved)
    return seen


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_dev, info.st_ino


def _same_as_protected(target: Path, protected: Iterable[Path]) -> bool:
    """Whether ``target`` or a folder above it is a protected directory by file identity."""
    wanted = {ident for ident in (_identity(directory) for directory in protected) if ident is not None}
    if not wanted:
        return False
    return any(_identity(folder) in wanted for folder in (target, *target.parents))


@dataclass(frozen=True)
class OutputTarget:
    """A checked output: ``path`` as the user gave it, ``resolved`` the file really written."""

    path: Path
    resolved: Path
    kind: OutputKind
    overwrite: bool
    protected: tuple[Path, ...] = field(default=())

    @property
    def exists(self) -> bool:
        return self.kind is OutputKind.REGULAR


def inspect_output(path: Path, data_dir: Path | None) -> tuple[OutputTarget, OutputRefused | None]:
    """The facts about ``path`` and the refusal that applies if the file is to be *replaced*
    (so a caller can ask "replace?" when the only objection is an existing file)."""
    resolved = _resolved(path)
    protected = tuple(protected_dirs(data_dir))
    try:
        kind = _kind(os.stat(resolved).st_mode)
    except FileNotFoundError:
        kind = OutputKind.MISSING
    except OSError:
        kind = OutputKind.OTHER if os.path.lexists(resolved) else OutputKind.MISSING
    target = OutputTarget(Path(path), resolved, kind, True, protected)
    refusal = output_refusal(
        resolved,
        kind,
        protected,
        overwrite=True,
        shown_as=str(path),
        same_file_as_protected=_same_as_protected(resolved, protected),
    )
    return target, refusal


def check_output(path: Path, data_dir: Path | None, *, overwrite: bool) -> OutputTarget:
    """Raise the refusal for writing ``path`` (OutputInsideDataDir, OutputNotRegularFile,
    OutputExists); else the checked target. Call it before any work, and it is called again at
    write time."""
    target, refusal = inspect_output(path, data_dir)
    if refusal is not None:
        raise refusal
    if target.exists and not overwrite:
        raise OutputExists(str(path))
    return OutputTarget(target.path, target.resolved, target.kind, overwrite, target.protected)


class PendingOutput:
    """A checked output whose private temporary file already exists beside the target.

    ``write(data)`` fills it, ``commit()`` puts it in place, ``discard()`` removes it; use as a
    context manager so a failure removes only the temporary file. Opening the folder and creating
    the temporary file first means an unwritable place fails before any other work is done."""

    def __init__(self, path: Path, data_dir: Path | None, *, overwrite: bool) -> None:
        self.target = check_output(path, data_dir, overwrite=overwrite)
        folder = self.target.resolved.parent
        self._name = self.target.resolved.name
        self._temp_name = f".{self._name}.{secrets.token_hex(6)}.tmp"
        self._dir_fd: int | None = None
        self._fd: int | None = None
        self._done = False
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC | _BINARY
        if _DIR_FD:
            self._dir_fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | _NOFOLLOW | _CLOEXEC)
            try:
                # The folder opened must still be the one checked (no symlink swapped in meanwhile).
                opened = os.fstat(self._dir_fd)
                if (opened.st_dev, opened.st_ino) != _identity(folder) or _same_as_protected(
                    folder, self.target.protected
                ):
                    raise OutputRefused(
                        f"保存位置 {path} 在检查时发生了变化，未写入任何文件。请重试。",
                        f"The place {path} changed while it was checked; no file was written. Try again.",
                    )
                self._fd = os.open(self._temp_name, flags, 0o600, dir_fd=self._dir_fd)
            except BaseException:
                os.close(self._dir_fd)
                raise
        else:
            self._fd = os.open(folder / self._temp_name, flags, 0o600)

    def __enter__(self) -> PendingOutput:
        return self

    def __exit__(self, *exc: object) -> None:
        self.discard()

    @property
    def path(self) -> Path:
        return self.target.path

    def write(self, data: bytes) -> None:
        assert self._fd is not None, "already committed or discarded"
        view = memoryview(data)
        while view:
            written = os.write(self._fd, view)
            view = view[written:]
        os.fsync(self._fd)

    def _lstat_final(self) -> os.stat_result | None:
        try:
            if self._dir_fd is not None:
                return os.stat(self._name, dir_fd=self._dir_fd, follow_symlinks=False)
            return os.lstat(self.target.resolved)
        except FileNotFoundError:
            return None

    def _rename(self) -> None:
        if self._dir_fd is not None:
            os.rename(self._temp_name, self._name, src_dir_fd=self._dir_fd, dst_dir_fd=self._dir_fd)
        else:
            folder = self.target.resolved.parent
            if self.target.overwrite:
                os.replace(folder / self._temp_name, self.target.resolved)
            else:  # Windows' rename never replaces; elsewhere the lstat just before is the check
                os.rename(folder / self._temp_name, self.target.resolved)

    def commit(self) -> Path:
        """Put the written file in place; the user's path."""
        assert self._fd is not None, "already committed or discarded"
        os.close(self._fd)
        self._fd = None
        there = self._lstat_final()
        if there is not None and not stat.S_ISREG(there.st_mode):  # appeared since the check
            raise OutputNotRegularFile(str(self.target.path), _kind(there.st_mode))
        if there is not None and not self.target.overwrite:
            raise OutputExists(str(self.target.path))
        if self.target.overwrite or self._dir_fd is None:
            self._rename()
        else:
            self._link_without_replacing()
        self._done = True
        if self._dir_fd is not None:
            os.fsync(self._dir_fd)
        self.discard()
        return self.target.path

    def _link_without_replacing(self) -> None:
        assert self._dir_fd is not None
        try:
            os.link(self._temp_name, self._name, src_dir_fd=self._dir_fd, dst_dir_fd=self._dir_fd)
        except FileExistsError:
            raise OutputExists(str(self.target.path)) from None
        except OSError as exc:
            if exc.errno not in _NO_LINK:
                raise
            if self._lstat_final() is not None:
                raise OutputExists(str(self.target.path)) from None
            self._rename()
            return
        os.unlink(self._temp_name, dir_fd=self._dir_fd)

    def discard(self) -> None:
        """Remove the temporary file (if still there) and release the folder."""
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
        if not self._done:
            with contextlib.suppress(FileNotFoundError):
                if self._dir_fd is not None:
                    os.unlink(self._temp_name, dir_fd=self._dir_fd)
                else:
                    os.unlink(self.target.resolved.parent / self._temp_name)
            self._done = True
        if self._dir_fd is not None:
            os.close(self._dir_fd)
            self._dir_fd = None


def write_output(path: Path, data: bytes, *, data_dir: Path | None, overwrite: bool) -> Path:
    """Check ``path`` and write ``data`` there privately and atomically; the user's path.

    Raises the domain's OutputRefused errors (nothing written) or OSError (nothing written, any
    earlier file left as it was)."""
    with PendingOutput(path, data_dir, overwrite=overwrite) as pending:
        pending.write(data)
        return pending.commit()
