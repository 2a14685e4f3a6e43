"""Long work reports real progress and can be cancelled without leaving anything half-written
(issue 12 part 3): the import (all or nothing, the cancellation audited), the retention batch
(each client atomic, cancel stops between clients) and consent batch printing (a temporary file
renamed at the end, removed on cancel, nothing recorded)."""

from __future__ import annotations

import dataclasses
import importlib
import itertools
import json
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from desktop_app.domain.cancellation import Cancelled, CancelToken
from desktop_app.domain.client_record import ClientDraft
from desktop_app.domain.roles import Role
from desktop_app.services.client_import import import_clients
from desktop_app.services.client_intake import create_client
from desktop_app.services.client_retention import approve_destruction, due_for_destruction
from desktop_app.services.consent_batch import print_consent_forms
from desktop_app.services.signed_in import SignedIn
from tests.conftest import Branch, Clock
from tests.support.branch_settings import save_branch_settings

fx = importlib.import_module("tests.fixtures.import.make_fixtures")
SignIn = Callable[[Role], SignedIn]
ROWS = 40
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"


def _name(n: int) -> str:
    return SURNAMES[n % 20] + SURNAMES[n // 20 % 20] + "明"


def _count(ctx: SignedIn, sql: str) -> int:
    db = ctx.db
    return int(db.execute(sql).fetchone()[0])


def _audit(ctx: SignedIn, action: str) -> list[tuple[str, dict[str, object]]]:
    """(outcome, or "cancelled" for a failure because of cancelling; details) of each entry."""
    db = ctx.db
    rows = db.execute(
        "SELECT outcome, reason, details FROM audit_log WHERE action = ? ORDER BY seq", (action,)
    )
    return [
        (
            "cancelled" if (outcome, reason) == ("failure", "cancelled") else outcome,
            json.loads(details or "{}"),
        )
        for outcome, reason, details in rows.fetchall()
    ]


def _sheet(tmp_path: Path) -> Path:
    path = tmp_path / "clients.csv"
    rows = [("姓名", "手机")] + [(_name(n), f"1381234{n:04d}") for n in range(ROWS)]
    path.write_bytes(fx.csv_bytes(rows, "utf-8"))
    return path


class _CancelAt:
    """A progress callback that records every report and cancels once ``done`` reaches ``at``."""

    def __init__(self, at: int) -> None:
        self.at = at
        self.token = CancelToken()
        self.seen: list[tuple[int, int]] = []

    def __call__(self, done: int, total: int) -> None:
        self.seen.append((done, total))
        if done >= self.at:
            self.token.cancel()


def _monotonic(seen: list[tuple[int, int]]) -> bool:
    return all(a[0] <= b[0] and a[1] == b[1] for a, b in itertools.pairwise(seen))


def test_import_progress_is_monotonic_and_reaches_the_total(signed_in: SignIn, tmp_path: Path) -> None:
    agent = signed_in(Role.AGENT)
    seen: list[tuple[int, int]] = []
    report = import_clients(agent, _sheet(tmp_path), progress=lambda d, t: seen.append((d, t)))
    assert report.imported == ROWS
    assert _monotonic(seen) and seen[-1] == (2 * ROWS, 2 * ROWS) and seen[0][0] == 0


@pytest.mark.parametrize("at", [ROWS // 2, ROWS + ROWS // 2], ids=["while checking", "while writing"])
def test_a_cancelled_import_leaves_no_client_and_is_audited_as_cancelled(
    signed_in: SignIn, tmp_path: Path, at: int
) -> None:
    agent = signed_in(Role.AGENT)
    before = _count(agent, "SELECT count(*) FROM clients")
    cancel = _CancelAt(at)
    with pytest.raises(Cancelled):
        import_clients(agent, _sheet(tmp_path), progress=cancel, cancel=cancel.token)
    assert _count(agent, "SELECT count(*) FROM clients") == before
    assert _audit(agent, "client.create") == []
    ((outcome, details),) = _audit(agent, "client.import")
    assert outcome == "cancelled" and details["imported"] == 0 and details["rows"] == ROWS
    assert _monotonic(cancel.seen)


def _go_to(clock: Clock, day: date) -> None:
    clock.advance(datetime(day.year, day.month, day.day, 10, tzinfo=UTC).timestamp() - clock())


def test_a_cancelled_retention_batch_stops_between_clients(signed_in: SignIn, clock: Clock) -> None:
    manager = signed_in(Role.MANAGER)
    ids = [
        create_client(
            manager, ClientDraft(name=_name(n), phone=f"1391234{n:04d}", choices={"intention_level": "B"})
        ).id
        for n in range(4)
    ]
    _go_to(clock, date(2037, 2, 1))
    assert sorted(row.id for row in due_for_destruction(manager)) == sorted(ids)
    cancel = _CancelAt(2)
    with pytest.raises(Cancelled):
        approve_destruction(manager, ids, progress=cancel, cancel=cancel.token)
    left = _count(manager, "SELECT count(*) FROM clients")
    assert left == 2  # two wholly destroyed, two untouched
    assert _count(manager, "SELECT count(*) FROM destruction_records") == 2
    assert len(_audit(manager, "client.delete")) == 2
    ((outcome, details),) = _audit(manager, "retention.approve")
    assert outcome == "cancelled" and details["count"] == 2
    assert cancel.seen == [(0, 4), (1, 4), (2, 4)]

    seen: list[tuple[int, int]] = []
    rest = [row.id for row in due_for_destruction(manager)]
    batch = approve_destruction(manager, rest, progress=lambda d, t: seen.append((d, t)))
    assert batch.count == 2 and seen[-1] == (2, 2) and _monotonic(seen)
    assert _count(manager, "SELECT count(*) FROM clients") == 0


def test_consent_batch_printing_writes_one_pdf_or_nothing(
    branch: Branch, signed_in: SignIn, tmp_path: Path
) -> None:
    import pypdfium2 as pdfium

    config = dataclasses.replace(  # the bundled notice names headquarters
        branch.ctx.require_config(), hq_name="示例地产集团总部", hq_contact="021-0000-0000"
    )
    save_branch_settings(branch.ctx, config)
    agent = signed_in(Role.AGENT)
    ids = [create_client(agent, ClientDraft(name=_name(n), phone=f"1371234{n:04d}")).id for n in range(3)]
    out = tmp_path / "out"
    out.mkdir()

    cancel = _CancelAt(2)
    with pytest.raises(Cancelled):
        print_consent_forms(agent, ids, out / "forms.pdf", progress=cancel, cancel=cancel.token)
    assert list(out.iterdir()) == []  # no file, no temporary file
    assert _count(agent, "SELECT count(*) FROM client_data.printed_forms") == 0
    assert _audit(agent, "consent.print") == []

    seen: list[tuple[int, int]] = []
    batch = print_consent_forms(agent, ids, out / "forms.pdf", progress=lambda d, t: seen.append((d, t)))
    assert [p.name for p in out.iterdir()] == ["forms.pdf"]
    assert _monotonic(seen) and seen[-1] == (4, 4)
    assert len(batch.form_numbers) == 3
    assert _count(agent, "SELECT count(*) FROM client_data.printed_forms") == 3
    assert len(_audit(agent, "consent.print")) == 3
    pdf = pdfium.PdfDocument(out / "forms.pdf")
    try:
        assert len(pdf) >= 3
    finally:
        pdf.close()
