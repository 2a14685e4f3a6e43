"""Live re-translation: widgets set their texts in ``retranslate()``, called again on LanguageChange."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    _Base = QWidget
else:
    _Base = object


class Retranslating(_Base):
    """Mixin placed before the Qt base class: ``class SignInDialog(Retranslating, QDialog)``.

    The subclass calls ``self.retranslate()`` at the end of ``__init__``; Qt sends LanguageChange
    to every widget when a translator is installed or removed, and the texts are set again.
    """

    def retranslate(self) -> None:
        """Set every translatable text; each subclass overrides this (the mixin itself has none)."""

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
