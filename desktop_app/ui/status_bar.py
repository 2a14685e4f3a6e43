"""The main window's status bar: who is signed in, their role, the branch, the keyring state,
a permanent warning when the branch runs without a keyring, and the demo marker."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from desktop_app.domain.letterhead import Letterhead
from desktop_app.services.session import Session
from desktop_app.ui.form_parts import WARNING_STYLE
from desktop_app.ui.retranslate import Retranslating


class SessionStatusBar(Retranslating, QStatusBar):
    def __init__(
        self,
        session: Session,
        branch: Letterhead,
        *,
        use_keyring: bool,
        demo: bool,
        language: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.branch = branch
        self.use_keyring = use_keyring
        self.language = language
        self.user_label = QLabel(session.display_name)
        self.role_label = QLabel()
        self.branch_label = QLabel(branch.branch_name)
        self.keyring_label = QLabel()
        self.no_keyring_warning = QLabel()
        self.no_keyring_warning.setStyleSheet(WARNING_STYLE)
        self.no_keyring_warning.setVisible(not use_keyring)
        self.demo_label = QLabel()
        self.demo_label.setStyleSheet("color: #8a4b00; font-weight: bold;")
        self.demo_label.setVisible(demo)
        # All permanent: temporary status messages must never cover the keyring warning.
        for label in (
            self.demo_label,
            self.no_keyring_warning,
            self.user_label,
            self.role_label,
            self.branch_label,
            self.keyring_label,
        ):
            if not label.styleSheet():
                label.setStyleSheet("padding: 0 6px;")
            self.addPermanentWidget(label)
        self.retranslate()

    def set_language(self, language: str) -> None:
        self.language = language
        self.retranslate()

    def retranslate(self) -> None:
        self.role_label.setText(self.session.role.label(self.language))
        self.user_label.setToolTip(self.tr("Signed in as %1").replace("%1", self.session.username))
        self.branch_label.setToolTip(self.tr("Branch %1").replace("%1", self.branch.branch_code))
        if self.use_keyring:
            self.keyring_label.setText(self.tr("Keyring: in use"))
            self.keyring_label.setToolTip(
                self.tr("The database is bound to this PC by a secret in the system keyring.")
            )
        else:
            self.keyring_label.setText(self.tr("Keyring: not used"))
            self.keyring_label.setToolTip("")
        self.no_keyring_warning.setText(
            "⚠ " + self.tr("No system keyring: data is protected by staff passwords only")
        )
        self.demo_label.setText(self.tr("Demo profile"))

    def texts(self) -> list[str]:
        """Every visible label's text, for tests and screenshots."""
        labels = (
            self.demo_label,
            self.no_keyring_warning,
            self.user_label,
            self.role_label,
            self.branch_label,
            self.keyring_label,
        )
        return [label.text() for label in labels if not label.isHidden()]
