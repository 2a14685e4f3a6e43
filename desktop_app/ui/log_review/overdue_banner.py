"""The line the auditor and the managers see under the menu bar when the audit-log review is overdue.

After sign-in the status comes from ``log_reviews.log_review_status`` on the database lane (one
call from the app controller, like the training prompt); the banner shows how many days the review
is overdue, hidden when it is not, and its button opens the Security area's "Log review" tab. Not a
modal question: the auditor may be busy with something else. Other roles never ask.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QBoxLayout

from desktop_app.domain.navigation import Area
from desktop_app.domain.permissions import Action, can
from desktop_app.ui.count_banner import CountBanner

if TYPE_CHECKING:
    from desktop_app.ui.main_window import MainWindow


class LogReviewOverdueBanner(CountBanner):
    STYLE = "background: #fdecea; border: 1px solid #e0a39c;"

    def retranslate(self) -> None:
        self.label.setText(self.tr("The audit-log review is overdue by %n day(s).", "", self.count))
        self.button.setText(self.tr("Open &log review"))


def open_log_review(window: MainWindow) -> None:
    from desktop_app.ui.log_review.log_review_tab import LogReviewTab

    if Area.SECURITY not in window.page_by_area:
        return
    page = window.show_area(Area.SECURITY)
    show_tab = getattr(page, "show_tab", None)
    if show_tab is not None:
        show_tab(LogReviewTab)


def start_log_review_banner(window: MainWindow) -> LogReviewOverdueBanner | None:
    """Add the banner above the window's areas and ask for the status (auditors and managers)."""
    session = window.shell.signed_in().session
    if session.must_change_password or not can(session.role, Action.AUDIT_READ):
        return None
    banner = LogReviewOverdueBanner()
    banner.open_requested.connect(lambda: open_log_review(window))
    layout = window.workspace.layout()
    if isinstance(layout, QBoxLayout):
        layout.insertWidget(0, banner)

    def shown(status: object) -> None:
        banner.set_count(int(getattr(status, "days_overdue", 0)))

    from desktop_app.services.log_reviews import log_review_status

    window.shell.call(log_review_status, on_ok=shown, on_error=lambda _exc: None, owner=banner)
    return banner
