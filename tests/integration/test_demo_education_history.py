"""The demo's year of privacy education: five or six campaigns across channels within the past
year, about half the clients reached (rising: later campaigns reach more), fast, and audited."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from datetime import timedelta

from desktop_app.domain.client_record import ClientDraft
from desktop_app.domain.roles import Role
from desktop_app.services.client_intake import create_client
from desktop_app.services.demo_education_history import seed_demo_history
from desktop_app.services.education import list_campaigns
from desktop_app.services.signed_in import SignedIn
from desktop_app.store.audit_repository import AuditRepository
from desktop_app.store.education_repository import ParticipationRepository

SignIn = Callable[[Role], SignedIn]


def test_the_demo_history_reaches_about_half_the_clients(signed_in: SignIn) -> None:
    manager = signed_in(Role.MANAGER)
    with manager.db.transaction():
        clients = [
            create_client(manager, ClientDraft(name=f"演示客户{chr(0x4E00 + i)}", phone=f"1380000{i:04d}")).id
            for i in range(80)
        ]
    started = time.perf_counter()
    seed_demo_history(manager, random.Random(3))
    assert time.perf_counter() - started < 0.5
    today = manager.today()
    campaigns = [c for year in (today.year - 1, today.year) for c in list_campaigns(manager, year)]
    assert 5 <= len(campaigns) <= 6
    assert all(today - timedelta(days=366) <= c.day <= today for c in campaigns)
    assert len({c.channel for c in campaigns}) == len(campaigns)
    repo = ParticipationRepository(manager.db)
    reached = sum(1 for client in clients if repo.count_for_client(client))
    assert 0.35 <= reached / len(clients) <= 0.65
    per_campaign = repo.per_campaign([c.id for c in campaigns], agent_id=None)
    oldest, newest = min(campaigns, key=lambda c: c.day), max(campaigns, key=lambda c: c.day)
    assert per_campaign[oldest.id] < per_campaign[newest.id]
    actions = [entry.action for entry in AuditRepository(manager.db).iter_all()]
    assert actions.count("education.campaign_add") == len(campaigns)
