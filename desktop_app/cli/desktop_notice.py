"""Showing why the GUI cannot start when nobody reads the terminal (started from the desktop menu).

Rule: when ``branchvault`` refuses to start its window for want of Qt libraries and its error
output is not a terminal (the desktop entry's ``Exec=/usr/bin/branchvault`` sends it to the session
log), the same bilingual message is shown with the desktop's own dialog tool, the first of
``zenity``, ``kdialog``, ``notify-send`` and ``xmessage`` that is installed and works. None of them
needs the Qt library that is missing. Without a display, or with a terminal, only the terminal
message is printed.

Reason: a sales agent who clicks the menu entry on a desktop without ``libxcb-cursor0`` would
otherwise see nothing happen at all (issue 11: a first run that works on a real desktop).
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable, Mapping, Sequence

TITLE = "BranchVault 门店客户信息保险箱"
DIALOG_SECONDS = 600  # a modal dialog waits for the person; never longer than this

Arguments = Callable[[str, str], Sequence[str]]

DIALOG_TOOLS: tuple[tuple[str, Arguments, frozenset[int]], ...] = (
    # (program, its arguments for title and text, the exit codes meaning "it was shown")
    ("zenity", lambda title, text: ("--error", "--no-markup", "--no-wrap", f"--title={title}", f"--text={text}"),
     frozenset({0, 1})),  # 1: the window was closed instead of OK
    ("kdialog", lambda title, text: ("--title", title, "--error", text), frozenset({0, 1})),
    ("notify-send", lambda title, text: ("--urgency=critical", title, text), frozenset({0})),
    ("xmessage", lambda title, text: ("-center", f"{title}\n\n{text}"), frozenset({0})),
)  # fmt: skip


def show_on_desktop(text: str, env: Mapping[str, str]) -> str | None:
    """Show ``text`` with the first dialog tool that works; its name, or None when none could
    (no display, none installed, or each failed). Never raises."""
    if not (env.get("DISPLAY") or env.get("WAYLAND_DISPLAY")):
        return None
    for program, arguments, shown in DIALOG_TOOLS:
        path = shutil.which(program, path=env.get("PATH"))
        if path is None:
            continue
        try:
            finished = subprocess.run(
                [path, *arguments(TITLE, text)],
                env=dict(env),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                timeout=DIALOG_SECONDS,
                check=False,
            )
        except (OSError, subprocess.SubprocessError):
            continue
        if finished.returncode in shown:
            return program
    return None
