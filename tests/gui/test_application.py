"""Start-up: the wizard for an empty data directory, the sign-in dialog otherwise, the demo marker,
the saved language, and run_gui's event loop ending when the user quits."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from desktop_app.services.context import build_context
from desktop_app.store.user_settings import UserSettings, save_user_settings
from desktop_app.ui.application import run_gui, start_gui
from desktop_app.ui.first_run.wizard import FirstRunWizard
from desktop_app.ui.sign_in_dialog import SignInDialog


def _cleanup(controller) -> None:
    controller.shutdown()
    controller.shell.language.uninstall()
    for widget in QApplication.topLevelWidgets():
        widget.close()


def test_an_empty_data_directory_starts_the_wizard(qtbot, data_dir) -> None:
    controller = start_gui(data_dir)
    try:
        assert isinstance(controller.wizard, FirstRunWizard) and controller.wizard.isVisible()
        assert controller.sign_in_dialog is None
    finally:
        _cleanup(controller)


def test_a_set_up_branch_starts_at_sign_in_with_the_saved_language(qtbot, branch) -> None:
    save_user_settings(branch.ctx.paths.user_settings, UserSettings(language="zh_CN"))
    controller = start_gui(branch.ctx.paths.root, demo=True)
    try:
        dialog = controller.sign_in_dialog
        assert isinstance(dialog, SignInDialog) and dialog.isVisible()
        assert dialog.windowTitle() == "BranchVault — 登录"
        assert dialog.demo_label.isVisible() and "演示档案" in dialog.demo_label.text()
        # The services are imported and the context built in the background after the dialog shows.
        qtbot.waitUntil(lambda: controller.shell.existing_context() is not None, timeout=10_000)
        qtbot.waitUntil(lambda: not controller.shell.jobs.busy)
        assert dialog.branch_label.text() == "深圳南山店"  # filled in from the loaded configuration
    finally:
        _cleanup(controller)


def test_run_gui_returns_when_the_user_quits(qapp, branch) -> None:
    def quit_from_sign_in() -> None:
        dialog = next(
            w for w in QApplication.topLevelWidgets() if isinstance(w, SignInDialog) and w.isVisible()
        )
        dialog.quit_button.click()

    QTimer.singleShot(0, quit_from_sign_in)
    try:
        assert run_gui(branch.ctx.paths.root, demo=False) == 0
    finally:
        qapp.setQuitOnLastWindowClosed(True)
        for widget in QApplication.topLevelWidgets():
            widget.close()


def test_start_gui_accepts_a_prepared_context(qtbot, branch) -> None:
    ctx = build_context(branch.ctx.paths.root, clock=branch.ctx.clock)
    controller = start_gui(None, ctx=ctx, idle_lock_ms=1234)
    try:
        assert controller.shell.existing_context() is ctx
        assert controller.shell.idle_interval_ms() == 1234
    finally:
        _cleanup(controller)
