"""The flow between windows: first-run wizard or sign-in, forced password change, main window,
lock and unlock, switching user, signing out and quitting.

Windows are imported when first needed so that start-up shows the sign-in dialog quickly.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal

from desktop_app.ui.shell import Shell
from desktop_app.ui.sign_in_dialog import SignInDialog

if TYPE_CHECKING:
    from desktop_app.ui.change_password_dialog import ChangePasswordDialog
    from desktop_app.ui.first_run.wizard import FirstRunWizard
    from desktop_app.ui.main_window import MainWindow
    from desktop_app.ui.second_factor_dialog import SecondFactorDialog
    from desktop_app.ui.session_locker import SessionLocker

WARM_UP_DELAY_MS = 300


class AppController(QObject):
    """``finished`` is emitted when the user quits (from the sign-in dialog or the main window)."""

    finished = Signal()
    main_window_shown = Signal()

    def __init__(self, shell: Shell, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.shell = shell
        self.wizard: FirstRunWizard | None = None
        self.sign_in_dialog: SignInDialog | None = None
        self.password_dialog: ChangePasswordDialog | None = None
        self.enrolment_dialog: SecondFactorDialog | None = None
        self.main_window: MainWindow | None = None
        self.locker: SessionLocker | None = None

    def start(self) -> None:
        if self.shell.is_initialised():
            self.show_sign_in()
            # Import the services once the dialog is on screen, while the user types.
            QTimer.singleShot(WARM_UP_DELAY_MS, self.shell.warm_up)
        else:
            self.show_wizard()

    # --- first run -------------------------------------------------------------------------
    def show_wizard(self) -> None:
        from desktop_app.ui.first_run.wizard import FirstRunWizard

        wizard = FirstRunWizard(self.shell, kdf=self.shell.wizard_kdf)
        wizard.completed.connect(self._wizard_completed)
        wizard.rejected.connect(self.finished)
        self.wizard = wizard
        wizard.show()

    def _wizard_completed(self) -> None:
        self.show_main_window()
        self._offer_enrolment_after_set_up()
        if self.wizard is not None:
            self.wizard.deleteLater()
            self.wizard = None

    # --- sign-in ---------------------------------------------------------------------------
    def show_sign_in(self, username: str = "", message: str = "") -> None:
        dialog = SignInDialog(self.shell, username=username, message=message)
        dialog.signed_in.connect(self._signed_in)
        dialog.rejected.connect(self.finished)
        self.sign_in_dialog = dialog
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()

    def _close_sign_in(self) -> None:
        if self.sign_in_dialog is not None:
            self.sign_in_dialog.rejected.disconnect(self.finished)
            self.sign_in_dialog.hide()
            self.sign_in_dialog.deleteLater()
            self.sign_in_dialog = None

    def _signed_in(self) -> None:
        session = self.shell.signed_in().session
        if session.must_change_password:
            self.show_forced_password_change()
        else:
            self._main_window_or_enrolment()
        self._close_sign_in()

    def _main_window_or_enrolment(self) -> None:
        """The policy requires TOTP of this member and none is enrolled: set it up first."""
        if self.shell.signed_in().session.must_enrol_second_factor:
            self.show_forced_enrolment()
        else:
            self.show_main_window()

    def show_forced_enrolment(self) -> None:
        from desktop_app.ui.second_factor_dialog import SecondFactorDialog

        dialog = SecondFactorDialog(self.shell, forced=True)
        dialog.enrolled.connect(self._forced_enrolment_done)
        dialog.rejected.connect(self.sign_out)
        self.enrolment_dialog = dialog
        dialog.show()

    def _forced_enrolment_done(self) -> None:
        self.show_main_window()
        dialog, self.enrolment_dialog = self.enrolment_dialog, None
        if dialog is not None and shiboken6.isValid(dialog):
            dialog.hide()
            dialog.deleteLater()

    def _offer_enrolment_after_set_up(self) -> None:
        """The new branch's administrator: set up the authenticator right away when the policy
        requires it (their next sign-in would insist; this first session does not)."""
        from desktop_app.domain.second_factor_rules import required

        me = self.shell.existing_signed_in()
        if me is not None and self.main_window is not None and required(me.policy, me.session.role):
            self.main_window.show_second_factor()

    def show_forced_password_change(self) -> None:
        from desktop_app.ui.change_password_dialog import ChangePasswordDialog

        dialog = ChangePasswordDialog(self.shell, forced=True)
        dialog.changed.connect(self._forced_change_done)
        dialog.rejected.connect(self.sign_out)
        self.password_dialog = dialog
        dialog.show()

    def _forced_change_done(self) -> None:
        self._main_window_or_enrolment()
        self._drop_password_dialog()

    def _drop_password_dialog(self) -> None:
        dialog, self.password_dialog = self.password_dialog, None
        if dialog is not None and shiboken6.isValid(dialog):
            dialog.hide()
            dialog.deleteLater()

    # --- main window -----------------------------------------------------------------------
    def show_main_window(self) -> None:
        from desktop_app.ui.main_window import MainWindow
        from desktop_app.ui.session_locker import SessionLocker

        self._close_main_window()
        window = MainWindow(self.shell)
        window.sign_out_requested.connect(self.sign_out)
        window.quit_requested.connect(self.quit)
        window.change_password_requested.connect(self.change_password)
        window.lock_screen.user_switched.connect(self._user_switched)
        window.lock_screen.switch_failed.connect(self._switch_failed)
        self.main_window = window
        self.locker = SessionLocker(self.shell, window, self)
        self.shell.lock_state.end_session()
        window.show()
        self.locker.start()
        self.main_window_shown.emit()
        self._show_session_notices(window)
        window.start_client_access_prompts()
        window.start_export_work()
        window.start_training_prompt()
        from desktop_app.ui.security.session_work import start_security_work  # after sign-in only

        start_security_work(self.shell, window)

    def _show_session_notices(self, window: MainWindow) -> None:
        """What sign-in found for the user to know (e.g. an edited branch.toml was restored), once."""
        from desktop_app.ui import dialogs

        me = self.shell.existing_signed_in()
        if me is None:
            return
        session = me.session
        from desktop_app.services.audit_integrity import NOTICE_CODES as AUDIT_NOTICES

        notices, session.notices = list(session.notices), []
        for notice in notices:
            if notice.code == "config_file_restored":
                title = self.tr("Branch configuration restored")
            elif notice.code in AUDIT_NOTICES:  # tampering with the audit log, found and recorded
                title = self.tr("Audit log tampering")
            else:
                title = self.tr("Security warning")
            dialogs.warning(window, title, notice.message(self.shell.lang))

    def _close_main_window(self) -> None:
        self.shell.jobs.cancel_all()  # the session's work stops at its next safe point
        if self.locker is not None:
            self.locker.stop()
            self.locker.deleteLater()
            self.locker = None
        if self.main_window is not None:
            from desktop_app.ui.integrity.integrity_runner import stop_integrity_runner
            from desktop_app.ui.session_locker import close_transient_windows

            stop_integrity_runner(self.main_window)  # a clean end: the run marker goes
            close_transient_windows()
            self.main_window.close_for_app()
            self.main_window.deleteLater()
            self.main_window = None
        self.shell.clipboard.clear_if_ours()
        self.shell.lock_state.end_session()

    def change_password(self) -> None:
        from desktop_app.ui.change_password_dialog import ChangePasswordDialog

        dialog = ChangePasswordDialog(self.shell, forced=False, parent=self.main_window)
        dialog.finished.connect(self._drop_password_dialog)
        if self.main_window is not None:
            status = self.main_window.status
            dialog.changed.connect(lambda: status.showMessage(self.tr("Password changed."), 8000))
        self.password_dialog = dialog
        dialog.open()

    def _user_switched(self) -> None:
        session = self.shell.signed_in().session
        self._close_main_window()
        if session.must_change_password:
            self.show_forced_password_change()
        else:
            self._main_window_or_enrolment()

    def _switch_failed(self, username: str, message: str) -> None:
        self._close_main_window()
        self.show_sign_in(username, message)

    # --- leaving ---------------------------------------------------------------------------
    def _end_session(self, then: Callable[[object], None]) -> None:
        me = self.shell.existing_signed_in()
        if me is None:
            then(None)
            return
        self.shell.set_signed_in(None)

        def sign_out_now() -> None:
            from desktop_app.services.sign_in import sign_out

            sign_out(me)

        self.shell.jobs.run(sign_out_now, then, lambda _exc: then(None))

    def sign_out(self) -> None:
        self._close_main_window()
        self._drop_password_dialog()
        self._end_session(lambda _result: self.show_sign_in())

    def quit(self) -> None:
        self._close_main_window()
        self._drop_password_dialog()
        self._end_session(lambda _result: self.finished.emit())

    def shutdown(self) -> None:
        """After the event loop ends: make sure nothing is left signed in or running."""
        self._close_main_window()
        self.shell.jobs.shutdown()
        me = self.shell.existing_signed_in()
        if me is not None:
            from desktop_app.services.sign_in import sign_out

            self.shell.set_signed_in(None)
            sign_out(me)
