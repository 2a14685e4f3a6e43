"""The "due for destruction" queue, driven by the injected clock: leads become due after their
stage's period without activity (a follow-up restarts it), buyers never before the 10-year
anti-money-laundering hold ends, storage-only records when the hold ends; one approval destroys
exactly the chosen clients as one batch with one certificate, or nothing at all."""

from __future__ import annotations

import dataclasses
import json
import random
import re
import shutil
import subprocess
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.documents.destruction_certificate import BatchSummary, CertificateParty, id_ranges
from desktop_app.documents.destruction_certificate import batch_certificate_pdf as render_batch
from desktop_app.domain.client_record import ClientDraft, ClientValues, FollowupKind
from desktop_app.domain.errors import InvalidInput, PermissionDenied
from desktop_app.domain.retention_rules import destruction_due_on, is_due_for_destruction
from desktop_app.domain.roles import Role
from desktop_app.services.client_deletion import DeletionRefused, delete_or_keep_in_storage
from desktop_app.services.client_directory import count_clients
from desktop_app.services.client_followups import add_followup
from desktop_app.services.client_intake import create_client
from desktop_app.services.client_retention import (
    DestructionBatchNotFound,
    DueReason,
    NoLongerDue,
    approve_destruction,
    batch_certificate_pdf,
    due_for_destruction,
    retention_rules,
)
from desktop_app.services.signed_in import SignedIn
from desktop_app.store.branch_config import save_config
from desktop_app.store.client_repository import ClientRepository
from tests.conftest import Branch, Clock

SignIn = Callable[[Role], SignedIn]

START = date(2027, 1, 15)  # the clock fixture starts at 2027-01-15 08:00 UTC
LEADS = {
    "A": ("欧阳春花", "13987654321"),
    "B": ("司马光明", "13611112222"),
    "C": ("John Smith", "13822223333"),
    "D": ("王小明", "13733334444"),
}
BUYER = ("诸葛买家", "13755556666")
NOTE = "备注暗号ZEBRA7731"


def go_to(clock: Clock, day: date, hour: int = 10) -> None:
    clock.advance(datetime(day.year, day.month, day.day, hour, tzinfo=UTC).timestamp() - clock())


def lead(ctx: SignedIn, key: str) -> int:
    name, phone = LEADS[key]
    return create_client(
        ctx, ClientDraft(name=name, phone=phone, notes=NOTE, choices={"intention_level": "B"})
    ).id


def buyer(ctx: SignedIn) -> int:
    return create_client(ctx, ClientDraft(name=BUYER[0], phone=BUYER[1], stage="contract")).id


def queue_ids(ctx: SignedIn) -> list[int]:
    return [row.id for row in due_for_destruction(ctx)]


def audit(ctx: SignedIn, action: str) -> list[tuple[str, str, str, str, dict[str, object]]]:
    db = ctx.db
    rows = db.execute(
        "SELECT actor_username, target_id, outcome, reason, details FROM audit_log WHERE action = ? "
        "ORDER BY seq",
        (action,),
    ).fetchall()
    return [(a, t, o, r, json.loads(d) if d else {}) for a, t, o, r, d in rows]


def client_rows(ctx: SignedIn, client_id: int) -> tuple[int, int, int]:
    """(clients, follow-ups, search-index rows) left for ``client_id``."""
    db = ctx.db
    return (
        db.execute("SELECT count(*) FROM clients WHERE id = ?", (client_id,)).fetchone()[0],
        db.execute("SELECT count(*) FROM client_followups WHERE client_id = ?", (client_id,)).fetchone()[0],
        db.execute("SELECT count(*) FROM client_search WHERE rowid = ?", (client_id,)).fetchone()[0],
    )


