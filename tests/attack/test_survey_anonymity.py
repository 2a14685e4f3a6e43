"""Attacks on the anonymity of satisfaction responses: someone who can read branch.db (IT with their
own password and the app's own modules; an auditor; a manager) tries to tell which client gave
which rating.

An agent opens a client's record (audited ``client.open``, with the client and the minute) and
types in that client's paper form right after (audited ``survey.response_added``, with the minute).
If the responses were stored in entry order, or with the time they were typed, the n-th response
would belong to the n-th ``survey.response_added`` entry, and the ``client.open`` just before it
names the client. The table keeps a random id and the day only. Checked against the protection:
with ids in entry order (SQLite's default rowid) the first test fails; with a timestamp column the
second one does.
"""

from __future__ import annotations

import re

from desktop_app.domain.roles import Role
from desktop_app.services.satisfaction import add_response
from desktop_app.services.sign_in import sign_in, sign_out
from desktop_app.store.audit_repository import AuditRepository
from tests.conftest import ADMIN, Branch

ENTERED = [1, 2, 3, 4, 5] * 4  # twenty paper forms, in the order the agent typed them in


def _entered_as_agent(branch: Branch) -> None:
    agent = sign_in(branch.context(), *branch.users[Role.AGENT])
    for rating in ENTERED:
        add_response(agent, rating)
    sign_out(agent)


def test_the_stored_order_does_not_give_away_the_entry_order(branch: Branch) -> None:
    _entered_as_agent(branch)
    it = sign_in(branch.context(), *ADMIN)
    entries = [e for e in AuditRepository(it.db).iter_all() if e.action == "survey.response_added"]
    assert len(entries) == len(ENTERED)  # the attacker has every entry, in order, with its minute
    for query in (
        "SELECT rating FROM satisfaction_responses",
        "SELECT rating FROM satisfaction_responses ORDER BY rowid",
        "SELECT rating FROM satisfaction_responses ORDER BY id",
    ):
        ratings = [int(r[0]) for r in it.db.execute(query).fetchall()]
        assert sorted(ratings) == sorted(ENTERED)
        assert ratings != ENTERED, query  # in entry order: the n-th audit entry gives the n-th rating
    sign_out(it)


def test_no_column_holds_the_time_a_response_was_typed_in(branch: Branch) -> None:
    _entered_as_agent(branch)
    it = sign_in(branch.context(), *ADMIN)
    rows = it.db.execute("SELECT * FROM satisfaction_responses").fetchall()
    columns = [r[1] for r in it.db.execute("PRAGMA table_info(satisfaction_responses)").fetchall()]
    time_of_day = re.compile(r"\d{2}:\d{2}")
    for row in rows:
        for column, value in zip(columns, row, strict=True):
            assert not (isinstance(value, str) and time_of_day.search(value)), (column, value)
    assert not {"client_id", "client", "phone", "name", "created_at"} & set(columns)
    sign_out(it)
