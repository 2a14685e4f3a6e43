"""The schedule part of ``branchvault backup`` (``schedule``, ``drill``): the schedule helper fills
this hook; ``cli/backup_commands.py`` calls ``add_backup_schedule_parsers`` on its subparsers and
hands any subcommand it does not know to ``cmd_backup_schedule``."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from desktop_app.cli.terminal import Output


def add_backup_schedule_parsers(backup_sub: Any, common: Any = None) -> None:
    """Add ``backup schedule`` and ``backup drill`` (filled by the schedule part)."""


def cmd_backup_schedule(args: argparse.Namespace, out: Output) -> int:
    """Run a schedule subcommand; 2 (usage) for anything unknown."""
    return 2
