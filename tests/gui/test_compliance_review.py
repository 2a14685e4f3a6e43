"""The compliance-review tab with pytest-qt: a manager starts a review, sees the app's evidence
read-only, answers items (a failure asks for owner and due date), finishes, saves the PDF; overdue
rectifications show in red and close with a note; agents get no tab."""

from __future__ import annotations

from pathlib import Path

from desktop_app.domain.compliance_review import ItemResult
from desktop_app.domain.roles import Role
from desktop_app.services import compliance_reviews as reviews
from desktop_app.ui import dialogs
from desktop_app.ui.review.review_tab import ReviewTab, make_tab
from tests.gui.conftest import signed_in, wait_idle

DAY = 86400.0


def _tab(qtbot, shell) -> ReviewTab:
    tab = ReviewTab(shell)
    qtbot.addWidget(tab)
    tab.resize(1200, 900)
    with qtbot.waitSignal(tab.loaded, timeout=15_000):
        tab.show()
    wait_idle(qtbot, shell)
    return tab


def _act(qtbot, tab: ReviewTab, shell, click) -> None:
    with qtbot.waitSignal(tab.loaded, timeout=15_000):
        click()
    wait_idle(qtbot, shell)
    assert not tab.error.text(), tab.error.text()


def test_agent_gets_no_tab(qtbot, branch, make_shell) -> None:
    shell = make_shell(signed_in(branch.context(), *branch.users[Role.AGENT]))
    assert make_tab(shell) is None


def test_manager_does_a_review_in_the_tab(qtbot, branch, make_shell, tmp_path: Path, clock) -> None:
    me = signed_in(branch.context(), *branch.users[Role.MANAGER])
    shell = make_shell(me, language="en")
    tab = _tab(qtbot, shell)
    assert tab.windowTitle() == "Compliance review" and tab.start_button.isEnabled()
    _act(qtbot, tab, shell, tab.start_button.click)
    assert tab.current is not None and not tab.current.review.finished
    assert not tab.start_button.isEnabled()  # one draft at a time

    # an app-evaluated item: its evidence is shown read-only and its result cannot be changed
    tab.select_item("SA-01")
    assert "Evaluated by the app" in tab.app_evidence.text() and "keyring" in tab.app_evidence.text().lower()
    assert not tab.pass_radio.isEnabled() and tab.pass_radio.isChecked()

    # a failure asks for owner and due date, and opens the rectification
    tab.select_item("PE-01")
    assert not tab.owner_box.isVisible()
    tab.fail_radio.setChecked(True)
    assert tab.owner_box.isVisible() and tab.due_edit.isVisible()
    assert "personal details" in tab.note_edit.placeholderText()
    tab.note_edit.setText("Cabinet lock broken")
    tab.owner_box.setCurrentIndex(tab.owner_box.findData("lina"))
    _act(qtbot, tab, shell, tab.save_answer_button.click)
    assert tab.current.answer("PE-01").result is ItemResult.FAIL
    assert tab.current.rectifications_of("PE-01")[0].description == "Cabinet lock broken"

    # answer the rest in the service (the tab reloads), then finish from the tab
    detail = reviews.get_review(me)
    for item in detail.checklist.items:
        answer = detail.answer(item.id)
        if answer.result is None and answer.evaluation is not None:  # the app could not judge it
            reviews.answer_item(me, item.id, "na", "No data yet")
        elif answer.result is None:
            reviews.answer_item(me, item.id, "pass")
        elif answer.result is ItemResult.FAIL and not detail.rectifications_of(item.id):
            reviews.add_rectification(me, item.id, "Fix it", "lina", me.today())
    _act(qtbot, tab, shell, tab.refresh_button.click)
    _act(qtbot, tab, shell, tab.finish_button.click)
    assert tab.current.review.finished and not tab.finish_button.isEnabled()
    assert "finished" in tab.review_list.item(0).text()

    # the PDF through the checked save dialog
    out = tmp_path / "review"
    dialogs.set_next_path(out)
    with qtbot.waitSignal(tab.saved, timeout=15_000):
        tab.pdf_button.click()
    assert (tmp_path / "review.pdf").read_bytes().startswith(b"%PDF")

    # 31 days later the rectification is overdue: red; closed with a note
    clock.advance(31 * DAY)
    _act(qtbot, tab, shell, tab.refresh_button.click)
    assert tab.overdue_rows()
    tab.rect_table.selectRow(tab.overdue_rows()[0])
    tab.close_note.setText("New lock fitted")
    with qtbot.waitSignal(tab.changed, timeout=15_000):
        tab.close_button.click()
    wait_idle(qtbot, shell)
    rows = reviews.list_rectifications(me)
    assert any(r.rectification.close_note == "New lock fitted" for r in rows)


def test_tab_is_in_the_programme_area(qtbot, branch, make_shell) -> None:
    from desktop_app.ui.programme.area import ProgrammeArea

    shell = make_shell(signed_in(branch.context(), *branch.users[Role.AUDITOR]))
    area = ProgrammeArea(shell)
    qtbot.addWidget(area)
    assert any(isinstance(w, ReviewTab) for w in area.tab_widgets)
