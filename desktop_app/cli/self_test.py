"""``branchvault self-test``: the service checks plus one the command line alone owns, starting Qt.

The Qt check lives here, not in ``desktop_app.services``, so that no module below the UI ever
imports PySide6 (tests/unit/test_layers.py). It starts Qt offscreen in a child process, so a broken
Qt cannot take this process down, and asks the child for PySide6's version: this process never
loads Qt at all.
"""

from __future__ import annotations

import os
import subprocess
import sys

from desktop_app.services.self_test import (
    Check,
    check_fonts,
    check_keyring,
    check_sqlcipher,
    check_translations,
    run_self_test,
)

_QT_PROBE = (
    "import sys, PySide6;from PySide6.QtWidgets import QApplication, QWidget;"
    "app=QApplication(sys.argv);w=QWidget();w.show();app.processEvents();"
    "print(PySide6.__version__, app.platformName())"
)


def check_qt() -> Check:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    try:
        out = subprocess.run(
            [sys.executable, "-c", _QT_PROBE], capture_output=True, text=True, timeout=60, env=env
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return Check("qt", False, str(exc))
    if out.returncode != 0:
        return Check("qt", False, (out.stderr.strip().splitlines() or ["Qt failed"])[-1])
    version, _, platform = out.stdout.strip().rpartition("\n")[-1].partition(" ")
    return Check("qt", True, f"PySide6 {version}, platform {platform}")


def run_all_checks() -> list[Check]:
    return run_self_test((check_sqlcipher, check_keyring, check_qt, check_fonts, check_translations))
