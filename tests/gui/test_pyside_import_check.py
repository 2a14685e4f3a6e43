"""desktop_app/ui/pyside_import_check.py: PySide6's per-import check answered from the file, with
the same answers as PySide6's own ``inspect``-based check (issue 11, start-up time)."""

from __future__ import annotations

import importlib
import json
import sys
import types

import PySide6.QtCore  # noqa: F401 (the hook lives in PySide6's support modules)

from desktop_app.ui import pyside_import_check


def test_the_answers_match_pysides_own_check_for_ui_and_other_modules() -> None:
    def original(module: types.ModuleType) -> bool:  # what PySide6 does (shibokensupport.feature)
        import inspect

        try:
            return "PySide6" in inspect.getsource(module)
        except (TypeError, OSError, SyntaxError):
            return False

    names = (
        "desktop_app.ui.sign_in_dialog",  # mentions PySide6
        "desktop_app.ui.shell",
        "desktop_app.domain.errors",  # does not
        "desktop_app.resource_files",
        "json",
        "sys",  # built-in: goes to the fallback
    )
    for name in names:
        module = importlib.import_module(name)
        fallback_calls: list[str] = []

        def fallback(m: types.ModuleType, calls: list[str] = fallback_calls) -> bool:
            calls.append(m.__name__)
            return original(m)

        assert pyside_import_check.mentions_pyside(module, fallback) == original(module), name
        assert (fallback_calls == [name]) == (not str(getattr(module, "__file__", "")).endswith(".py")), name
    assert pyside_import_check.mentions_pyside(json, original) is False
    assert pyside_import_check.mentions_pyside(sys.modules["desktop_app.ui.sign_in_dialog"], original) is True


def test_install_replaces_pysides_check_once_and_keeps_working() -> None:
    feature = sys.modules[pyside_import_check.FEATURE_MODULE]
    assert pyside_import_check.install() is True  # the UI package installed it already: idempotent
    check = getattr(feature, pyside_import_check.CHECK)
    assert getattr(check, pyside_import_check.MARK) is True
    assert pyside_import_check.install() is True and getattr(feature, pyside_import_check.CHECK) is check
    assert check(sys.modules["desktop_app.ui.shell"]) is True and check(json) is False


def test_without_pysides_hook_nothing_is_replaced(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delitem(sys.modules, pyside_import_check.FEATURE_MODULE)
    assert pyside_import_check.install() is False
