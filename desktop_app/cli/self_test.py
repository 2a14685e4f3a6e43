"""``branchvault self-test``: the service checks plus the ones the command line alone owns, with Qt.

The Qt checks live here, not in ``desktop_app.services``, so that no module below the UI ever
imports PySide6 (tests/unit/test_layers.py). Qt runs offscreen in a child process, so a broken Qt
cannot take this process down and this process never loads Qt at all. The child is this program
again with a hidden flag (``branchvault self-test --qt-child``): ``python -m desktop_app`` from
source, the bundle's own executable when frozen (there ``sys.executable`` is the bundle). It starts
a QApplication, shows the sign-in window over an empty temporary data directory, switches it to
Chinese and loads the zh_CN catalogue with a QTranslator, and prints one JSON line of findings.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import Any

from desktop_app.services.self_test import (
    Check,
    check_fonts,
    check_keyring,
    check_sqlcipher,
    run_self_test,
)
from desktop_app.services.self_test import check_translations as check_catalogues

CHILD_TIMEOUT_S = 60.0
PROBE_CONTEXT = "SignInDialog"
PROBE_TEXT = "Sign in to BranchVault"  # the sign-in window's heading


def child_command() -> list[str]:
    """This program with the hidden child flag, from source or from a frozen bundle."""
    program = [sys.executable] if getattr(sys, "frozen", False) else [sys.executable, "-m", "desktop_app"]
    return [*program, "self-test", "--qt-child"]


def qt_child_report() -> dict[str, Any]:
    """Runs in the child: Qt offscreen, the sign-in window shown and closed, zh_CN translations."""
    import tempfile
    from pathlib import Path

    import PySide6
    from PySide6.QtCore import QTranslator
    from PySide6.QtWidgets import QApplication

    from desktop_app.ui.translation_files import compiled_catalogue

    app = QApplication.instance() or QApplication([sys.argv[0]])
    report: dict[str, Any] = {"pyside": PySide6.__version__, "platform": app.platformName()}  # type: ignore[attr-defined]
    qm = compiled_catalogue("zh_CN")
    translator = QTranslator()
    report["catalogue"] = qm.name if qm is not None else ""
    report["translated"] = (
        translator.translate(PROBE_CONTEXT, PROBE_TEXT) if qm is not None and translator.load(str(qm)) else ""
    )
    with tempfile.TemporaryDirectory(prefix="bv-selftest-qt-") as tmp:
        from desktop_app.ui.shell import Shell
        from desktop_app.ui.sign_in_dialog import SignInDialog

        shell = Shell(Path(tmp) / "branch")  # no branch there: nothing is opened or written
        shell.language.apply("zh_CN")
        dialog = SignInDialog(shell)
        dialog.show()
        app.processEvents()
        report["sign_in_visible"] = dialog.isVisible()
        report["sign_in_heading"] = dialog.heading.text()
        dialog.close()
        app.processEvents()
        shell.jobs.shutdown(5_000)
        shell.language.uninstall()
    return report


def qt_child_main() -> int:
    """``branchvault self-test --qt-child``: print the report as one JSON line."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    print(json.dumps(qt_child_report(), ensure_ascii=False), flush=True)
    return 0


class QtChild:
    """Runs the child once and turns its report into the ``qt`` and ``translations`` checks."""

    def __init__(self, timeout: float = CHILD_TIMEOUT_S) -> None:
        self.timeout = timeout
        self._report: dict[str, Any] | None = None
        self._error = ""

    def report(self) -> dict[str, Any] | None:
        if self._report is None and not self._error:
            self._report, self._error = _run_child(self.timeout)
        return self._report

    def check_qt(self) -> Check:
        report = self.report()
        if report is None:
            return Check("qt", False, self._error)
        platform = report.get("platform", "")
        visible = report.get("sign_in_visible") is True
        return Check(
            "qt",
            visible,
            f"PySide6 {report.get('pyside', '?')}, platform {platform}, sign-in window shown: {visible}",
        )

    def check_translations(self) -> Check:
        files = check_catalogues()
        report = self.report()
        if report is None:
            return Check("translations", False, f"{files.detail}; Qt not started: {self._error}")
        translated = str(report.get("translated", ""))
        heading = str(report.get("sign_in_heading", ""))
        loaded = bool(translated) and translated != PROBE_TEXT and heading == translated
        return Check(
            "translations",
            files.ok and loaded,
            f"{files.detail}; {report.get('catalogue') or 'no zh_CN catalogue'}: "
            f"{PROBE_TEXT!r} -> {translated!r}, sign-in heading {heading!r}",
        )


def _run_child(timeout: float) -> tuple[dict[str, Any] | None, str]:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    try:
        out = subprocess.run(
            child_command(),
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=timeout,
            env=env,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return None, str(exc)
    last = (out.stdout.strip().splitlines() or [""])[-1]
    if out.returncode != 0 or not last.startswith("{"):
        return None, (out.stderr.strip().splitlines() or [f"Qt child exited with {out.returncode}"])[-1]
    try:
        return json.loads(last), ""
    except ValueError:
        return None, f"unreadable Qt child output: {last[:200]}"


def check_qt() -> Check:
    return QtChild().check_qt()


def check_desktop() -> Check:
    """Whether a window could open on a desktop here (Linux: the xcb plugin's system libraries).
    Not required: IT may run the self-test where no one will ever open the window."""
    from desktop_app.cli.display_check import xcb_plugin_problem

    problem = xcb_plugin_problem()
    return Check("desktop", not problem, problem or "the Qt platform plugin's libraries load", required=False)


def run_all_checks() -> list[Check]:
    child = QtChild()
    return run_self_test(
        (check_sqlcipher, check_keyring, child.check_qt, check_desktop, check_fonts, child.check_translations)
    )
