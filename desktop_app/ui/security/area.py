"""The "安全运维 / Security" area (managers, IT administrators, auditors): one tab per part of security
operations the role may use (``tabs.TAB_FACTORIES``)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from desktop_app.ui.security.tabs import TAB_FACTORIES
from desktop_app.ui.shell import Shell
from desktop_app.ui.tabbed_area import TabbedArea


class SecurityArea(TabbedArea):
    def __init__(self, shell: Shell, parent: QWidget | None = None) -> None:
        super().__init__(shell, TAB_FACTORIES, parent)
