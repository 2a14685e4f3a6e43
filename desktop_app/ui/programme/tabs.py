"""The programme area's tabs, in display order: each part of the programme contributes one factory.

A factory takes the shell and returns the tab's widget, or ``None`` when the signed-in role does not
get that tab (an agent has no dashboard, an auditor no satisfaction entry). Modules are imported when
the area is first built, so a role's sign-in never loads the others' pages.
"""

from __future__ import annotations

from desktop_app.ui.tabbed_area import TabFactory

__all__ = ["TAB_FACTORIES", "TabFactory"]

# (module path, factory name); each factory is ``make_tab(shell) -> QWidget | None``.
TAB_FACTORIES: list[tuple[str, str]] = [
    ("desktop_app.ui.programme.dashboard_tab", "make_tab"),
    ("desktop_app.ui.training.my_training_tab", "make_tab"),
    ("desktop_app.ui.training.records_tab", "make_tab"),
    ("desktop_app.ui.review.review_tab", "make_tab"),
    ("desktop_app.ui.survey.satisfaction_tab", "make_tab"),
    ("desktop_app.ui.education.education_tab", "make_tab"),
    ("desktop_app.ui.incidents.incidents_tab", "make_tab"),
]