def test_a_lead_is_due_after_24_months_without_contact_and_a_followup_restarts_the_clock(
    signed_in: SignIn, clock: Clock
) -> None:
    manager = signed_in(Role.MANAGER)
    a, b = lead(manager, "A"), lead(manager, "B")
    go_to(clock, date(2028, 3, 1))
    add_followup(manager, b, FollowupKind.CALL, "回访")
    go_to(clock, date(2029, 1, 14))
    assert queue_ids(manager) == []
    go_to(clock, date(2029, 1, 15), hour=0)
    (row,) = due_for_destruction(manager)
    assert row.id == a and row.due_on == date(2029, 1, 15) and row.last_activity == START
    assert row.why is DueReason.RETENTION_PERIOD_ENDED and row.stage == "lead" and not row.storage_only
    assert row.name == "欧***" and row.phone == "139****4321"
    go_to(clock, date(2030, 2, 28))
    assert queue_ids(manager) == [a]
    go_to(clock, date(2030, 3, 1))
    assert queue_ids(manager) == [a, b]  # oldest due first
    reviews = audit(manager, "retention.review")
    assert [entry[4] for entry in reviews] == [
        {"due": 0, "shown": 0},
        {"due": 1, "shown": 1},
        {"due": 1, "shown": 1},
        {"due": 2, "shown": 2},
    ]
    assert all(NOTE not in json.dumps(entry, ensure_ascii=False) for entry in reviews)


def test_the_branch_config_sets_the_period(branch: Branch, signed_in: SignIn, clock: Clock) -> None:
    config = branch.ctx.require_config()
    save_config(branch.ctx.paths.config, dataclasses.replace(config, retention={"lead_months": 6}))
    manager = signed_in(Role.MANAGER)
    assert retention_rules(manager).months_for("lead") == 6
    assert retention_rules(manager).months_for("visiting") == 24  # the default
    a = lead(manager, "A")
    go_to(clock, date(2027, 7, 14))
    assert queue_ids(manager) == []
    go_to(clock, date(2027, 7, 15))
    assert queue_ids(manager) == [a]


def test_a_buyer_is_not_due_before_the_ten_year_hold_ends(signed_in: SignIn, clock: Clock) -> None:
    manager = signed_in(Role.MANAGER)
    held = buyer(manager)
    go_to(clock, date(2031, 1, 15))  # the 36-month stage period passed long ago
    assert queue_ids(manager) == []
    go_to(clock, date(2037, 1, 14))
    assert queue_ids(manager) == []
    go_to(clock, date(2037, 1, 15))
    (row,) = due_for_destruction(manager)
    assert row.id == held and row.due_on == date(2037, 1, 15)
    assert row.why is DueReason.RETENTION_PERIOD_ENDED


def test_a_storage_only_buyer_appears_when_its_hold_ends(signed_in: SignIn, clock: Clock) -> None:
    manager = signed_in(Role.MANAGER)
    held = buyer(manager)
    go_to(clock, date(2036, 6, 1))
    add_followup(manager, held, FollowupKind.VISIT, "到访")  # recent activity does not delay it
    assert delete_or_keep_in_storage(manager, held, "deletion_request") is None
    assert count_clients(manager) == 0  # excluded from the normal lists
    go_to(clock, date(2037, 1, 14))
    assert queue_ids(manager) == []
    go_to(clock, date(2037, 1, 15))
    (row,) = due_for_destruction(manager)
    assert row.id == held and row.storage_only and row.why is DueReason.LEGAL_HOLD_ENDED
    assert row.due_on == date(2037, 1, 15) and row.last_activity == date(2036, 6, 1)
    assert row.name == "诸***"


