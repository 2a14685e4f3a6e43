"""PySide6's per-import source check, answered by reading the module's file instead of ``inspect``.

Rule: once the UI package is imported, PySide6's question "does this newly imported module mention
PySide6?" is answered for a module loaded from a ``.py`` file by searching that file's bytes for
``PySide6``; any other module (built-in, extension, frozen in the bundle) still gets PySide6's own
check. The answer is the same: PySide6 searches the module's whole source text for that string.

Reason: PySide6 installs an import hook (PYSIDE-2029) that calls ``inspect.getsource`` on every
module imported after it, to decide whether its ``__feature__`` switches (snake_case,
true_property) apply; BranchVault uses none. ``inspect`` walks ``sys.modules``, goes through
``linecache`` and tokenizes the file: about half a millisecond a module, a fifth of the time the
sign-in window's modules take to import (issue 11: start to sign-in window at most 1.3x a trivial
PySide6 window). A plain read takes a few microseconds.

The hook's function is private to PySide6 (``shibokensupport.feature._mod_uses_pyside``): when a
PySide6 release renames or drops it, ``install`` does nothing and start-up is only slower.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import ModuleType

FEATURE_MODULE = "shibokensupport.feature"
CHECK = "_mod_uses_pyside"
MARK = "_branchvault_reads_file"


def mentions_pyside(module: ModuleType, fallback: Callable[[ModuleType], bool]) -> bool:
    """Whether the module's source mentions PySide6: its ``.py`` file read as bytes, else ``fallback``."""
    path = getattr(module, "__file__", None)
    if isinstance(path, str) and path.endswith(".py"):
        try:
            with open(path, "rb") as source:
                return b"PySide6" in source.read()
        except OSError:
            pass
    return fallback(module)


def install() -> bool:
    """Replace PySide6's check (idempotent); False when PySide6 has no such check to replace."""
    feature = sys.modules.get(FEATURE_MODULE)
    original = getattr(feature, CHECK, None)
    if feature is None or not callable(original):
        return False
    if getattr(original, MARK, False):
        return True

    def check(module: ModuleType) -> bool:
        return mentions_pyside(module, original)

    setattr(check, MARK, True)
    setattr(feature, CHECK, check)
    return True
