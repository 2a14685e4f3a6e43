"""Training in the main window and the manager's records tab, with pytest-qt: the banner after
sign-in with the days left and its button to "My training"; an overdue agent's client areas show
the training panel until the quiz is passed; the records tab's table and figures, a classroom
session recorded and learning-platform results previewed then imported."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from desktop_app.domain.navigation import Area
from desktop_app.domain.roles import Role
from desktop_app.services.training_records import start_quiz, submit_quiz
from desktop_app.ui import dialogs
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.programme.area import ProgrammeArea
from desktop_app.ui.training.gate_panel import TrainingGatePanel
from desktop_app.ui.training.my_training_tab import MyTrainingTab
from desktop_app.ui.training.records_tab import TrainingRecordsTab, make_tab
from tests.gui.conftest import signed_in, wait_idle

TIMEOUT = 15_000
DAY = 86_400.0


def _window(qtbot, shell) -> MainWindow:
    window = MainWindow(shell)
    qtbot.addWidget(window)
    window.show()
    window.start_training_prompt()
    wait_idle(qtbot, shell)
    return window


def test_the_banner_names_the_days_left_and_opens_my_training(qtbot, branch, make_shell) -> None:
    me = signed_in(branch.context(), *branch.users[Role.AUDITOR])
    window = _window(qtbot, make_shell(me, language="en"))
    banner = window.training_banner
    assert banner.isVisibleTo(window)
    assert banner.label.text() == "Privacy training due this quarter (14 days left)"
    qtbot.mouseClick(banner.button, Qt.MouseButton.LeftButton)
    area = window.page_by_area[Area.PROGRAMME]
    assert window.pages.currentWidget() is area and isinstance(area, ProgrammeArea)
    assert isinstance(area.tabs.currentWidget(), MyTrainingTab)


def test_the_banner_in_chinese_and_gone_once_done(qtbot, branch, make_shell) -> None:
    me = signed_in(branch.context(), *branch.users[Role.IT_ADMIN])
    quiz = start_quiz(me)
    submit_quiz(me, quiz, {q.id: q.correct for q in quiz.questions})
    window = _window(qtbot, make_shell(me, language="zh_CN"))
    assert window.training_banner.isHidden()
    other = signed_in(branch.context(), *branch.users[Role.MANAGER])
    window = _window(qtbot, make_shell(other, language="zh_CN"))
    assert "本季度隐私保护培训待完成" in window.training_banner.label.text()


@pytest.mark.training_gate
def test_an_overdue_agent_sees_the_training_panel_until_the_quiz_is_passed(
    qtbot, branch, make_shell, clock
) -> None:
    clock.advance(20 * DAY)
    me = signed_in(branch.context(), *branch.users[Role.AGENT])
    shell = make_shell(me, language="en")
    window = _window(qtbot, shell)
    panel = window.page_by_area[Area.CLIENTS]
    assert isinstance(panel, TrainingGatePanel)
    assert isinstance(window.page_by_area[Area.EXPORTS], TrainingGatePanel)
    assert "client data stays closed" in window.training_banner.label.text()
    qtbot.mouseClick(panel.button, Qt.MouseButton.LeftButton)
    assert window.pages.currentWidget() is window.page_by_area[Area.PROGRAMME]
    quiz = start_quiz(me)
    submit_quiz(me, quiz, {q.id: q.correct for q in quiz.questions})
    window.start_training_prompt()  # what the tab's "submitted" signal does
    wait_idle(qtbot, shell)
    assert not isinstance(window.page_by_area[Area.CLIENTS], TrainingGatePanel)
    assert window.training_banner.isHidden()


def _records(qtbot, shell) -> TrainingRecordsTab:
    tab = make_tab(shell)
    assert isinstance(tab, TrainingRecordsTab)
    qtbot.addWidget(tab)
    tab.resize(1000, 600)
    tab.show()
    wait_idle(qtbot, shell)
    return tab


def test_records_tab_only_for_managers_and_auditors(qtbot, branch, make_shell) -> None:
    agent = signed_in(branch.context(), *branch.users[Role.AGENT])
    assert make_tab(make_shell(agent)) is None
    auditor = signed_in(branch.context(), *branch.users[Role.AUDITOR])
    tab = _records(qtbot, make_shell(auditor, language="en"))
    assert tab.windowTitle() == "Training records"
    assert tab.model.rowCount() == 4 and tab.session_button.isHidden()
    assert tab.figures.text().startswith("Completed: 0 of 4 active staff")


def test_a_manager_records_a_session_and_imports_results(qtbot, branch, make_shell, tmp_path: Path) -> None:
    me = signed_in(branch.context(), *branch.users[Role.MANAGER])
    shell = make_shell(me, language="en")
    tab = _records(qtbot, shell)
    dialog = tab.record_session()
    wait_idle(qtbot, shell)
    dialog.topic.setText("身份证件的收取与复印")
    dialog.trainer.setText("刘老师")
    dialog.check_attendee("it.admin")
    with qtbot.waitSignal(dialog.recorded, timeout=TIMEOUT):
        dialog.submit()
    wait_idle(qtbot, shell)
    assert tab.figures.text().startswith("Completed: 1 of 4")
    export = tmp_path / "lms.csv"
    export.write_bytes(
        f"姓名,成绩,完成日期\r\nzhangwei,95,{me.today()}\r\n无名氏,90,{me.today()}\r\n".encode("gbk")
    )
    importer = tab.import_results()
    dialogs.set_next_path(export)
    importer.choose_file()
    wait_idle(qtbot, shell)
    assert importer.summary.text().startswith("Checked (nothing written yet): 1 of 2 rows")
    assert importer.model.rowCount() == 2 and "no staff member named" in importer.model.item(1, 4).text()
    with qtbot.waitSignal(importer.imported, timeout=TIMEOUT):
        qtbot.mouseClick(importer.import_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, shell)
    assert "1 result imported." in importer.message.text()
    assert tab.figures.text().startswith("Completed: 2 of 4")
