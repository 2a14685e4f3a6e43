"""``branchvault``: dispatch. With no command it starts the GUI.

The GUI's own command lines (none, ``gui``, either with ``--data-dir DIR``) are recognised here
without argparse, and the GUI path imports neither the full parser (desktop_app/cli/parser.py)
nor the terminal output: building fifty sub-parsers cost about a sixth of the time to the sign-in
window (issue 11). Every other command line goes through the full parser, as before.

Exit codes: 0 success; 1 refused or a failed check; 2 usage error.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

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
    (never a traceback). The mapping (desktop_app/cli/failures.py) and ``output`` are loaded only
    once something failed: the GUI path needs neither."""
    try:
        return command()
    except KeyboardInterrupt:
        return EXIT_FAILED
    except Exception as exc:
        from desktop_app.cli.failures import report_failure

        return report_failure(exc, output)


if __name__ == "__main__":
    sys.exit(main())
