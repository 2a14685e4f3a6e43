"""The banner after a manager's or IT administrator's sign-in about accounts and the access review.

Rule: after sign-in (``start_access_review_prompt``, one call in ui/app_controller.show_main_window)
the inactive-account policy is applied and its findings shown (services/access_reviews.
sign_in_notices): accounts disabled automatically, accounts flagged as inactive, and, for
managers, the periodic access review overdue. The button opens the Security area's "Access review"
tab. A reminder rather than a modal question; hidden when there is nothing to say. Reason: GB/T
22239-2019 8.1.4.2 (remove redundant accounts, review privileges).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from desktop_app.domain.navigation import Area
from desktop_app.domain.roles import Role
from desktop_app.ui.count_banner import CountBanner

if TYPE_CHECKING:
    from desktop_app.services.access_reviews import SignInNotice
    from desktop_app.ui.main_window import MainWindow


class AccessReviewBanner(CountBanner):
    STYLE = "background: #fde4e1; border: 1px solid #d98c84;"

    def __init__(self, language: Callable[[], str] = lambda: "zh_CN") -> None:
        self.language = language  # the shell's current language, read at each retranslate
        self.notices: list[SignInNotice] = []
        super().__init__()

    def set_notices(self, notices: list[SignInNotice]) -> None:
        self.notices = list(notices)
        self.set_count(len(self.notices))

    def retranslate(self) -> None:
        self.button.setText(self.tr("Open access review"))
        zh = self.language().startswith("zh")
        self.label.setText("\n".join(n.zh if zh else n.en for n in self.notices))


def start_access_review_prompt(window: MainWindow) -> AccessReviewBanner | None:
    """Add the banner above the window's work area and fill it on the database lane (managers and
    IT administrators; None for other roles)."""
    from desktop_app.services.access_reviews import sign_in_notices

    shell = window.shell
    me = shell.existing_signed_in()
    if me is None or me.session.role not in (Role.MANAGER, Role.IT_ADMIN) or me.session.must_change_password:
        return None
    banner = AccessReviewBanner(lambda: shell.lang)
    layout = window.workspace.layout()
    if layout is not None and hasattr(layout, "insertWidget"):
        layout.insertWidget(0, banner)
    banner.open_requested.connect(lambda: _open_tab(window))
    window.access_review_banner = banner  # type: ignore[attr-defined]
    shell.call(
        sign_in_notices,
        on_ok=lambda notices: banner.set_notices(cast("list[SignInNotice]", notices)),
        on_error=lambda _exc: None,
        owner=banner,
    )
    return banner


def _open_tab(window: MainWindow) -> None:
    from desktop_app.ui.access_review.access_review_tab import AccessReviewTab

    if Area.SECURITY not in window.page_by_area:
        return
    page = window.show_area(Area.SECURITY)
    show_tab = getattr(page, "show_tab", None)
    if show_tab is not None:
        show_tab(AccessReviewTab)
