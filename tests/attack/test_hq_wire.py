"""Attacks on what travels between a branch and HQ, done the way someone who can see or change the
traffic (or has a copy of one request, e.g. from a proxy log) would: with the app's own modules and
the real HQ service on 127.0.0.1.

- A captured submission request sent again verbatim: refused (401 ``replayed_nonce``), even though
  the same body from the branch itself is always accepted again (with a fresh nonce).
- The captured headers with a changed body: refused (401 ``bad_signature``: the request signature
  covers the body's hash); nothing stored.
- A payload changed after approval, with the request signed afresh by the branch key but the
  envelope still carrying the approved payload's signature: refused (422), nothing stored — the
  envelope signature is checked on its own.
- HQ's answer changed on the way back (the receipt's sequence number): the branch does not count
  the summary as delivered; it stays failing and is delivered later with the genuine receipt.

Checked against the protections: with HQ's nonce insert removed (desktop_app/hq/request_checks.py)
the replay test fails (HQ answers 200); with ``verify_request`` skipped the changed-body test fails
(HQ answers 422 instead of 401); with both receipt checks (sync/receipts.check_receipt and
services/hq_outbox.record_receipt's signature check) bypassed the last test fails (acknowledged).
"""

# ruff: noqa: F811 (the fixtures imported from tests/support are parameters here)
from __future__ import annotations

import json
from dataclasses import dataclass, field

from desktop_app.domain.export_states import ExportState
from desktop_app.domain.hq_summary import canonical_json
from desktop_app.domain.roles import Role
from desktop_app.services import hq_link
from desktop_app.sync.hq_requests import SignedClient
from desktop_app.sync.transport import HqResponse, HqTransport, HttpsTransport
from tests.support.hq_server import HqServer, hq_server  # noqa: F401 (fixture)
from tests.support.hq_sync_fixtures import (  # noqa: F401 (fixtures)
    LiveBranch,
    _live_template,
    approved_export,
    enrolled_branch,
    export_state,
    hq_rows,
    live_branch,
    summary_builder,
    sync_as,
)


@dataclass
class Capturing:
    inner: HqTransport
    requests: list[tuple[str, bytes, dict[str, str]]] = field(default_factory=list)
    answer_filter: object = None

    def post(self, path: str, body: bytes, headers: dict[str, str]) -> HqResponse:
        self.requests.append((path, body, dict(headers)))
        response = self.inner.post(path, body, headers)
        if callable(self.answer_filter):
            response = self.answer_filter(response)
        return response

    def get(self, path: str, headers: dict[str, str]) -> HqResponse:
        return self.inner.get(path, headers)

    def close(self) -> None:
        self.inner.close()


def _capture_one(branch: LiveBranch, hq: HqServer) -> tuple[str, bytes, dict[str, str]]:
    capturing = Capturing(HttpsTransport(hq.url, hq.ca_file))
    assert sync_as(branch, transport=capturing).clean
    return capturing.requests[-1]


def test_a_captured_request_sent_again_is_refused(enrolled_branch: LiveBranch, hq_server: HqServer) -> None:
    export_id = approved_export(enrolled_branch)
    path, body, headers = _capture_one(enrolled_branch, hq_server)
    with HttpsTransport(hq_server.url, hq_server.ca_file) as attacker:
        replayed = attacker.post(path, body, headers)
    assert replayed.status == 401 and "replayed_nonce" in replayed.body.decode()
    assert hq_rows(hq_server, export_id) == 1


def test_captured_headers_with_another_body_are_refused(
    enrolled_branch: LiveBranch, hq_server: HqServer
) -> None:
    first = approved_export(enrolled_branch)
    path, body, headers = _capture_one(enrolled_branch, hq_server)
    envelope = json.loads(body)
    envelope["payload"]["aggregates"] = {"new_clients": 999}
    changed = canonical_json(envelope)
    headers = {**headers, "X-BV-Nonce": "AAAAAAAAAAAAAAAAAAAAAA=="}  # not the captured nonce either
    with HttpsTransport(hq_server.url, hq_server.ca_file) as attacker:
        answer = attacker.post(path, changed, headers)
    assert answer.status == 401 and "bad_signature" in answer.body.decode()
    assert hq_rows(hq_server, first) == 1


def test_a_payload_changed_after_approval_is_refused_even_with_a_fresh_request_signature(
    enrolled_branch: LiveBranch, hq_server: HqServer
) -> None:
    export_id = approved_export(enrolled_branch)
    agent = enrolled_branch.sign_in(Role.AGENT)
    try:
        from desktop_app.services import hq_exports

        detail = hq_exports.show(agent, export_id)
        payload = dict(detail.payload)
        payload["aggregates"] = {"new_clients": 999}
        body = canonical_json({"payload": payload, "signature": detail.signature})
        link = hq_link.require_link(agent)
        with HttpsTransport(hq_server.url, hq_server.ca_file) as transport:
            client = SignedClient(
                transport,
                branch_code=link.branch_code,
                private_raw=hq_link.branch_private_key(agent),
                clock=agent.clock,
            )
            answer = client.submit(body)
    finally:
        agent.close()
    assert answer.status == 422 and "bad_envelope_signature" in answer.body.decode()
    assert hq_rows(hq_server, export_id) == 0


def _changed_receipt(response: HqResponse) -> HqResponse:
    envelope = json.loads(response.body)
    envelope["receipt"]["hq_sequence"] = 1_000_000
    return HqResponse(response.status, json.dumps(envelope).encode())


def test_an_answer_changed_on_the_way_back_is_not_an_acknowledgement(
    enrolled_branch: LiveBranch, hq_server: HqServer
) -> None:
    export_id = approved_export(enrolled_branch)
    changing = Capturing(HttpsTransport(hq_server.url, hq_server.ca_file), answer_filter=_changed_receipt)
    report = sync_as(enrolled_branch, transport=changing)
    assert report.acknowledged == 0 and report.failing == 1
    summary = export_state(enrolled_branch, export_id)
    assert summary.state is ExportState.FAILING and "receipt refused" in (summary.last_error or "")
    assert sync_as(enrolled_branch).clean  # the genuine receipt (HQ's 200 for the re-send)
    assert export_state(enrolled_branch, export_id).state is ExportState.ACKNOWLEDGED
    assert hq_rows(hq_server, export_id) == 1
