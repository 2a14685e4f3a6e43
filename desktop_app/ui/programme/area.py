"""The "隐私保护 / Privacy programme" area: one tab per part of the programme the role may use.

Every role gets the area (everyone takes the quarterly training and may report an incident); which
tabs appear is each tab's own decision (``tabs.TAB_FACTORIES``).
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from desktop_app.ui.programme.tabs import TAB_FACTORIES
from desktop_app.ui.shell import Shell
from desktop_app.ui.tabbed_area import TabbedArea


class ProgrammeArea(TabbedArea):
    def __init__(self, shell: Shell, parent: QWidget | None = None) -> None:
        super().__init__(shell, TAB_FACTORIES, parent)
