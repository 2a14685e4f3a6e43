"""The dialog seam (ui/dialogs.py): queued test answers decide nothing unless test mode is on.

Regression: with test mode off, a queued answer or path was still popped, so a stale queue (or code
that queued one) answered a real question — "Delete?" — without showing it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QWidget

from desktop_app.ui import dialogs

Button = dialogs.Button


def test_queued_answers_are_ignored_when_test_mode_is_off(monkeypatch: pytest.MonkeyPatch) -> None:
    dialogs.use_test_answers(False)
    dialogs.set_next_answer(Button.Yes)
    dialogs.set_next_path(Path("/tmp/queued.pdf"))
    shown: list[str] = []

    def real_box(parent: QWidget | None, icon: object, title: str, *_: object) -> Button:
        shown.append(title)
        return Button.No  # the person answers No

    def real_save(*_: object, **__: object) -> tuple[str, str]:
        shown.append("save")
        return "", ""  # the person cancels

    monkeypatch.setattr(dialogs, "_box", real_box)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(real_save))
    assert dialogs.confirm(None, "Delete client data?", "Really?") is False
    assert dialogs.save_file(None, "Save as PDF", "x.pdf") is None
    assert shown == ["Delete client data?", "save"]
    assert dialogs.history() == []
