"""Translations: the catalogues cover every UI string, Chinese is complete, .qm files are built on
demand, the language choice rules, and the pseudo-locale."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication

from desktop_app.resource_files import RESOURCES
from desktop_app.store.user_settings import UserSettings, save_user_settings
from desktop_app.ui import translation_files
from desktop_app.ui.language import LanguageSwitcher, initial_language, language_for_locale
from desktop_app.ui.pseudo_locale import lengthen

I18N = RESOURCES / "i18n"
UI_DIR = Path(__file__).resolve().parents[2] / "desktop_app" / "ui"
PLACEHOLDER = re.compile(r"%(?:\d|n)")


def _messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    root = ET.parse(ts).getroot()
    found = {}
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            found[(name, message.findtext("source") or "")] = message
    return found


def _lupdate() -> Path:
    beside_python = Path(sys.executable).parent / "pyside6-lupdate"
    return (
        beside_python
        if beside_python.exists()
        else Path(shutil.which("pyside6-lupdate") or "pyside6-lupdate")
    )


def test_catalogues_cover_exactly_the_strings_in_the_code(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(p) for p in UI_DIR.rglob("*.py"))
    subprocess.run(
        [str(_lupdate()), "-silent", "-locations", "none", *sources, "-ts", str(fresh)], check=True
    )
    wanted = set(_messages(fresh))
    assert len(wanted) > 100
    for language in ("zh_CN", "en"):
        have = {
            key
            for key, message in _messages(I18N / f"branchvault_{language}.ts").items()
            if message.find("translation").get("type") not in ("obsolete", "vanished")
        }  # type: ignore[union-attr]
        assert wanted - have == set(), f"{language}: strings missing from the catalogue (run lupdate)"
        assert have - wanted == set(), f"{language}: catalogue has strings no longer in the code"


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_every_string_is_translated_and_keeps_its_placeholders(language: str) -> None:
    for (context, source), message in _messages(I18N / f"branchvault_{language}.ts").items():
        translation = message.find("translation")
        assert translation is not None and translation.get("type") is None, (context, source)
        forms = [f.text or "" for f in translation.iter("numerusform")] or [translation.text or ""]
        for text in forms:
            assert text.strip(), (context, source)
            assert sorted(PLACEHOLDER.findall(text)) == sorted(set(PLACEHOLDER.findall(source))) or (
                message.get("numerus") == "yes" and "%n" in text
            ), (context, source, text)
            assert ("&" in source) == ("&" in text), ("mnemonic", context, source, text)
            if language == "zh_CN":
                assert re.search(r"[\u4e00-\u9fff]", text) or source.startswith("BranchVault — %1"), (
                    "no Chinese in the translation",
                    source,
                )


def test_qm_is_compiled_when_missing_or_stale_and_falls_back_to_the_cache(
    tmp_path: Path, monkeypatch
) -> None:
    source = tmp_path / "i18n"
    source.mkdir()
    shutil.copy(I18N / "branchvault_zh_CN.ts", source)
    cache = tmp_path / "cache"
    qm = translation_files.compiled_catalogue("zh_CN", source_dir=source, fallback_dir=cache)
    assert qm == source / "branchvault_zh_CN.qm" and qm.stat().st_size > 1000
    mtime = qm.stat().st_mtime_ns
    assert translation_files.compiled_catalogue("zh_CN", source_dir=source, fallback_dir=cache) == qm
    assert qm.stat().st_mtime_ns == mtime  # fresh: not rebuilt

    qm.unlink()
    real_access = os.access
    monkeypatch.setattr(
        translation_files.os, "access", lambda p, m: False if Path(p) == source else real_access(p, m)
    )
    cached = translation_files.compiled_catalogue("zh_CN", source_dir=source, fallback_dir=cache)
    assert cached == cache / "branchvault_zh_CN.qm" and cached.exists()
    ts = source / "branchvault_zh_CN.ts"
    stale = ts.stat().st_mtime - 10
    os.utime(cached, (stale, stale))  # the .ts was edited after this .qm was built
    rebuilt = translation_files.compiled_catalogue("zh_CN", source_dir=source, fallback_dir=cache)
    assert rebuilt == cached and rebuilt.stat().st_mtime >= ts.stat().st_mtime
    assert translation_files.compiled_catalogue("fr", source_dir=source, fallback_dir=cache) is None


def test_language_choice_rules(tmp_path: Path) -> None:
    assert language_for_locale("en_US") == "en"
    assert language_for_locale("en") == "en"
    assert language_for_locale("zh_CN") == "zh_CN"
    assert language_for_locale("zh_TW") == "zh_CN"
    assert language_for_locale("de_DE") == "zh_CN"  # zh_CN is the default
    settings = tmp_path / "user-settings.toml"
    save_user_settings(settings, UserSettings(language="en"))
    assert initial_language(settings) == "en"
    save_user_settings(settings, UserSettings(language="zh_CN"))
    assert initial_language(settings) == "zh_CN"


def test_switching_installs_chinese_and_qt_translations(qapp, tmp_path: Path) -> None:
    switcher = LanguageSwitcher(tmp_path / "user-settings.toml", pseudo=False)
    try:
        switcher.switch("zh_CN")
        assert QCoreApplication.translate("MainWindow", "Clients") == "客户"
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"  # Qt's own buttons
        switcher.switch("en")
        assert QCoreApplication.translate("MainWindow", "Clients") == "Clients"
        assert (tmp_path / "user-settings.toml").read_text().strip() == 'language = "en"'
    finally:
        switcher.uninstall()


def test_pseudo_locale_lengthens_every_string(qapp, monkeypatch) -> None:
    assert lengthen("") == ""
    assert lengthen("Sign in %1").startswith("[Sign in %1") and len(lengthen("Sign in %1")) >= 14
    monkeypatch.setenv("BRANCHVAULT_PSEUDO_LOCALE", "1")
    switcher = LanguageSwitcher(None)
    try:
        switcher.apply("zh_CN")
        text = QCoreApplication.translate("MainWindow", "Clients")
        assert text.startswith("[客户") and text.endswith("]") and len(text) > 4
        untranslated = QCoreApplication.translate("Nowhere", "Not in any catalogue")
        assert untranslated.startswith("[Not in any catalogue")
        plural = QCoreApplication.translate(
            "SignInMessages",
            "Too many failed sign-in attempts. This account is locked; try again in %n minute(s).",
            "",
            3,
        )
        assert "3 分钟" in plural
    finally:
        switcher.uninstall()
