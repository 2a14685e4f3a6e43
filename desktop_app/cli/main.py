"""``branchvault``: dispatch. With no command it starts the GUI.

The GUI's own command lines (none, ``gui``, either with ``--data-dir DIR``) are recognised here
without argparse, and the GUI path imports neither the full parser (desktop_app/cli/parser.py)
nor the terminal output: building fifty sub-parsers cost about a sixth of the time to the sign-in
window (issue 11). Every other command line goes through the full parser, as before.

Exit codes: 0 success; 1 refused or a failed check; 2 usage error.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.domain.errors import BranchVaultError

if TYPE_CHECKING:
    import argparse

    from desktop_app.cli.terminal import Output

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
ENV_DEBUG = "BRANCHVAULT_DEBUG"


def version_text() -> str:
    """``BranchVault X.Y.Z`` (see ``desktop_app.cli.parser.version_text``)."""
    from desktop_app.cli.parser import version_text as text

    return text()


def gui_arguments(argv: Sequence[str]) -> tuple[bool, Path | None]:
    """``(True, data_dir)`` when ``argv`` only starts the GUI: ``[]``, ``[--data-dir DIR]``,
    ``[gui]`` or ``[gui, --data-dir DIR]`` (also ``--data-dir=DIR``); ``(False, None)`` for anything
    else, which the full parser handles (help, version, other commands, usage errors)."""
    rest = list(argv)
    if rest[:1] == ["gui"]:
        rest = rest[1:]
    if not rest:
        return True, None
    if len(rest) == 1 and rest[0].startswith("--data-dir="):
        value = rest[0].partition("=")[2]
    elif len(rest) == 2 and rest[0] == "--data-dir":
        value = rest[1]
    else:
        return False, None
    if not value or value.startswith("-"):
        return False, None
    return True, Path(value)


def _never_fail_on_encoding() -> None:
    """A console or redirect that cannot encode Chinese (cp1252, ASCII) must not turn a finished
    command, such as an ``init`` about to show its recovery code, into a failure: characters it
    cannot encode are written as backslash-u escapes (still valid inside JSON strings)."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)  # None under pythonw, or when replaced
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")


def _database_error(exc: Exception) -> BranchVaultError | None:
    """The bilingual error for an SQLite failure met after the database was opened, if it is one we
    can name: a damaged file, or a database kept busy by another window or command."""
    import sqlcipher3

    from desktop_app.store.database import CorruptDatabase

    code = getattr(exc, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    if primary in (sqlcipher3.SQLITE_CORRUPT, sqlcipher3.SQLITE_NOTADB):
        return CorruptDatabase()
    if primary in (sqlcipher3.SQLITE_BUSY, sqlcipher3.SQLITE_LOCKED):
        return BranchVaultError(
            "门店数据库正被另一个 BranchVault 窗口或命令占用，请稍后再试。",
            "The branch database is busy (another BranchVault window or command is using it). Try again shortly.",
            code="database_busy",
        )
    return None


def main(argv: Sequence[str] | None = None) -> int:
    _never_fail_on_encoding()
    argv = sys.argv[1:] if argv is None else list(argv)
    gui_only, data_dir = gui_arguments(argv)
    if gui_only:  # the GUI path loads no service, parser or terminal code up front (start-up time)
        from desktop_app.cli.gui_launch import start_gui

        return _run(lambda: start_gui(data_dir), _plain_output)
    from desktop_app.cli.parser import build_parser

    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    # The commands are imported after parsing: --help, --version and usage errors answer without them.
    handler: Callable[[argparse.Namespace, Output], int] | None
    if args.command == "self-test" and args.qt_child:  # run by the self-test itself, from source or frozen
        from desktop_app.cli.self_test import qt_child_main

        return qt_child_main()
    if (args.command or "gui") == "gui":
        from desktop_app.cli.gui_launch import cmd_gui

        handler = cmd_gui
    else:
        from desktop_app.cli import commands

        handler = commands.HANDLERS.get(args.command)
    if handler is None:
        parser.print_help()
        return EXIT_USAGE
    from desktop_app.cli.terminal import Output

    out = Output(getattr(args, "json", False))
    chosen = handler
    return _run(lambda: chosen(args, out), lambda: out)


def _plain_output() -> Output:
    from desktop_app.cli.terminal import Output

    return Output(False)


def _run(command: Callable[[], int], output: Callable[[], Output]) -> int:
    """Run a command, mapping its failures to one bilingual line on ``output()`` and an exit code
    (never a traceback). ``output`` is called only on failure (the GUI path needs no terminal)."""
    try:
        return command()
    except BranchVaultError as error:
        output().error(error)
        return error.exit_code
    except KeyboardInterrupt:
        return EXIT_FAILED
    except OSError as exc:  # e.g. an output file that cannot be written
        output().error(
            BranchVaultError(
                f"无法读写文件：{exc.filename or exc}（{exc.strerror or exc}）。",
                f"Cannot read or write a file: {exc.filename or exc} ({exc.strerror or exc}).",
            )
        )
        return EXIT_FAILED
    except Exception as exc:
        import sqlcipher3

        if isinstance(exc, sqlcipher3.DatabaseError):
            known = _database_error(exc)
            if known is not None:
                output().error(known)
                return EXIT_FAILED
        if os.environ.get(ENV_DEBUG):
            raise
        # Scripts and IT see one clear line, never a traceback; BRANCHVAULT_DEBUG=1 shows it.
        detail = f"{type(exc).__name__}: {exc}"
        output().error(
            BranchVaultError(
                f"意外错误（{detail}）。请把这条信息告知 IT；设置 {ENV_DEBUG}=1 可显示详细信息。",
                f"Unexpected error ({detail}). Report this message to IT; set {ENV_DEBUG}=1 for details.",
                code="unexpected_error",
            )
        )
        return EXIT_FAILED


if __name__ == "__main__":
    sys.exit(main())
