"""Cyclic garbage collection on the GUI thread only.

Python's cyclic collector runs in whichever thread happens to allocate when a threshold is passed.
If that is a background worker and the garbage holds Qt wrappers (a closed dialog in a reference
cycle), Qt objects are destroyed off the GUI thread and the process can crash. As in other PySide
and PyQt desktop apps, automatic collection is switched off once the GUI exists and a timer on the
GUI thread collects instead, by generation, whenever the allocation counts pass the thresholds.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QObject, QTimer

INTERVAL_MS = 500


class _Collector(QObject):
    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setInterval(INTERVAL_MS)
        self.timer.timeout.connect(self.collect_due)

    def collect_due(self) -> None:
        counts, thresholds = gc.get_count(), gc.get_threshold()
        for generation in (2, 1, 0):
            if counts[generation] > thresholds[generation]:
                gc.collect(generation)
                return


_collector: _Collector | None = None


def install() -> None:
    """Switch automatic collection to the GUI thread (idempotent; needs the QApplication)."""
    global _collector
    app = QCoreApplication.instance()
    if app is None:
        return
    if _collector is None or _collector.parent() is not app:
        _collector = _Collector(app)
    gc.disable()
    _collector.timer.start()


def uninstall() -> None:
    """Automatic collection back on (tests, after the last window is gone)."""
    if _collector is not None:
        _collector.timer.stop()
    gc.collect()
    gc.enable()
