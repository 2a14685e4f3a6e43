"""The aggregates object from grouped counts: every registry choice field listed with all its codes
and ``not_recorded``; small districts never named; a total hidden in one table hidden everywhere."""

from __future__ import annotations

from desktop_app.domain.client_field_registry import CLIENT_FIELDS, HqShare
from desktop_app.domain.hq_summary import canonical_json
from desktop_app.domain.hq_summary.aggregation import SummaryCounts, aggregates, distribution_fields


def counts(**overrides: object) -> SummaryCounts:
    base: dict[str, object] = {
        "new_clients": 40,
        "follow_ups": 3,
        "new_clients_by": {
            "stage": {"lead": 30, "visiting": 10},
            "intention_level": {"A": 20, "B": 12, None: 8},
            "source_channel": {"walk_in": 40},
            "district": {"南山区": 25, "福田区": 12, "罗湖区": 2, "科技园路1号": 1},
        },
        "clients_held": 100,
        "consent_granted": {"hq_sharing": 30, "marketing_contact": 98, "sensitive_data": 50},
        "requests_opened": 2,
        "requests_closed": 7,
        "requests_overdue": 0,
        "destructions": 5,
    }
    base.update(overrides)
    return SummaryCounts(**base)  # type: ignore[arg-type]


def test_distributions_follow_the_registry() -> None:
    names = {row.name for row in distribution_fields()}
    expected = {
        row.name
        for row in CLIENT_FIELDS
        if row.choice is not None and row.kind == "choice" and row.hq is not HqShare.NONE
    }
    assert (
        names == expected
        and {"stage", "intention_level", "property_type", "budget_band", "source_channel"} <= names
    )
    assert "income_band" not in names and "id_type" not in names
    result = aggregates(counts(), 5)
    for row in distribution_fields():
        table = result[f"new_clients_by_{row.name}"]
        assert list(table["counts"]) == [m.value for m in row.choice] + ["not_recorded"]  # type: ignore[union-attr]
        assert table["total"] == 40


def test_counts_and_markers() -> None:
    result = aggregates(counts(), 5)
    assert result["new_clients"] == 40 and result["follow_ups"] == "<5"
    assert result["new_clients_by_intention_level"]["counts"] == {
        "A": 20,
        "B": 12,
        "C": "<5",
        "not_recorded": "x",  # C is 0: the smallest other cell hides it
    }
    assert result["new_clients_by_stage"]["counts"] == {
        "lead": 30,
        "visiting": "x",  # the four zeros would otherwise be forced
        "subscription": "<5",
        "contract": "<5",
        "closed": "<5",
        "not_recorded": "<5",
    }
    # the small district is never named; the street typed into the district field is "not recorded"
    districts = result["new_clients_by_district"]["counts"]
    assert set(districts) == {"南山区", "福田区", "other_districts", "not_recorded"}
    assert districts["other_districts"] == "<5" and districts["not_recorded"] == "<5"
    assert "罗湖区" not in canonical_json(result).decode() and "科技园" not in canonical_json(result).decode()
    assert result["consent"]["hq_sharing"] == {"granted": 30, "not_granted": 70, "clients": 100}
    assert result["client_requests"] == {"opened": "<5", "closed": 7, "overdue": "<5"}
    assert result["destructions"] == 5


def test_a_total_one_table_hides_is_hidden_everywhere() -> None:
    # HQ sharing 4 of 8 leaves 4 not granted: both "<5" with a published 8 would be 4 and 4, so that
    # table hides its total; then "clients" is "x" in every consent entry and at the top level
    held = counts(
        clients_held=8, consent_granted={"hq_sharing": 4, "marketing_contact": 8, "sensitive_data": 0}
    )
    result = aggregates(held, 5)
    assert result["consent"]["hq_sharing"] == {"granted": "<5", "not_granted": "<5", "clients": "x"}
    assert result["clients_held"] == "x"
    assert {entry["clients"] for entry in result["consent"].values()} == {"x"}
    # with a total not forced, the smallest interior cell protects instead
    assert aggregates(counts(), 5)["consent"]["marketing_contact"] == {
        "granted": "x",
        "not_granted": "<5",
        "clients": 100,
    }


def test_small_period_total() -> None:
    small = counts(new_clients=3, new_clients_by={"stage": {"lead": 3}, "district": {"南山区": 3}})
    result = aggregates(small, 5)
    assert result["new_clients"] == "<5"
    assert all(result[f"new_clients_by_{row.name}"]["total"] == "<5" for row in distribution_fields())
    assert result["new_clients_by_district"]["counts"] == {"other_districts": "<5", "not_recorded": "<5"}
