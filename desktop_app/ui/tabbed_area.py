"""An area of the main window made of tabs that each part contributes (the privacy programme, security
operations).

A factory takes the shell and returns the tab's widget, or ``None`` when the signed-in role does not
get that tab. Modules are imported when the area is first built, so a role's sign-in never loads the
others' pages. A tab's title is its widget's ``windowTitle()``, kept current by the tab's own
``retranslate``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from importlib import import_module

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from desktop_app.ui.retranslate import Retranslating
from desktop_app.ui.shell import Shell

TabFactory = Callable[[Shell], "QWidget | None"]


def _factory(module: str, name: str) -> TabFactory:
    factory: TabFactory = getattr(import_module(module), name)
    return factory


class TabbedArea(Retranslating, QWidget):
    """One tab per ``(module, factory name)`` in ``factories`` that gives the role a widget."""

    def __init__(
        self, shell: Shell, factories: Sequence[tuple[str, str]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.shell = shell
        self.tabs = QTabWidget()
        self.tab_widgets: list[QWidget] = []
        for module, name in factories:
            widget = _factory(module, name)(shell)
            if widget is None:
                continue
            self.tab_widgets.append(widget)
            self.tabs.addTab(widget, widget.windowTitle())
            widget.installEventFilter(self)
        self.empty = QLabel()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        layout.addWidget(self.empty)
        self.tabs.setVisible(bool(self.tab_widgets))
        self.empty.setVisible(not self.tab_widgets)
        self.retranslate()

    def eventFilter(self, watched: object, event: QEvent) -> bool:
        if event.type() == QEvent.Type.WindowTitleChange and isinstance(watched, QWidget):
            index = self.tabs.indexOf(watched)
            if index >= 0:
                self.tabs.setTabText(index, watched.windowTitle())
        return False

    def show_tab(self, widget_type: type) -> bool:
        """Bring the first tab of ``widget_type`` forward (a banner's button); False when absent."""
        for widget in self.tab_widgets:
            if isinstance(widget, widget_type):
                self.tabs.setCurrentWidget(widget)
                return True
        return False

    def retranslate(self) -> None:
        self.empty.setText(self.tr("Nothing here for your role yet."))
        for index, widget in enumerate(self.tab_widgets):
            self.tabs.setTabText(index, widget.windowTitle())