@pytest.mark.skipif(not shutil.which("pdftotext") or not shutil.which("pdffonts"), reason="poppler-utils")
def test_approval_destroys_exactly_the_chosen_clients_as_one_batch_with_one_certificate(
    branch: Branch, signed_in: SignIn, clock: Clock, tmp_path: Path
) -> None:
    manager = signed_in(Role.MANAGER)
    a, b, c = lead(manager, "A"), lead(manager, "B"), lead(manager, "C")
    add_followup(manager, a, FollowupKind.VISIT, "跟进暗号QUOKKA4419")
    held = buyer(manager)
    assert delete_or_keep_in_storage(manager, held, "consent_withdrawn") is None
    go_to(clock, date(2037, 2, 1))
    d = lead(manager, "D")  # new: not due
    assert set(queue_ids(manager)) == {a, b, c, held}

    batch = approve_destruction(manager, [held, a, b, a])

    wal = branch.ctx.paths.database.with_name(branch.ctx.paths.database.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0  # checkpointed
    assert batch.count == 3 and {r.batch_id for r in batch.records} == {batch.batch_id}
    assert {r.reason for r in batch.records} == {"retention_expiry"}
    for gone in (a, b, held):
        assert client_rows(manager, gone) == (0, 0, 0)
    assert client_rows(manager, c)[0] == client_rows(manager, d)[0] == 1
    assert queue_ids(manager) == [c]
    db = manager.db
    assert db.execute("SELECT count(*) FROM destruction_records").fetchone() == (3,)
    deletes = audit(manager, "client.delete")
    assert sorted(int(e[1]) for e in deletes) == sorted([a, b, held])
    assert all(e[4]["batch_id"] == batch.batch_id and e[3] == "retention_expiry" for e in deletes)
    ((actor, target, outcome, _, details),) = audit(manager, "retention.approve")
    assert (actor, target, outcome) == ("lina", str(batch.batch_id), "success")
    assert details["count"] == 3 and details["batch_id"] == batch.batch_id

    path = tmp_path / "batch.pdf"
    path.write_bytes(batch_certificate_pdf(manager, batch.batch_id))
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = re.sub(r"\s+", " ", text)
    assert f"Batch No.: {batch.batch_id}" in flat and "Number of clients: 3" in flat
    assert "深圳南山店" in flat and "保存期限届满" in flat and "retention period expired" in flat
    assert "第四十七条第一款第（二）项" in flat.replace(" ", "") and "PIPL Art. 47(1), item 2" in flat
    assert "identity (name, ID document): 3" in flat and "follow-ups: 1" in flat
    assert "notes: 2" in flat and "search index: 3" in flat
    ids = sorted(r.id for r in batch.records)
    assert f"{ids[0]}–{ids[-1]}" in flat
    for secret in (*LEADS["A"], *LEADS["B"], *BUYER, NOTE, "QUOKKA4419", "+86"):
        assert secret not in text
    assert all(r.client_pseudonym not in text for r in batch.records)
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    rows = fonts.splitlines()[2:]
    assert rows and all(row.split()[-5] == "yes" for row in rows), fonts
    ((_, cert_target, _, _, cert_details),) = audit(manager, "client.destruction_certificate")
    assert cert_target == str(batch.batch_id) and cert_details == {"count": 3}
    with pytest.raises(DestructionBatchNotFound):
        batch_certificate_pdf(manager, batch.batch_id + 1)


def test_a_batch_certificate_lists_every_record_over_several_pages(
    signed_in: SignIn, clock: Clock, tmp_path: Path
) -> None:
    if not shutil.which("pdftotext"):
        pytest.skip("poppler-utils")
    manager = signed_in(Role.MANAGER)
    ids = tuple(range(1, 1200, 2))  # no two consecutive: 600 separate numbers
    summary = BatchSummary(
        7, ids, "2037-02-01T10:00:00.000000Z", ((("备注", "notes"), 600),), ("保存期限届满", "x")
    )
    party = CertificateParty("李娜", "lina")
    path = tmp_path / "long.pdf"
    path.write_bytes(
        render_batch(
            manager.require_config(),
            summary,
            destroyed_by=party,
            approved_by=party,
            generated_at="2037-02-01T10:00:00Z",
        )
    )
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    numbers = set(re.findall(r"\b\d+\b", text.split("Destruction record Nos.:")[1]))
    assert {str(n) for n in ids} <= numbers
    assert "page 1 of 2" in text and "page 2 of 2" in text


def test_approving_a_client_that_is_no_longer_due_destroys_nothing(signed_in: SignIn, clock: Clock) -> None:
    manager = signed_in(Role.MANAGER)
    a, b = lead(manager, "A"), lead(manager, "B")
    go_to(clock, date(2029, 2, 1))
    d = lead(manager, "D")
    assert queue_ids(manager) == [a, b]
    add_followup(manager, b, FollowupKind.CALL, "客户又来电")  # contacted after the review

    for chosen, not_due in (([a, d], 1), ([a, b], 1), ([a, b, d, 99_999], 3)):
        with pytest.raises(NoLongerDue) as refused:
            approve_destruction(manager, chosen)
        assert refused.value.not_due == not_due
        assert f"{not_due} of the {len(chosen)} chosen clients" in refused.value.en
        assert "未销毁任何客户" in refused.value.zh
    for kept in (a, b, d):
        assert client_rows(manager, kept)[0] == 1
    db = manager.db
    assert db.execute("SELECT count(*) FROM destruction_records").fetchone() == (0,)
    assert audit(manager, "client.delete") == []
    failures = audit(manager, "retention.approve")
    assert [(e[2], e[3], e[4]) for e in failures] == [
        ("failure", "no_longer_due", {"chosen": 2, "not_due": 1}),
        ("failure", "no_longer_due", {"chosen": 2, "not_due": 1}),
        ("failure", "no_longer_due", {"chosen": 4, "not_due": 3}),
    ]
    with pytest.raises(InvalidInput):
        approve_destruction(manager, [])
    with pytest.raises(DeletionRefused):
        approve_destruction(manager, [a], approved_by_username="zhangwei")  # an agent cannot approve
    assert client_rows(manager, a)[0] == 1
    assert approve_destruction(manager, [a], approved_by_username="lina").count == 1


@pytest.mark.parametrize("role", [Role.AGENT, Role.IT_ADMIN, Role.AUDITOR])
def test_only_managers_may_review_or_approve(signed_in: SignIn, clock: Clock, role: Role) -> None:
    manager = signed_in(Role.MANAGER)
    a = lead(manager, "A")
    go_to(clock, date(2029, 2, 1))
    other = signed_in(role)
    for attempt in (
        lambda: due_for_destruction(other),
        lambda: approve_destruction(other, [a]),
        lambda: batch_certificate_pdf(other, 1),
        lambda: retention_rules(other),
    ):
        with pytest.raises(PermissionDenied):
            attempt()
    denied = audit(manager, "access.denied")
    assert len(denied) == 4 and {e[1] for e in denied} == {"request.handle"}
    assert client_rows(manager, a)[0] == 1


def test_the_sql_prefilter_keeps_every_client_the_rule_says_is_due(signed_in: SignIn, clock: Clock) -> None:
    """Against the domain rule applied to every record, on dates around month ends and leap days."""
    manager = signed_in(Role.MANAGER)
    db = manager.db
    repo = ClientRepository(db)
    rng = random.Random(20270115)
    days = [date(2027, 1, 31), date(2027, 2, 28), date(2028, 2, 29), date(2027, 3, 31), date(2027, 8, 31)]
    with db.transaction():
        for index in range(120):
            created = rng.choice(days) if index % 2 else date(2027, 1, 1) + timedelta(days=rng.randrange(900))
            stage = rng.choice(["lead", "visiting", "subscription", "contract", "closed"])
            values = ClientValues(
                full_name=f"客户{index}", phone_e164=f"+86139{index:08d}", phone_kind="mobile", stage=stage
            )
            client_id = repo.add(values, assigned_agent_id=1, now=f"{created.isoformat()}T23:59:59.000000Z")
            if rng.random() < 0.4:
                contact = created + timedelta(days=rng.randrange(400))
                repo.note_contact(client_id, f"{contact.isoformat()}T00:00:00.000000Z")
            if stage in ("subscription", "contract", "closed") and rng.random() < 0.3:
                repo.set_storage_only(client_id, now=f"{created.isoformat()}T12:00:00.000000Z")
    rules = manager.require_config().retention_rules()
    everyone = [repo.get(int(row[0])) for row in db.execute("SELECT id FROM clients").fetchall()]
    checked_days = [
        date(2029, 1, 31),
        date(2029, 3, 1),
        date(2029, 3, 31),
        date(2030, 2, 28),
        date(2031, 3, 1),
    ]
    checked_days += [date(2037, 2, 28), date(2038, 2, 28), date(2038, 3, 1), date(2040, 1, 1)]
    seen_due = 0
    for today in checked_days:
        go_to(clock, today, hour=0)
        expected = sorted(
            (destruction_due_on(c, rules), c.id)
            for c in everyone
            if c is not None and is_due_for_destruction(c, rules, today)
        )
        assert [(row.due_on, row.id) for row in due_for_destruction(manager, limit=1000)] == expected, today
        seen_due = max(seen_due, len(expected))
    assert 0 < seen_due


@given(st.sets(st.integers(min_value=1, max_value=10_000), max_size=200))
def test_record_number_ranges_list_every_number_once(numbers: set[int]) -> None:
    expanded: list[int] = []
    for part in id_ranges(list(numbers)):
        first, _, last = part.partition("–")
        expanded += range(int(first), int(last or first) + 1)
    assert expanded == sorted(numbers)
    assert len(id_ranges(list(numbers))) <= len(numbers)
