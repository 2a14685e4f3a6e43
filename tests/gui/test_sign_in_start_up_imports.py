"""What Python has loaded when the sign-in window first shows (issue 11: start to sign-in window
at most 1.3x a trivial PySide6 window, tests/bench/test_bench_startup.py).

Rule: ``branchvault`` / ``branchvault gui --data-dir DIR`` on a set-up branch imports Qt, the UI
modules of the sign-in dialog and the standard library they need, nothing else: no domain, service,
store or document module (they load in the background once the window shows, ui/shell.py ``warm_up``),
no PDF, spreadsheet, phone-number, pinyin, crypto or database library, and not the full command
parser (fifty sub-parsers, desktop_app/cli/parser.py) or the terminal output. (argparse itself is
loaded by PySide6's own signature support, in a trivial window too.) Run in a child
process, offscreen, through the real entry point; the modules are listed the moment the window is
shown and painted, before the warm-up timer fires.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

HEAVY_PREFIXES = (
    "reportlab",
    "PIL",
    "openpyxl",
    "phonenumbers",
    "pypinyin",
    "stdnum",
    "cryptography",
    "sqlcipher3",
    "argon2",
    "keyring",
    "pypdfium2",
    "tomllib",
    "platformdirs",
    "desktop_app.domain",
    "desktop_app.services",
    "desktop_app.store",
    "desktop_app.documents",
    "desktop_app.cli.parser",
    "desktop_app.cli.commands",
    "desktop_app.cli.terminal",
    "desktop_app.cli.failures",
    "desktop_app.cli.access_commands",
    "desktop_app.cli.consent_commands",
    "desktop_app.cli.provision_command",
    "desktop_app.cli.config_command",
)

CHILD = """
import json, os, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

def _poll():
    shown = [w for w in QApplication.topLevelWidgets() if w.isVisible() and w.windowHandle() is not None]
    if not shown:
        QTimer.singleShot(1, _poll)
        return
    QApplication.processEvents()
    print(json.dumps({"window": type(shown[0]).__name__, "modules": sorted(sys.modules)}), flush=True)
    os._exit(0)

import desktop_app.ui.application as application
_start = application.start_gui
def _start_and_poll(*args, **kwargs):
    controller = _start(*args, **kwargs)
    QTimer.singleShot(0, _poll)
    return controller
application.start_gui = _start_and_poll
from desktop_app.cli.main import main
main(sys.argv[1:])
"""


def heavy(modules: list[str]) -> list[str]:
    return [m for m in modules if any(m == p or m.startswith(p + ".") for p in HEAVY_PREFIXES)]


def modules_at_sign_in(*args: str) -> tuple[str, list[str]]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    done = subprocess.run(
        [sys.executable, "-c", CHILD, *args], capture_output=True, text=True, env=env, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    return report["window"], report["modules"]


@pytest.fixture
def set_up_branch(tmp_path: Path) -> Path:
    """A data directory the shell takes as set up (it only looks for these files before sign-in)."""
    (tmp_path / "branch.toml").write_text('[branch]\ncode = "SZ001"\n', encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("command", [(), ("gui",)], ids=["no-command", "gui"])
def test_the_sign_in_window_shows_without_heavy_modules(
    set_up_branch: Path, command: tuple[str, ...]
) -> None:
    window, modules = modules_at_sign_in(*command, "--data-dir", str(set_up_branch))
    assert window == "SignInDialog"
    assert heavy(modules) == []


def test_the_checked_list_would_catch_a_heavy_import() -> None:
    assert heavy(
        ["reportlab.pdfgen", "desktop_app.services.sign_in", "desktop_app.cli.parser", "PySide6"]
    ) == [
        "reportlab.pdfgen",
        "desktop_app.services.sign_in",
        "desktop_app.cli.parser",
    ]
