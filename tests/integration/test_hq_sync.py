"""One outbox pass (services/hq_sync.py) against an in-process stand-in for HQ, on the usual test
clock: what is due is sent once per pass, a failure waits the backoff (30 s ceiling after the first,
doubling, full jitter from ``rng``), a receipt is stored only when HQ's key signed it for exactly
this body, the context's transport factory is used, and nothing is built before enrolment or when
nothing is due. The real HQ service is tests/integration/test_hq_sync_e2e.py.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

import pytest

from desktop_app.domain.export_states import ExportState
from desktop_app.domain.hq_summary import generate_private_key, verify_request
from desktop_app.domain.roles import Role
from desktop_app.services import hq_exports
from desktop_app.services.hq_link import NotEnrolled
from desktop_app.services.hq_sync import plan_pass, record_outcomes, send_plan, sync_once
from desktop_app.services.signed_in import SignedIn
from desktop_app.sync.transport import HqResponse, HqUnreachable
from tests.conftest import Branch
from tests.support.hq_export_fixtures import FakeHqEnrolment, enrol_for_tests

SignIn = Callable[[Role], SignedIn]
DAY = date(2027, 1, 14)  # the test clock's "today" is 2027-01-15 (Beijing)


@dataclass
class FakeHq:
    """Answers submissions like HQ (201 then 200 with the same receipt) unless told to fail."""

    enrolment: FakeHqEnrolment
    fail_with: list[Exception | int] = field(default_factory=list)
    stored: dict[str, dict[str, object]] = field(default_factory=dict)
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    forge_receipts: bool = False
    closed: int = 0

    def post(self, path: str, body: bytes, headers: dict[str, str]) -> HqResponse:
        self.requests.append((path, headers))
        verify_request(
            self.enrolment.branch_public_b64, headers, "POST", path, body, int(headers["X-BV-Timestamp"])
        )
        if self.fail_with:
            fault = self.fail_with.pop(0)
            if isinstance(fault, Exception):
                raise fault
            return HqResponse(fault, b'{"detail": "injected"}')
        submission_id = json.loads(body)["payload"]["submission_id"]
        status = 200 if submission_id in self.stored else 201
        receipt = self.stored.setdefault(
            submission_id, self.enrolment.receipt(body, hq_sequence=len(self.stored) + 1)
        )
        if self.forge_receipts:
            receipt = FakeHqEnrolment(self.enrolment.branch_private, generate_private_key()).receipt(body)
        return HqResponse(status, json.dumps(receipt).encode())

    def get(self, path: str, headers: dict[str, str]) -> HqResponse:
        raise AssertionError("no GET in a sync pass")

    def close(self) -> None:
        self.closed += 1


@pytest.fixture
def enrolled(branch: Branch) -> FakeHqEnrolment:
    return enrol_for_tests(branch.context)


def _approved(branch: Branch, signed_in: SignIn) -> str:
    export_id = hq_exports.prepare(signed_in(Role.AGENT), DAY, DAY).id
    hq_exports.approve(signed_in(Role.MANAGER), export_id, branch.users[Role.MANAGER][1])
    return export_id


def _state(ctx: SignedIn, export_id: str) -> hq_exports.ExportSummary:
    return hq_exports.show(ctx, export_id).summary


def test_not_enrolled_refuses_and_builds_no_transport(signed_in: SignIn) -> None:
    agent = signed_in(Role.AGENT)
    agent.context.hq_transport_factory = lambda link: pytest.fail("no transport before enrolment")
    with pytest.raises(NotEnrolled):
        sync_once(agent)


def test_nothing_due_builds_no_transport(signed_in: SignIn, enrolled: FakeHqEnrolment) -> None:
    agent = signed_in(Role.AGENT)
    agent.context.hq_transport_factory = lambda link: pytest.fail("nothing to send")
    report = sync_once(agent)
    assert (report.sent, report.acknowledged, report.failing, report.next_retry_at) == (0, 0, 0, None)


def test_the_context_factory_sends_and_the_receipt_is_stored(
    branch: Branch, signed_in: SignIn, enrolled: FakeHqEnrolment
) -> None:
    export_id = _approved(branch, signed_in)
    hq = FakeHq(enrolled)
    agent = signed_in(Role.AGENT)
    links: list[str] = []
    agent.context.hq_transport_factory = lambda link: links.append(link.url) or hq  # type: ignore[func-returns-value]
    report = sync_once(agent)
    assert (report.sent, report.acknowledged, report.failing) == (1, 1, 0) and report.clean
    assert links == ["https://hq.example.cn"] and hq.closed == 1  # built for the pass, closed after
    assert _state(agent, export_id).state is ExportState.ACKNOWLEDGED
    assert hq_exports.show(agent, export_id).receipt == hq.stored[export_id]
    assert [path for path, _ in hq.requests] == ["/api/v1/submissions"]
    assert sync_once(agent, hq).sent == 0  # acknowledged: never sent again


def test_a_failure_waits_the_backoff_and_each_retry_waits_longer(
    branch: Branch, signed_in: SignIn, enrolled: FakeHqEnrolment
) -> None:
    export_id = _approved(branch, signed_in)
    hq = FakeHq(enrolled, fail_with=[HqUnreachable("connect", "ConnectError"), 503, HqUnreachable("timeout")])
    agent = signed_in(Role.AGENT)
    clock = agent.context.clock
    start = datetime.fromtimestamp(clock(), UTC)

    first = sync_once(agent, hq, rng=lambda: 1.0)  # the longest wait: the ceiling
    assert first.failing == 1 and first.next_retry_at == start + timedelta(seconds=30)
    summary = _state(agent, export_id)
    assert summary.state is ExportState.FAILING and summary.last_error == "connect: ConnectError"
    assert sync_once(agent, hq).sent == 0  # not due yet: nothing sent, the report still says failing

    clock.advance(30)  # type: ignore[attr-defined]
    second = sync_once(agent, hq, rng=lambda: 1.0)
    assert second.next_retry_at == start + timedelta(seconds=30 + 60)
    assert "HTTP 503" in (_state(agent, export_id).last_error or "")

    clock.advance(60)  # type: ignore[attr-defined]
    third = sync_once(agent, hq, rng=lambda: 0.5)  # half of the 120 s ceiling
    assert third.next_retry_at == start + timedelta(seconds=90 + 60)
    assert _state(agent, export_id).last_error == "timeout"

    clock.advance(60)  # type: ignore[attr-defined]
    done = sync_once(agent, hq)
    assert done.acknowledged == 1 and done.clean and done.next_retry_at is None
    assert len(hq.requests) == 4 and len(hq.stored) == 1
    assert len({headers["X-BV-Nonce"] for _, headers in hq.requests}) == 4  # a fresh nonce each time


def test_a_receipt_signed_by_another_key_is_refused(
    branch: Branch, signed_in: SignIn, enrolled: FakeHqEnrolment
) -> None:
    export_id = _approved(branch, signed_in)
    hq = FakeHq(enrolled, forge_receipts=True)
    agent = signed_in(Role.AGENT)
    report = sync_once(agent, hq)
    assert report.acknowledged == 0 and report.failing == 1
    summary = _state(agent, export_id)
    assert summary.state is ExportState.FAILING and "receipt refused" in (summary.last_error or "")
    assert hq_exports.show(agent, export_id).receipt is None
    hq.forge_receipts = False
    agent.context.clock.advance(3600)  # type: ignore[attr-defined]
    assert sync_once(agent, hq).acknowledged == 1


def test_it_cannot_run_a_pass(signed_in: SignIn, enrolled: FakeHqEnrolment) -> None:
    """The outbox is in clients.db: IT and auditors have neither the role nor the key."""
    from desktop_app.domain.errors import BranchVaultError

    for role in (Role.IT_ADMIN, Role.AUDITOR):
        with pytest.raises(BranchVaultError):
            sync_once(signed_in(role))


def test_the_network_step_needs_no_database_and_stops_when_cancelled(
    branch: Branch, signed_in: SignIn, enrolled: FakeHqEnrolment
) -> None:
    """How the GUI runs a pass: plan on the database lane, send on the network lane (here with the
    session already closed: the step cannot touch the database), record on the database lane."""
    first, second = _approved(branch, signed_in), _approved(branch, signed_in)
    agent = signed_in(Role.AGENT)
    plan = plan_pass(agent)
    assert {item.id for item in plan.items} == {first, second} and "private" not in repr(plan)
    first, second = (item.id for item in plan.items)  # sent in the outbox's order
    agent.close()
    hq = FakeHq(enrolled)
    sent: list[int] = []
    outcomes = send_plan(plan, hq, cancelled=lambda: bool(sent.append(1) or len(sent) > 1))
    assert [o.item.id for o in outcomes] == [first]  # cancelled before the second body
    again = signed_in(Role.AGENT)
    report = record_outcomes(again, plan, outcomes)
    assert (report.sent, report.acknowledged, report.failing) == (1, 1, 0)
    assert _state(again, first).state is ExportState.ACKNOWLEDGED
    assert _state(again, second).state is ExportState.QUEUED  # the next pass sends it
    assert sync_once(again, hq).acknowledged == 1
