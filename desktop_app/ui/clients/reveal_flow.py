"""The steps of revealing one field of one client, for the detail page.

Ask the reason (RevealReasonDialog), call ``client_reveal.reveal_field`` on the database lane, and when the
service says so, first confirm the password (RevealPasswordDialog) or have a manager lift the bulk
guard (ManagerOverrideDialog), then try the same reveal again. The sub-dialogs open window-modal
without a nested event loop; the one showing is kept in ``reason_dialog`` / ``password_dialog`` /
``override_dialog`` (tests answer them there). The revealed value goes only to ``revealed``; once
a step is answered the page gets the focus back (the page shows a value only while it is active).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QWidget

from desktop_app.domain.reveal_policy import RevealableField
from desktop_app.ui.clients.manager_override_dialog import ManagerOverrideDialog
from desktop_app.ui.clients.reveal_password_dialog import RevealPasswordDialog
from desktop_app.ui.clients.reveal_reason_dialog import RevealReasonDialog
from desktop_app.ui.shell import Shell

_D = TypeVar("_D", bound=QDialog)


@dataclass(frozen=True)
class RevealRequest:
    client_id: int
    field: RevealableField
    reason: str
    reason_text: str


class RevealFlow(QObject):
    """``start(field)`` runs the steps; ``revealed(field code, RevealedValue)`` or ``failed(text)``
    (nothing is emitted when the user cancels a step)."""

    revealed = Signal(str, object)
    failed = Signal(str)
    busy_changed = Signal(bool)

    def __init__(self, shell: Shell, client_id: int, for_username: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.shell = shell
        self.client_id = client_id
        self.for_username = for_username
        self.window = parent
        self.busy = False
        self.reason_dialog: RevealReasonDialog | None = None
        self.password_dialog: RevealPasswordDialog | None = None
        self.override_dialog: ManagerOverrideDialog | None = None

    def start(self, field: RevealableField | str) -> RevealReasonDialog | None:
        if self.busy:
            return None
        which = RevealableField(field)
        dialog = RevealReasonDialog(self.shell, which, self.window)
        dialog.chosen.connect(
            lambda reason, text: self._request(RevealRequest(self.client_id, which, reason, text))
        )
        self.reason_dialog = self._open(dialog)
        return dialog

    def _open(self, dialog: _D) -> _D:
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.busy_changed.emit(busy)

    def _request(self, request: RevealRequest) -> None:
        # The user has just answered a step dialog on this page: give the page the focus back (as
        # most desktops do when a dialog closes), since the value is shown only while it is active.
        if self.window.isVisible():
            self.window.activateWindow()
        from desktop_app.services.client_reveal import reveal_field

        self._set_busy(True)
        self.shell.call(
            reveal_field,
            request.client_id,
            request.field,
            request.reason,
            request.reason_text,
            on_ok=lambda result: self._succeeded(request, result),
            on_error=lambda exc: self._failed(request, exc),
            owner=self,
        )

    def _succeeded(self, request: RevealRequest, result: object) -> None:
        self._set_busy(False)
        self.revealed.emit(request.field.value, result)

    def _failed(self, request: RevealRequest, exc: BaseException) -> None:
        from desktop_app.services.client_reveal import BulkRevealBlocked, ReauthenticationRequired

        self._set_busy(False)
        if isinstance(exc, ReauthenticationRequired):
            password = RevealPasswordDialog(self.shell, self.window)
            password.confirmed.connect(lambda: self._request(request))
            self.password_dialog = self._open(password)
        elif isinstance(exc, BulkRevealBlocked):
            override = ManagerOverrideDialog(
                self.shell, self.for_username, self.shell.error_text(exc), self.window
            )
            override.allowed.connect(lambda: self._request(request))
            self.override_dialog = self._open(override)
        else:
            self.failed.emit(self.shell.error_text(exc))
