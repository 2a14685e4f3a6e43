"""What the client areas show to an agent or manager who does not hold the client-data key.

Rule: a member is "pending" until a manager, hearing the member's confirmation code read out in
person, confirms them (services/client_access.py); before the branch's first manager creates the key
everyone is "not set up". Such a session has no clients.db attached, so instead of the Clients,
Requests and Consent pages (which would query it) the area shows this panel: why, and the code to
read out, large. The code is shown only after the member set a new password in this session (a key
pair nobody else can open: IT may know the password it gave, or set one itself), so the panel first
offers that. A pending manager may use the client-data recovery code instead; a manager on a branch
without a key may create it. Nothing here touches the database.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop_app.domain.navigation import Area
from desktop_app.domain.roles import Role
from desktop_app.services.session import ACCESS_NOT_SET_UP, ACCESS_PENDING, Session
from desktop_app.ui.client_access.code_dialog import big_code_label
from desktop_app.ui.retranslate import Retranslating
from desktop_app.ui.shell import Shell

# the areas that read clients.db (the summaries for headquarters live there too)
CLIENT_DATA_AREAS = frozenset({Area.CLIENTS, Area.REQUESTS, Area.CONSENT, Area.EXPORTS})
WAITING_STATES = frozenset({ACCESS_PENDING, ACCESS_NOT_SET_UP})


def shows_waiting_panel(session: Session, area: Area) -> bool:
    return area in CLIENT_DATA_AREAS and session.client_access in WAITING_STATES


class ClientAccessWaitingPanel(Retranslating, QWidget):
    """``access_granted`` is emitted when this session came to hold the key through this panel."""

    access_granted = Signal()

    def __init__(self, shell: Shell, area: Area, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shell = shell
        self.area = area
        session = shell.signed_in().session
        self.session = session
        self.state = session.client_access
        self.title = QLabel()
        title_font = self.title.font()
        title_font.setPointSizeF(title_font.pointSizeF() * 1.4)
        title_font.setBold(True)
        self.title.setFont(title_font)
        self.title.setWordWrap(True)
        self.body = QLabel()
        self.body.setWordWrap(True)
        self.code_heading = QLabel()
        self.code_heading.setWordWrap(True)
        self.code_label = big_code_label()
        self.password_button = QPushButton()
        self.password_button.clicked.connect(self.set_new_password)
        self.instruction = QLabel()
        self.instruction.setWordWrap(True)
        self.recovery_button = QPushButton()
        self.recovery_button.clicked.connect(self.use_recovery_code)
        self.set_up_button = QPushButton()
        self.set_up_button.clicked.connect(self.set_up_key)
        is_manager = session.role is Role.MANAGER and not session.must_change_password
        self.recovery_button.setVisible(is_manager and self.state == ACCESS_PENDING)
        self.set_up_button.setVisible(is_manager and self.state == ACCESS_NOT_SET_UP)

        box = QFrame()
        box.setFrameShape(QFrame.Shape.StyledPanel)
        box.setMaximumWidth(760)
        inner = QVBoxLayout(box)
        inner.setContentsMargins(24, 24, 24, 24)
        inner.setSpacing(12)
        inner.addWidget(self.title)
        inner.addWidget(self.body)
        inner.addWidget(self.code_heading)
        inner.addWidget(self.code_label)
        inner.addWidget(self.instruction)
        buttons = QHBoxLayout()
        buttons.addWidget(self.password_button)
        buttons.addWidget(self.recovery_button)
        buttons.addWidget(self.set_up_button)
        buttons.addStretch(1)
        inner.addLayout(buttons)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(box, 4)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addSpacing(24)
        layout.addLayout(row)
        layout.addStretch(1)
        self._show_code()
        self.retranslate()

    def _show_code(self) -> None:
        code = self.session.confirmation_code
        self.code_label.setText(code)
        self.code_label.setVisible(bool(code))
        self.code_heading.setVisible(bool(code))
        self.password_button.setVisible(not code and not self.session.must_change_password)

    def showEvent(self, event: QShowEvent) -> None:
        self._show_code()  # another area's panel may have got the code meanwhile
        self.retranslate()
        super().showEvent(event)

    def set_new_password(self) -> None:
        from desktop_app.ui.change_password_dialog import ChangePasswordDialog

        dialog = ChangePasswordDialog(self.shell, forced=False, parent=self.window())
        dialog.changed.connect(self._password_changed)
        self.password_dialog = dialog
        dialog.open()

    def _password_changed(self) -> None:
        self._show_code()
        self.retranslate()

    def retranslate(self) -> None:
        if self.state == ACCESS_NOT_SET_UP:
            self.title.setText(self.tr("No client-data key yet"))
            self.body.setText(
                self.tr(
                    "Client data in this branch is kept under a client-data key that does not exist "
                    "yet. A branch manager creates it when they sign in with their own password; "
                    "until then no one can open client records."
                )
            )
            self.instruction.setText(
                self.tr(
                    "Once the key exists, read this code to a branch manager in person (never by phone "
                    "or chat) so they can confirm you."
                )
            )
        else:
            self.title.setText(self.tr("Waiting for a manager to confirm your access to client data"))
            self.body.setText(
                self.tr(
                    "Only agents and managers a branch manager has confirmed can open client records. "
                    "You are not confirmed yet, or your access ended when your password was reset."
                )
            )
            self.instruction.setText(
                self.tr(
                    "Read this code to a branch manager in person (never by phone or chat). They type it "
                    "in BranchVault under Client data → Confirm staff access. Then sign out and sign in "
                    "again. If the code they see differs, do not go on: tell IT's supervisor."
                )
            )
        if not self.session.confirmation_code:
            self.instruction.setText(
                self.tr(
                    "To get your confirmation code, set a new password now, in front of the manager who "
                    "will confirm you: only a password you chose yourself protects your access."
                )
            )
        self.code_heading.setText(self.tr("Your confirmation code:"))
        self.password_button.setText(self.tr("Set a &new password to get your code…"))
        self.recovery_button.setText(self.tr("Use the client-data &recovery code…"))
        self.set_up_button.setText(self.tr("&Create the client-data key…"))

    def code_text(self) -> str:
        return self.code_label.text() if self.code_label.isVisibleTo(self) else ""

    def text(self) -> str:
        return "\n".join(
            label.text()
            for label in (self.title, self.body, self.code_heading, self.code_label, self.instruction)
            if label.isVisibleTo(self)
        )

    def use_recovery_code(self) -> None:
        from desktop_app.ui.client_access.recovery_entry_dialog import UseRecoveryCodeDialog

        self._open(UseRecoveryCodeDialog(self.shell, self.window()))

    def set_up_key(self) -> None:
        from desktop_app.ui.client_access.key_setup_dialog import ClientKeySetUpDialog

        self._open(ClientKeySetUpDialog(self.shell, self.window()))

    def _open(self, dialog: QWidget) -> None:
        # parented to the window, not to this panel: the panel is replaced once access is granted,
        # while the dialog still shows the recovery code
        from desktop_app.ui.client_access.code_dialog import CodeOnceDialog

        assert isinstance(dialog, CodeOnceDialog)
        dialog.access_granted.connect(self.access_granted)
        self.dialog = dialog  # lives as long as the window, so the idle lock can bring it back
        dialog.open()
