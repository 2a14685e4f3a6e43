"""The first manager creates the client-data key (services/client_access.set_up_client_key).

Shown right after a manager signs in with their own password on a branch without a client-data key
(and from the waiting panel's button). It explains what the key is, creates it as a background job
(on a branch from before the key existed, the client records move from branch.db into clients.db in
the same step), then shows the client-data recovery code once (code_dialog.py).
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from desktop_app.ui.client_access.code_dialog import CodeOnceDialog
from desktop_app.ui.shell import Shell


class ClientKeySetUpDialog(CodeOnceDialog):
    def __init__(self, shell: Shell, parent: QWidget | None = None) -> None:
        super().__init__(shell, parent)
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.body_layout.addWidget(self.explanation)
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        self.setWindowTitle(self.tr("Create the client-data key"))
        self.explanation.setText(
            self.tr(
                "Client personal data is kept in its own encrypted file, under a client-data key that "
                "only branch managers and the agents a manager confirms hold. IT administrators and "
                "auditors never hold it.\n\n"
                "This branch has no client-data key yet. As its manager, create it now. If this branch "
                "already has client records from an earlier version, they are moved into the new file "
                "in the same step; this can take a moment.\n\n"
                "You then get the client-data recovery code, shown once."
            )
        )
        self.action_button.setText(self.tr("&Create the client-data key"))
        self.cancel_button.setText(self.tr("&Later"))

    def submit(self) -> None:
        from desktop_app.services.client_access import set_up_client_key

        self.run_job(set_up_client_key)
