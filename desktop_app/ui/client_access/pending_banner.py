"""The line a manager sees under the menu bar when members wait for client-data confirmation.

Checked once after sign-in (services/client_access.pending_members on the worker) and after each
confirmation; hidden when nobody waits. Not a modal question: the manager may be busy with a client.
"""

from __future__ import annotations

from desktop_app.ui.count_banner import CountBanner


class PendingMembersBanner(CountBanner):
    STYLE = "background: #fff4ce; border: 1px solid #e0c060;"

    def retranslate(self) -> None:
        self.label.setText(
            self.tr(
                "%n staff member(s) are waiting for you to confirm their access to client data.",
                "",
                self.count,
            )
        )
        self.button.setText(self.tr("Confirm &access…"))
