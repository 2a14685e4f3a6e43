"""The pseudo-locale: every translated string made ~40% longer and bracketed, to find clipped layouts.

Switched on with ``BRANCHVAULT_PSEUDO_LOCALE=1``. It wraps the real translators, so the lengthened
text is still the chosen language; placeholders (``%1``, ``%n``) and ``&`` mnemonics stay intact.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QObject, QTranslator

ENV = "BRANCHVAULT_PSEUDO_LOCALE"
PAD = "·"


def pseudo_enabled() -> bool:
    return os.environ.get(ENV, "").strip().lower() in {"1", "true", "yes", "on"}


def lengthen(text: str) -> str:
    if not text:
        return text
    return f"[{text}{PAD * max(2, (len(text) * 2 + 4) // 5)}]"


class PseudoTranslator(QTranslator):
    def __init__(self, inner: list[QTranslator], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._inner = inner

    def isEmpty(self) -> bool:
        return False

    def translate(self, context: str, sourceText: str, disambiguation: str | None = None, n: int = -1) -> str:
        if context == "QGuiApplication" and sourceText == "QT_LAYOUT_DIRECTION":
            return ""
        for translator in self._inner:
            found = translator.translate(context, sourceText, disambiguation, n)
            if found:
                return lengthen(found)
        return lengthen(sourceText)
