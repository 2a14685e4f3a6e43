"""Wizard page shown only when this PC has no secure keyring: explain, and continue only if IT agrees."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QLabel, QVBoxLayout, QWizard, QWizardPage

from desktop_app.ui.retranslate import Retranslating


class KeyringPage(Retranslating, QWizardPage):
    def __init__(self, backend: str, reason: str) -> None:
        super().__init__()
        self.backend = backend
        self.reason = reason
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setStyleSheet("color: palette(mid);")
        self.accept_box = QCheckBox()
        self.accept_box.toggled.connect(self.completeChanged)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addWidget(self.detail)
        layout.addSpacing(12)
        layout.addWidget(self.accept_box)
        layout.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("No secure keyring on this PC"))
        self.explanation.setText(
            self.tr(
                "BranchVault normally binds the encrypted database to this PC with a secret kept in the "
                "system keyring, so a copied database file cannot be opened elsewhere even with a staff "
                "password. This PC has no usable keyring.\n\n"
                "You can continue without it. The data is then protected by staff passwords only. "
                "Ask IT before you do this."
            )
        )
        reasons = {  # the reasons store.device_secret gives, in words
            "plain-text backend": self.tr("the only keyring here stores secrets in plain text"),
            "no backend": self.tr("no keyring service was found"),
            "no secure backend": self.tr("no keyring service was found"),
            "backend not usable here": self.tr("the keyring service cannot be used here"),
        }
        reason = reasons.get(self.reason, self.reason)
        self.detail.setText(
            self.tr("Keyring check: %1 (%2)").replace("%1", reason).replace("%2", self.backend)
        )
        self.accept_box.setText(
            self.tr("Continue without a keyring: data is protected by staff passwords only")
        )
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("&Create branch"))

    def isComplete(self) -> bool:
        return self.accept_box.isChecked()
