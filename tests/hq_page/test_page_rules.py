"""The HQ page's pure rules without HTTP: throttling windows, combining figures without ever
estimating a suppressed cell, rates only from exact counts, escaped SVG charts, labels and order."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from desktop_app.hq.web.figure_labels import code_label, section_label, section_rank
from desktop_app.hq.web.figure_views import figure_views, rate
from desktop_app.hq.web.figures import Cell, combine, sections_of
from desktop_app.hq.web.svg_charts import Bar, bar_chart
from desktop_app.hq.web.throttle_rules import ThrottlePolicy, decide, normalised_username
from tests.support.hq_page import AGGREGATES

NOW = datetime(2026, 12, 6, 4, 0, tzinfo=UTC)
POLICY = ThrottlePolicy()


def _ago(*minutes: float) -> list[datetime]:
    return [NOW - timedelta(minutes=m) for m in minutes]


def test_throttling_counts_failures_in_the_window_per_username_and_address() -> None:
    assert decide(_ago(1, 2, 3, 4), [], NOW, POLICY).allowed
    refused = decide(_ago(1, 2, 3, 4, 14), [], NOW, POLICY)
    assert not refused.allowed and refused.reason == "username"
    assert refused.retry_after_seconds == 60  # the oldest failure (14 min ago) leaves in 1 minute
    assert decide(_ago(1, 2, 3, 4, 15), [], NOW, POLICY).allowed  # 15 minutes ago is outside
    by_address = decide([], _ago(*range(10)), NOW, POLICY)
    assert not by_address.allowed and by_address.reason == "address"
    assert decide([], _ago(*range(9)), NOW, POLICY).allowed


def test_usernames_are_throttled_whatever_their_case_or_spaces() -> None:
    assert normalised_username("  HQ.Lin ") == normalised_username("hq.lin") == "hq.lin"


def test_cells_never_turn_suppressed_counts_into_numbers() -> None:
    assert Cell(7).text() == "7"
    assert (Cell(7) + Cell(suppressed=1, markers=("<5",))).text() == "≥7"
    assert Cell(suppressed=1, markers=("<5",)).text() == "<5"
    assert Cell(suppressed=1, markers=("x",)).text() == "x"
    assert (Cell(suppressed=1, markers=("<5",)) + Cell(suppressed=1, markers=("x",))).text() == "已隐藏×2"


published = st.one_of(st.integers(min_value=0, max_value=500), st.sampled_from(["<5", "x"]))


@given(st.lists(published, min_size=1, max_size=8))
def test_a_combined_cell_shows_a_plain_number_only_when_nothing_was_suppressed(
    values: list[int | str],
) -> None:
    combined = combine({"new_clients": value} for value in values)["new_clients"].rows[""][""]
    known = sum(v for v in values if isinstance(v, int))
    text = combined.text()
    if all(isinstance(v, int) for v in values):
        assert text == str(known)
    else:
        assert not text.isdigit()  # never a bare number that hides a guess
        assert text in ("<5", "x", f"≥{known}") or text.startswith("已隐藏")


def test_rates_need_both_counts_exact() -> None:
    assert rate(Cell(11), Cell(40)).text == "28%"
    assert rate(Cell(suppressed=1, markers=("<5",)), Cell(40)).suppressed
    assert rate(Cell(11), Cell(suppressed=1, markers=("x",))).text == "—"
    assert rate(Cell(0), Cell(0)).text == "—"


def test_distributions_consent_and_counts_are_read_from_the_summary_shape() -> None:
    sections = sections_of(AGGREGATES)
    stage = sections["new_clients_by_stage"]
    assert stage.total == Cell(23)
    assert stage.rows["lead"][""] == Cell(9)
    assert sections["consent"].rows["hq_sharing"] == {
        "granted": Cell(11),
        "not_granted": Cell(29),
        "clients": Cell(40),
    }
    assert sections["destructions"].is_scalar
    views = {v.key: v for v in figure_views(combine([AGGREGATES, AGGREGATES]), {})}
    assert (
        views["new_clients_by_stage"].total is not None and views["new_clients_by_stage"].total.text == "46"
    )


def test_labels_come_from_the_domain_and_sections_keep_a_reading_order() -> None:
    assert code_label("new_clients_by_stage", "visiting").zh == "带看中"
    assert code_label("consent", "hq_sharing").zh == "向总部提供个人信息"
    assert code_label("new_clients_by_district", "朝阳区").zh == "朝阳区"
    assert section_label("new_clients_by_source_channel").en == "New clients by source channel"
    keys = sorted(AGGREGATES, key=section_rank)
    assert keys[:3] == ["new_clients", "follow_ups", "clients_held"]
    assert keys.index("new_clients_by_district") > keys.index("new_clients_by_source_channel")
    assert keys[-1] == "destructions"


def test_charts_escape_every_text_and_draw_no_bar_for_a_suppressed_cell() -> None:
    svg = str(
        bar_chart(
            '<script>alert("t")</script>',
            [Bar("<img src=x onerror=alert(1)>", Cell(3)), Bar("&amp;", Cell(suppressed=1, markers=("<5",)))],
        )
    )
    assert "<script" not in svg and "<img" not in svg
    assert "&lt;script&gt;" in svg and "&amp;amp;" in svg and "&lt;5" in svg
    assert svg.count('class="chart-bar"') == 1 and svg.count('class="chart-suppressed"') == 1
    assert "style=" not in svg  # the page's CSP allows no inline style
