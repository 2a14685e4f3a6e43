"""The Security area's tabs, in display order: each part of security operations contributes one factory.

A factory ``make_tab(shell) -> QWidget | None`` returns ``None`` when the signed-in role does not get
that tab (IT has no alerts tab, an auditor no backups). Imported when the area is first built.
"""

from __future__ import annotations

# (module path, factory name)
TAB_FACTORIES: list[tuple[str, str]] = [
    ("desktop_app.ui.alerts.alerts_tab", "make_tab"),
    ("desktop_app.ui.log_review.log_review_tab", "make_tab"),
    ("desktop_app.ui.access_review.access_review_tab", "make_tab"),
    ("desktop_app.ui.integrity.integrity_tab", "make_tab"),
    ("desktop_app.ui.backups.backups_tab", "make_tab"),
]
