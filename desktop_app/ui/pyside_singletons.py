"""Keep ``None`` (and its fellow singletons) alive under PySide6 6.12.0 on Python 3.11.

Rule: before any Qt call, the process pins ``None``, ``True``, ``False``, ``Ellipsis`` and
``NotImplemented`` with a very large reference count, as Python 3.12 does for every singleton
("immortal objects", PEP 683).

Reason: PySide6 6.12.0's bindings return ``None`` from every void method (``QLabel.setText``,
``QPainter.fillRect``, ``QWidget.update`` …) without taking a reference — correct on Python 3.12,
where ``None`` is immortal, but on 3.11 each call takes one reference away. After as many void calls
as ``None`` has references (a few thousand in a small script, some tens of thousands in the app), the
interpreter frees ``None`` and aborts with "Fatal Python error: none_dealloc": the two-factor QR code
(hundreds of ``fillRect`` per paint) brought it down at once, and a branch PC left signed in all day
would reach it too. No newer PySide6 is available to us, and Debian's Python is 3.11, so the app does
what 3.12 does. Measured in tests/gui/test_pyside_singletons.py, which also shows the binding's fault
so the pin can go when either side moves on.
"""

from __future__ import annotations

import ctypes
import sys

# 2**40 references: a void Qt call per microsecond would need twelve days to use them up.
PIN = 1 << 40
_pinned = False


def pin_singletons() -> None:
    """Raise the singletons' reference counts once per process (nothing to do on Python ≥ 3.12)."""
    global _pinned
    if _pinned or sys.version_info >= (3, 12):
        return
    for singleton in (None, True, False, Ellipsis, NotImplemented):
        count = ctypes.c_ssize_t.from_address(id(singleton))  # ob_refcnt: the first field of PyObject
        count.value += PIN
    _pinned = True
