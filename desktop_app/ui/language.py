"""Which language the UI speaks, installing its translators, and switching live.

The user's saved choice wins; otherwise a system locale starting with "en" means English and
anything else Chinese (zh_CN is the default). Qt's own strings (OK, Cancel, Next…) come from
Qt's ``qtbase`` catalogue. Installing translators makes Qt send LanguageChange to every widget.
"""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QObject, QTranslator, Signal

from desktop_app.ui.translation_files import compiled_catalogue

log = logging.getLogger(__name__)

CHINESE = "zh_CN"
ENGLISH = "en"
SUPPORTED = (CHINESE, ENGLISH)


def _pseudo_requested() -> bool:
    if not os.environ.get("BRANCHVAULT_PSEUDO_LOCALE"):
        return False
    from desktop_app.ui.pseudo_locale import pseudo_enabled

    return pseudo_enabled()


def language_for_locale(locale_name: str) -> str:
    return ENGLISH if locale_name.lower().startswith("en") else CHINESE


def system_language() -> str:
    return language_for_locale(QLocale.system().name())


_SAVED = re.compile(r'^language\s*=\s*"([A-Za-z_]*)"\s*$', re.MULTILINE)


def saved_language(settings_path: Path | None) -> str:
    """The language saved by ``store.user_settings`` ("" when none).

    That module writes exactly ``language = "…"``; this reads it with one regular expression, as
    importing tomllib (and the store) would cost start-up time, and falls back to the store's own
    reader for anything else in the file.
    """
    if settings_path is None:
        return ""
    try:
        text = settings_path.read_text(encoding="utf-8")
    except OSError:
        return ""
    found = _SAVED.search(text)
    if found is None and text.strip():
        from desktop_app.services.user_preferences import saved_language as saved_setting

        return saved_setting(settings_path)
    language = found.group(1) if found else ""
    return language if language in SUPPORTED else ""


def initial_language(settings_path: Path | None) -> str:
    return saved_language(settings_path) or system_language()


class LanguageSwitcher(QObject):
    """Owns the installed translators. ``current`` is "zh_CN" or "en"."""

    changed = Signal(str)

    def __init__(
        self, settings_path: Path | None = None, *, pseudo: bool | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.settings_path = settings_path
        self.pseudo = _pseudo_requested() if pseudo is None else pseudo
        self.current = CHINESE
        self._installed: list[QTranslator] = []

    def apply(self, language: str) -> None:
        """Install the translators for ``language`` (without saving the choice)."""
        if language not in SUPPORTED:
            language = CHINESE
        app = QCoreApplication.instance()
        self.uninstall()
        self.current = language
        QLocale.setDefault(
            QLocale(QLocale.Language.Chinese if language == CHINESE else QLocale.Language.English)
        )
        translators = self._load(language)
        if self.pseudo:
            from desktop_app.ui.pseudo_locale import PseudoTranslator

            translators = [PseudoTranslator(translators, self)]
        for translator in translators:
            if app is not None and app.installTranslator(translator):
                self._installed.append(translator)
        self.changed.emit(language)

    def switch(self, language: str) -> None:
        """Apply ``language`` and remember it for next time (when the data directory exists)."""
        self.apply(language)
        self.save()

    def save(self) -> None:
        if self.settings_path is None or not self.settings_path.parent.is_dir():
            return
        from desktop_app.services.user_preferences import save_language

        try:
            save_language(self.settings_path, self.current)
        except OSError as exc:
            log.warning("language setting not saved: %s", exc)

    def uninstall(self) -> None:
        app = QCoreApplication.instance()
        for translator in self._installed:
            if app is not None:
                app.removeTranslator(translator)
        self._installed.clear()

    def _load(self, language: str) -> list[QTranslator]:
        loaded: list[QTranslator] = []
        qm = compiled_catalogue(language)
        if qm is not None:
            ours = QTranslator(self)
            if ours.load(str(qm)):
                loaded.append(ours)
            else:
                log.warning("could not load %s", qm)
        if language == CHINESE:
            qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
            qt_base = QTranslator(self)
            if qt_base.load("qtbase_zh_CN", qt_dir):
                loaded.append(qt_base)
        return loaded
