"""Where the app may write a file that a person chose: never into the branch, never onto a device.

Rule: a file written where the user chose (``--out``, ``--rejects-out``, ``--recovery-sheet``, every
save dialog) is refused when it is the branch's data directory or lies inside it (paths compared
after symlinks are resolved, and by file identity), when something other than a regular file is
already there (a device such as ``/dev/full``, a FIFO, a socket, a folder), and when a regular file
is already there and the user has not said to replace it (``--force``; in the GUI, "Replace").

Reason: a typed or clicked path is the easiest way to destroy a branch without any password —
``consent blank-form --out <data dir>/keyslots.json`` erased every key slot, ``audit export --out
<data dir>/branch.db`` replaced the database, and ``--out /dev/full`` run as root replaced the device
node. Keeping outputs out of the data directory also keeps personal data exports and the recovery
code away from the encrypted files they would defeat (PIPL art. 51: technical security measures).

This module is pure: the store (store/output_paths.py) finds the facts, this module decides.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from pathlib import PurePath

from desktop_app.domain.errors import BranchVaultError


class OutputKind(StrEnum):
    """What is at the chosen path now (symlinks followed)."""

    MISSING = "missing"
    REGULAR = "regular"
    DIRECTORY = "directory"
    DEVICE = "device"
    FIFO = "fifo"
    SOCKET = "socket"
    OTHER = "other"


_KIND_TEXT = {
    OutputKind.DIRECTORY: ("文件夹", "a folder"),
    OutputKind.DEVICE: ("设备文件", "a device file"),
    OutputKind.FIFO: ("管道（FIFO）", "a pipe (FIFO)"),
    OutputKind.SOCKET: ("套接字", "a socket"),
    OutputKind.OTHER: ("特殊文件", "a special file"),
}


class OutputRefused(BranchVaultError):
    """A chosen output path the app will not write (exit code 1: refused, not a usage error)."""

    code = "output_refused"


class OutputInsideDataDir(OutputRefused):
    code = "output_inside_data_dir"

    def __init__(self, path: str) -> None:
        self.path = path
        super().__init__(
            f"不能保存到 {path}：这是门店的数据文件夹（或在其中），写入会损坏门店数据。"
            "请选择其他位置，例如“文档”文件夹或 U 盘。没有写入任何文件。",
            f"Cannot save to {path}: it is the branch's data folder (or inside it), and writing there "
            "would damage the branch's data. Choose another place, such as Documents or a USB drive. "
            "No file was written.",
        )


class OutputNotRegularFile(OutputRefused):
    code = "output_not_regular_file"

    def __init__(self, path: str, kind: OutputKind) -> None:
        self.path = path
        self.kind = kind
        zh, en = _KIND_TEXT.get(kind, _KIND_TEXT[OutputKind.OTHER])
        super().__init__(
            f"不能保存到 {path}：那里是{zh}，不是普通文件。请换一个文件名。没有写入任何文件。",
            f"Cannot save to {path}: it is {en}, not an ordinary file. Choose another file name. "
            "No file was written.",
        )


class OutputExists(OutputRefused):
    code = "output_exists"

    def __init__(self, path: str) -> None:
        self.path = path
        super().__init__(
            f"文件 {path} 已存在，未替换。请换一个文件名；确需替换时，在命令行加上 --force（或在窗口中确认替换）。",
            f"The file {path} already exists and was not replaced. Choose another name; to replace it, "
            "add --force on the command line (or confirm replacing it in the window).",
        )


def is_within(path: PurePath, directory: PurePath) -> bool:
    """Whether ``path`` is ``directory`` or lies below it (both already resolved)."""
    return path == directory or directory in path.parents


def output_refusal(
    target: PurePath,
    kind: OutputKind,
    protected: Iterable[PurePath],
    *,
    overwrite: bool,
    shown_as: str | None = None,
    same_file_as_protected: bool = False,
) -> OutputRefused | None:
    """Why the resolved ``target`` (``kind`` is what is there now) must not be written, or None.

    ``protected`` are the resolved data directories; ``same_file_as_protected`` is the store's
    finding that the target or one of its folders *is* a protected directory by file identity
    (a bind mount, a differently-cased path). ``shown_as`` is the path as the user typed it."""
    name = shown_as if shown_as is not None else str(target)
    if same_file_as_protected or any(is_within(target, directory) for directory in protected):
        return OutputInsideDataDir(name)
    if kind not in (OutputKind.MISSING, OutputKind.REGULAR):
        return OutputNotRegularFile(name, kind)
    if kind is OutputKind.REGULAR and not overwrite:
        return OutputExists(name)
    return None
