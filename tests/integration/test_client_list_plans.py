"""The client list's queries walk an index: no ORDER BY sort and no table scan over 100k clients.

A full scan decrypts every page of the clients table (about 100 ms at 100k clients, 3x slower than
plain SQLite); the partial indexes of migration 6 keep the first page and the count an index walk.
"""

from __future__ import annotations

import pytest

from desktop_app.domain.client_list_query import NO_FILTER, ClientSort
from desktop_app.domain.roles import Role
from desktop_app.store.client_repository import _ORDER_BY, _where


def _plan(ctx, sql: str, params: tuple[object, ...]) -> list[str]:  # type: ignore[no-untyped-def]
    db = ctx.db
    return [str(row[3]) for row in db.execute("EXPLAIN QUERY PLAN " + sql, params)]


@pytest.mark.parametrize("sort", list(ClientSort))
def test_a_managers_first_page_walks_an_index_in_list_order(signed_in, sort: ClientSort) -> None:  # type: ignore[no-untyped-def]
    manager = signed_in(Role.MANAGER)
    where, params = _where(None, NO_FILTER)
    plan = _plan(manager, f"SELECT id FROM clients WHERE {where} ORDER BY {_ORDER_BY[sort]} LIMIT 50", params)
    assert len(plan) == 1 and "USING INDEX clients_active_" in plan[0], plan
    assert not any("TEMP B-TREE" in step for step in plan), plan


@pytest.mark.parametrize("sort", [ClientSort.LAST_CONTACT, ClientSort.NAME])
def test_an_agents_first_page_searches_their_rows_in_order(signed_in, sort: ClientSort) -> None:  # type: ignore[no-untyped-def]
    agent = signed_in(Role.AGENT)
    where, params = _where(7, NO_FILTER)
    plan = _plan(agent, f"SELECT id FROM clients WHERE {where} ORDER BY {_ORDER_BY[sort]} LIMIT 50", params)
    assert plan[0].startswith("SEARCH clients USING INDEX clients_active_agent_"), plan
    assert not any("TEMP B-TREE" in step for step in plan), plan


@pytest.mark.parametrize("agent_id", [None, 7])
def test_counting_never_scans_the_table(signed_in, agent_id: int | None) -> None:  # type: ignore[no-untyped-def]
    manager = signed_in(Role.MANAGER)
    where, params = _where(agent_id, NO_FILTER)
    plan = _plan(manager, f"SELECT count(*) FROM clients WHERE {where}", params)
    assert all(
        "USING INDEX clients_active_" in step or "COVERING INDEX clients_active_" in step for step in plan
    ), plan
