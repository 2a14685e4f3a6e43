"""Starting the GUI from the command line. Kept apart from the other commands so that
``branchvault`` with no command imports only Qt and the UI, not every service (start-up time)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import argparse

    from desktop_app.cli.terminal import Output


def cmd_gui(args: argparse.Namespace, out: Output) -> int:
    data_dir = getattr(args, "data_dir", None) or getattr(args, "gui_data_dir", None)
    return start_gui(Path(data_dir) if data_dir else None)


def start_gui(data_dir: Path | None, *, demo: bool = False) -> int:
    os.environ.setdefault("QT_ENABLE_HIGHDPI_SCALING", "1")
    try:
        from desktop_app.cli.display_check import require_usable_display

        require_usable_display()  # before QApplication: Qt aborts (exit 134) without a platform
        from desktop_app.ui.application import run_gui
    except ImportError as exc:
        from desktop_app.domain.errors import BranchVaultError

        raise BranchVaultError(
            f"无法启动图形界面（{exc}）。命令行功能仍可使用，见 branchvault --help。",
            f"The graphical interface cannot start ({exc}). The commands still work: see branchvault --help.",
            code="gui_unavailable",
        ) from exc
    return run_gui(data_dir, demo=demo)
