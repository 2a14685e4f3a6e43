"""The demo's incident history: a baseline year of three breaches, this year one breach with its
letters logged (closed) and an encrypted lost phone (no breach, still open); fast."""

from __future__ import annotations

import random
import time
from collections.abc import Callable

from desktop_app.domain.client_record import ClientDraft
from desktop_app.domain.roles import Role
from desktop_app.services import incident_clients, incidents
from desktop_app.services.client_intake import create_client
from desktop_app.services.demo_incidents_history import seed_demo_history
from desktop_app.services.signed_in import SignedIn


def test_seeded_history_gives_a_baseline_and_this_years_figures(
    signed_in: Callable[[Role], SignedIn],
) -> None:
    agent = signed_in(Role.AGENT)
    for i in range(4):
        create_client(agent, ClientDraft(name=f"演示客户{'甲乙丙丁'[i]}", phone=f"1391234000{i}"))
    manager = signed_in(Role.MANAGER)
    started = time.perf_counter()
    seed_demo_history(manager, random.Random(7))
    assert time.perf_counter() - started < 0.5
    year = manager.today().year
    last = incidents.incident_counts(manager, year - 1)
    assert (last.breaches, last.incidents, last.open_incidents) == (3, 4, 0)
    now = incidents.incident_counts(manager, year)
    assert (now.breaches, now.incidents, now.open_incidents) == (1, 2, 1)
    rows = incidents.list_incidents(manager)
    this_year = [i for i in rows if i.reference.startswith(f"INC-{year}-")]
    letters_for = next(i for i in this_year if i.is_breach)
    assert letters_for.state == "closed" and letters_for.affected_count == 3
    assert {r.entry.channel for r in incident_clients.notification_log(manager, letters_for.id)} == {
        "letter_printed"
    }
    phone = next(i for i in this_year if i.kind == "lost_device")
    assert phone.is_breach is False and phone.state == "assessed"
