"""The programme dashboard tab with pytest-qt: managers and auditors get it (agents and IT do not),
six cards with value, target and status, the trend chart, the due list; the auditor is told how old
the client figures are; the report is saved as a PDF outside the data directory; the breach
baseline is set by a manager; and ``programme status --json`` (the CLI on the same branch and
clock) shows exactly what the cards show."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from desktop_app.domain.programme_periods import Quarter
from desktop_app.domain.programme_targets import TargetId
from desktop_app.domain.roles import Role
from desktop_app.services.programme_settings import programme_policy
from desktop_app.ui import dialogs
from desktop_app.ui.programme.area import ProgrammeArea
from desktop_app.ui.programme.dashboard_tab import DashboardTab, make_tab
from desktop_app.ui.shell import Shell
from tests.conftest import Branch
from tests.gui.conftest import MakeShell, signed_in, wait_idle


def _shell(branch: Branch, make_shell: MakeShell, role: Role) -> Shell:
    return make_shell(signed_in(branch.context(), *branch.users[role]))


def _tab(qtbot, shell: Shell) -> DashboardTab:  # type: ignore[no-untyped-def]
    tab = make_tab(shell)
    assert isinstance(tab, DashboardTab)
    qtbot.addWidget(tab)
    with qtbot.waitSignal(tab.loaded, timeout=20_000):
        tab.show()
    wait_idle(qtbot, shell)
    return tab


def _cli_status_json(branch: Branch, role: Role, quarter: str, monkeypatch, capsys) -> dict:  # type: ignore[no-untyped-def]
    """``branchvault programme status --quarter Q --json`` run in this process on the branch's clock."""
    from desktop_app.cli import commands
    from desktop_app.cli.main import main
    from desktop_app.services.context import build_context

    monkeypatch.setattr(
        commands, "build_context", lambda data_dir=None: build_context(data_dir, clock=branch.ctx.clock)
    )
    username, password = branch.users[role]
    monkeypatch.setattr(sys, "stdin", io.StringIO(password + "\n"))
    capsys.readouterr()
    code = main(
        [
            "programme",
            "status",
            "--quarter",
            quarter,
            "--json",
            "--data-dir",
            str(branch.ctx.paths.root),
            "--as",
            username,
            "--password-stdin",
        ]
    )
    out = capsys.readouterr().out
    assert code == 0, out
    return json.loads(out)


@pytest.mark.parametrize("role", [Role.AGENT, Role.IT_ADMIN])
def test_other_roles_get_no_dashboard(branch: Branch, make_shell: MakeShell, role: Role) -> None:
    assert make_tab(_shell(branch, make_shell, role)) is None


def test_manager_sees_six_cards_that_agree_with_the_cli(
    qtbot, branch: Branch, make_shell: MakeShell, monkeypatch, capsys
) -> None:  # type: ignore[no-untyped-def]
    shell = _shell(branch, make_shell, Role.MANAGER)
    tab = _tab(qtbot, shell)
    assert set(tab.cards) == set(TargetId)
    assert tab.status is not None
    for card in tab.cards.values():
        assert card.result is not None
        assert card.title.text() and card.status_label.text()
        assert len(card.chart.bars) == 5
    assert len(tab.due_labels) == 6
    quarter = tab.selected_quarter().key()
    data = _cli_status_json(branch, Role.MANAGER, quarter, monkeypatch, capsys)
    assert data["quarter"] == quarter
    for target in data["targets"]:
        card = tab.cards[TargetId(target["id"])]
        shown = card.value_label.text()
        assert shown == ("—" if target["value"] is None else f"{target['value']}%")
        assert card.status_label.text() == {True: "Met", False: "Not met", None: "No data"}[target["met"]]
        assert card.result is not None
        assert (card.result.numerator, card.result.denominator) == (
            target["numerator"],
            target["denominator"],
        )
    assert [label.objectName() for label in tab.due_labels] == [f"due-{d['kind']}" for d in data["due"]]


def test_quarter_picker_reloads_a_past_quarter(qtbot, branch: Branch, make_shell: MakeShell) -> None:  # type: ignore[no-untyped-def]
    shell = _shell(branch, make_shell, Role.MANAGER)
    tab = _tab(qtbot, shell)
    current = tab.selected_quarter()
    with qtbot.waitSignal(tab.loaded, timeout=20_000):
        tab.quarter_box.setCurrentIndex(1)
    assert tab.status is not None and tab.status.quarter == current.previous()
    assert tab.status.as_of == current.previous().end


def test_auditor_sees_the_age_of_the_client_figures(qtbot, branch: Branch, make_shell: MakeShell) -> None:  # type: ignore[no-untyped-def]
    auditor_tab = _tab(qtbot, _shell(branch, make_shell, Role.AUDITOR))
    assert "not available yet" in auditor_tab.note.text()
    assert auditor_tab.baseline_box.isHidden()
    _tab(qtbot, _shell(branch, make_shell, Role.MANAGER))  # the manager's view leaves a snapshot
    again = _tab(qtbot, _shell(branch, make_shell, Role.AUDITOR))
    assert "Client figures as of" in again.note.text() and "lina" in again.note.text()


def test_report_saved_outside_the_data_directory(
    qtbot, branch: Branch, make_shell: MakeShell, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    shell = _shell(branch, make_shell, Role.AUDITOR)
    tab = _tab(qtbot, shell)
    out = tmp_path / "report.pdf"
    dialogs.set_next_path(out)
    with qtbot.waitSignal(tab.report_ready, timeout=30_000):
        tab.save_button.click()
    assert out.read_bytes().startswith(b"%PDF")


def test_manager_sets_the_breach_baseline(qtbot, branch: Branch, make_shell: MakeShell) -> None:  # type: ignore[no-untyped-def]
    shell = _shell(branch, make_shell, Role.MANAGER)
    tab = _tab(qtbot, shell)
    assert not tab.baseline_box.isHidden()
    assert tab.cards[TargetId.BREACH_REDUCTION].result.met is None  # type: ignore[union-attr]
    tab.baseline_year.setValue(Quarter.of(shell.signed_in().today()).year - 1)
    tab.baseline_count.setValue(0)
    with qtbot.waitSignal(tab.loaded, timeout=20_000):
        tab.baseline_save.click()
    assert programme_policy(shell.signed_in()).breach_baseline_count == 0
    breach = tab.cards[TargetId.BREACH_REDUCTION].result
    assert breach is not None and breach.denominator == 0


def test_the_area_shows_the_dashboard_first(qtbot, branch: Branch, make_shell: MakeShell) -> None:  # type: ignore[no-untyped-def]
    shell = _shell(branch, make_shell, Role.MANAGER)
    area = ProgrammeArea(shell)
    qtbot.addWidget(area)
    assert isinstance(area.tab_widgets[0], DashboardTab)
    assert area.tabs.tabText(0) == "Targets"
