"""The CLI's output-file options (``--out``, ``--rejects-out``, ``--recovery-sheet``) and ``--force``.

Every command checks its output path here before any work is done (before the password is asked),
and writes through store/output_paths.py, which checks again. Refused (exit 1): a path in the
branch's data directory, a device/FIFO/socket, an existing file without ``--force``. A usage error
(exit 2): a path whose folder does not exist or is not writable, or that names a folder.
Only argparse is imported up front: the parser is built at every start.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path


def add_force_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--force", action="store_true", help="replace the output file if it already exists")


def output_path(text: str, data_dir: str | None, *, force: bool) -> Path:
    """Check an output file's path before any work is done, so a mistake fails early and clearly."""
    from desktop_app.domain.errors import InvalidInput  # local: ``branchvault`` starts fast
    from desktop_app.domain.output_targets import OutputInsideDataDir
    from desktop_app.store.data_dir import resolve_data_dir
    from desktop_app.store.output_paths import check_output, inspect_output

    path = Path(text).expanduser()
    _, refusal = inspect_output(path, resolve_data_dir(data_dir))
    if isinstance(refusal, OutputInsideDataDir):  # before "is a folder": the data dir itself is one
        raise refusal
    if path.is_dir() or not path.parent.is_dir() or not os.access(path.parent, os.W_OK):
        raise InvalidInput(
            f"无法写入 {path}：所在文件夹不存在或不可写，或该路径是文件夹。",
            f"Cannot write {path}: its folder does not exist or is not writable, or the path is a folder.",
        )
    check_output(path, resolve_data_dir(data_dir), overwrite=force)
    return path
