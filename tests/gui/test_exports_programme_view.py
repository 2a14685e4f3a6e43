"""The approving manager sees the summary's privacy-programme block as a table before it leaves:
each target's counts exactly as sent, the value HQ will compute, the branch's target and whether it
is met; a summary without the block says none is sent."""

from __future__ import annotations

from desktop_app.ui.exports.payload_view import PayloadView
from tests.support.programme_blocks import sample_block

PAYLOAD: dict[str, object] = {
    "suppression": {"k": 5, "below_k": "<5", "complementary": "x"},
    "aggregates": {"new_clients": 12},
    "client_rows": None,
}


def test_the_programme_block_is_shown_as_sent(qtbot) -> None:  # type: ignore[no-untyped-def]
    view = PayloadView("en")
    qtbot.addWidget(view)
    block = sample_block(
        "2026Q4",
        survey_responses=0,
        survey_satisfied=0,
        breaches_this_year=1,
        breaches_baseline=4,
        targets={"quiz_pass": 80},
    )
    view.show_payload({**PAYLOAD, "programme": block}, "ab" * 32, {})
    assert view.tabs.tabText(1) == "Privacy programme"
    programme = view.programme_view
    assert "2026Q4" in programme.intro.text()
    table = programme.table
    assert table.rowCount() == 6 and not table.isHidden()

    def row(index: int) -> list[str]:
        return [table.item(index, c).text() for c in range(4)]  # type: ignore[union-attr]

    assert row(0) == ["9 / 10", "90.0%", "≥ 100%", "not met"]
    assert row(1) == ["7 / 8", "87.5%", "≥ 80%", "met"]  # the branch's own target
    assert row(2) == ["0 / 0", "no data", "≥ 85%", "no data"]
    assert row(5) == ["1 / 4", "75.0%", "− 30%", "met"]
    header = table.verticalHeaderItem(0)
    assert header is not None and header.text() == "Training coverage"
    others = {
        programme.others.verticalHeaderItem(r).text(): programme.others.item(r, 0).text()  # type: ignore[union-attr]
        for r in range(programme.others.rowCount())
    }
    assert others["Latest finished review"] == "2026H2" and others["Open incidents"] == "1"


def test_a_summary_without_the_block_says_none_is_sent(qtbot) -> None:  # type: ignore[no-untyped-def]
    view = PayloadView("en")
    qtbot.addWidget(view)
    view.show_payload({**PAYLOAD, "programme": None}, "ab" * 32, {})
    assert "No privacy programme figures" in view.programme_view.intro.text()
    assert view.programme_view.table.isHidden()
    view.show_payload(dict(PAYLOAD), "ab" * 32, {})  # an older summary: no key at all
    assert "No privacy programme figures" in view.programme_view.intro.text()
