"""The client-satisfaction tab with pytest-qt: an agent types in paper forms with one click each;
a manager sees the quarter's figures, imports a survey export with a preview and the question
picker (remembered next time); IT and auditors get no tab."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.domain.programme_periods import Quarter
from desktop_app.domain.roles import Role
from desktop_app.services.satisfaction import quarter_responses
from desktop_app.ui import dialogs
from desktop_app.ui.programme.area import ProgrammeArea
from desktop_app.ui.survey.satisfaction_tab import SatisfactionTab, make_tab
from tests.gui.conftest import signed_in, wait_idle
from tests.support.survey_exports import CLEAN_ROWS, TARGET, UNKNOWN_LABEL_ROW, write_xlsx

Q4 = Quarter(2026, 4)  # the test clock's today is 2027-01-15: 2026Q4 is the previous quarter


def _tab(qtbot, shell) -> SatisfactionTab:
    tab = make_tab(shell)
    assert isinstance(tab, SatisfactionTab)
    qtbot.addWidget(tab)
    tab.resize(900, 700)
    tab.show()
    wait_idle(qtbot, shell)
    return tab


def test_an_agent_enters_paper_forms_with_one_click_each(qtbot, branch, make_shell) -> None:
    me = signed_in(branch.context(), *branch.users[Role.AGENT])
    shell = make_shell(me, language="en")
    tab = _tab(qtbot, shell)
    assert tab.windowTitle() == "Client satisfaction"
    assert not tab.figures_box.isVisible() and tab.import_panel is None  # managers only
    tab.day.setDate(tab.day.minimumDate())  # a form from last quarter, entered late
    assert tab.selected_day() == Q4.start
    with qtbot.waitSignal(tab.recorded, timeout=15_000):
        tab.rating_buttons[5].click()
    with qtbot.waitSignal(tab.recorded, timeout=15_000):
        tab.rating_buttons[2].click()
    wait_idle(qtbot, shell)
    assert "session: 2" in tab.entry_message.text()
    assert quarter_responses(me, Q4).by_rating == {1: 0, 2: 1, 3: 0, 4: 0, 5: 1}


def test_the_tab_speaks_chinese(qtbot, branch, make_shell) -> None:
    shell = make_shell(signed_in(branch.context(), *branch.users[Role.AGENT]), language="zh_CN")
    tab = _tab(qtbot, shell)
    assert tab.windowTitle() == "客户满意度"
    assert tab.rating_buttons[5].text() == "5 非常满意"
    assert tab.rating_buttons[1].text() == "1 非常不满意"


@pytest.mark.parametrize("role", [Role.IT_ADMIN, Role.AUDITOR])
def test_it_and_auditors_get_no_tab(qtbot, branch, make_shell, role: Role) -> None:
    shell = make_shell(signed_in(branch.context(), *branch.users[role]))
    assert make_tab(shell) is None
    area = ProgrammeArea(shell)
    qtbot.addWidget(area)
    assert not any(isinstance(w, SatisfactionTab) for w in area.tab_widgets)


def test_a_manager_previews_picks_the_question_and_imports(qtbot, branch, make_shell, tmp_path: Path) -> None:
    me = signed_in(branch.context(), *branch.users[Role.MANAGER])
    shell = make_shell(me, language="en")
    area = ProgrammeArea(shell)
    qtbot.addWidget(area)
    assert area.show_tab(SatisfactionTab)
    tab = next(w for w in area.tab_widgets if isinstance(w, SatisfactionTab))
    area.show()
    qtbot.waitUntil(lambda: tab.distribution is not None, timeout=15_000)
    assert "no responses yet" in tab.figures.text()
    panel = tab.import_panel
    assert panel is not None

    bad = write_xlsx(tmp_path / "with-unknown.xlsx", [*CLEAN_ROWS, UNKNOWN_LABEL_ROW])
    dialogs.set_next_path(bad)
    with qtbot.waitSignal(panel.questions_loaded, timeout=15_000):
        panel.choose_button.click()
    assert panel.chosen_question() is None  # nothing remembered yet: the manager picks
    assert panel.question.findData(TARGET) > 0
    panel.question.setCurrentIndex(panel.question.findData(TARGET))
    with qtbot.waitSignal(panel.previewed, timeout=15_000):
        panel.preview_button.click()
    wait_idle(qtbot, shell)
    assert "refused: 1" in panel.report_view.toPlainText() and "还行" in panel.report_view.toPlainText()
    assert not panel.import_button.isEnabled()

    good = write_xlsx(tmp_path / "export.xlsx", CLEAN_ROWS)
    dialogs.set_next_path(good)
    with qtbot.waitSignal(panel.previewed, timeout=15_000):  # the question picked is kept: previewed at once
        panel.choose_button.click()
    wait_idle(qtbot, shell)
    assert panel.import_button.isEnabled()
    assert "IP addresses" in panel.report_view.toPlainText()
    with qtbot.waitSignal(tab.figures_shown, timeout=15_000):
        panel.import_button.click()
    wait_idle(qtbot, shell)
    assert "Imported 7 responses" in panel.message.text()
    assert quarter_responses(me, Q4).responses == 6
    assert "2027Q1: 1 responses, 1 satisfied or very satisfied (100.0%)" in tab.figures.text()

    # next time (a new tab) the remembered question is picked and previewed at once
    again = make_tab(shell)
    assert isinstance(again, SatisfactionTab) and again.import_panel is not None
    qtbot.addWidget(again)
    dialogs.set_next_path(write_xlsx(tmp_path / "later.xlsx", CLEAN_ROWS[:2]))
    with qtbot.waitSignal(again.import_panel.previewed, timeout=15_000):
        again.import_panel.choose_button.click()
    assert again.import_panel.chosen_question() == TARGET
