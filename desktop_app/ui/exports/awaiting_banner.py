"""The line a manager sees under the menu bar when summaries for headquarters await approval.

The count comes from ``hq_exports.awaiting_approval_count`` (after sign-in and after every
background pass) or from the Exports list when it reloads; hidden at zero. Not a modal question:
the manager may be busy with a client. The navigation entry carries the same count.
"""

from __future__ import annotations

from desktop_app.ui.count_banner import CountBanner


class AwaitingApprovalBanner(CountBanner):
    STYLE = "background: #e3effd; border: 1px solid #8fb3e0;"

    def retranslate(self) -> None:
        self.label.setText(
            self.tr("%n summary(ies) for headquarters await a manager's approval.", "", self.count)
        )
        self.button.setText(self.tr("Open &Exports"))
