"""The HQ API on SQLite and on PostgreSQL (each test runs on both): enrolment, submissions
(201/200/409), what is refused, request authentication and the audit anchors."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import func, select

from desktop_app.domain.hq_summary import canonical_json, sha256_hex, verify_receipt
from desktop_app.hq.storage.models import Anomaly, Submission
from tests.hq.conftest import Hq
from tests.hq.fake_branch import ENROL, SUBMISSIONS, FakeBranch, approve, summary_payload


def post(hq: Hq, branch: FakeBranch, body: bytes, **header_options: Any) -> Any:
    return hq.client.post(
        SUBMISSIONS, content=body, headers=branch.headers("POST", SUBMISSIONS, body, **header_options)
    )


def stored_count(hq: Hq, model: type = Submission) -> int:
    with hq.state.sessions() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


# --- enrolment -------------------------------------------------------------------------------


def test_enrolment_returns_the_hq_receipt_key(hq: Hq) -> None:
    branch = hq.enrol("BJ001")
    assert branch.hq_public_key == hq.state.receipt_key.public_b64


def test_an_enrolment_token_is_single_use(hq: Hq) -> None:
    secret = hq.issue_token("BJ001").split(".", 1)[0]
    assert hq.client.post(ENROL, content=FakeBranch("BJ001").enrol_body(secret)).status_code == 201
    again = hq.client.post(ENROL, content=FakeBranch("BJ001").enrol_body(secret))
    assert again.status_code == 403
    assert again.json()["error"] == "token_refused"


def test_an_enrolment_token_expires_after_seven_days(hq: Hq) -> None:
    secret = hq.issue_token("BJ001").split(".", 1)[0]
    hq.clock.advance(timedelta(days=7, seconds=1).total_seconds())
    assert hq.client.post(ENROL, content=FakeBranch("BJ001").enrol_body(secret)).status_code == 403


def test_an_enrolment_token_is_for_its_branch_code_only(hq: Hq) -> None:
    secret = hq.issue_token("BJ001").split(".", 1)[0]
    assert hq.client.post(ENROL, content=FakeBranch("SH002").enrol_body(secret)).status_code == 403


def test_unknown_tokens_and_bad_proofs_are_refused(hq: Hq) -> None:
    assert hq.client.post(ENROL, content=FakeBranch("BJ001").enrol_body("x" * 43)).status_code == 403
    secret = hq.issue_token("BJ001").split(".", 1)[0]
    body = json.loads(FakeBranch("BJ001").enrol_body(secret))
    body["proof"] = json.loads(FakeBranch("BJ001").enrol_body(secret))["proof"]  # another key's proof
    response = hq.client.post(ENROL, content=json.dumps(body).encode())
    assert response.status_code == 422
    assert response.json()["error"] == "bad_proof"
    # the token was not spent by the refused attempt
    assert hq.client.post(ENROL, content=FakeBranch("BJ001").enrol_body(secret)).status_code == 201


def test_hq_stores_only_the_token_hash(hq: Hq) -> None:
    token = hq.issue_token("BJ001")
    secret, pseudonym_key = token.split(".", 1)
    with hq.state.engine.connect() as conn:
        dump = repr(conn.exec_driver_sql("SELECT * FROM enrol_tokens").all())
    assert secret not in dump and pseudonym_key not in dump
    assert sha256_hex(secret.encode()) in dump


# --- submissions -----------------------------------------------------------------------------


def test_a_new_submission_gets_a_signed_receipt_201(hq: Hq) -> None:
    branch = hq.enrol()
    payload, body = branch.submission()
    response = post(hq, branch, body)
    assert response.status_code == 201, response.text
    assert branch.hq_public_key is not None
    receipt = verify_receipt(branch.hq_public_key, response.json())
    assert receipt["submission_id"] == payload["submission_id"]
    assert receipt["branch_code"] == "BJ001"
    assert receipt["payload_sha256"] == sha256_hex(canonical_json(payload))
    assert isinstance(receipt["hq_sequence"], int)


def test_an_identical_resend_gets_the_same_receipt_200_and_is_stored_once(hq: Hq) -> None:
    branch = hq.enrol()
    _, body = branch.submission()
    first = post(hq, branch, body)
    second = post(hq, branch, body)
    assert (first.status_code, second.status_code) == (201, 200)
    assert first.json() == second.json()
    assert stored_count(hq) == 1


def test_the_same_submission_id_with_another_payload_is_409(hq: Hq) -> None:
    branch = hq.enrol()
    payload, body = branch.submission()
    assert post(hq, branch, body).status_code == 201
    other = approve({**summary_payload("BJ001", submission_id=payload["submission_id"]), "prepared_by": 9})
    response = post(hq, branch, branch.envelope(other))
    assert response.status_code == 409
    assert response.json()["error"] == "conflict"
    assert stored_count(hq) == 1


def test_unknown_fields_are_refused(hq: Hq) -> None:
    branch = hq.enrol()
    cases: list[dict[str, Any]] = []
    payload = approve({**summary_payload("BJ001"), "client_names": ["张伟"]})
    cases.append({"payload": payload})
    rows = {
        "legal_basis": "same_entity",
        "basis_reference": None,
        "basis_expires": None,
        "rows": [
            {
                "pseudonym": "a" * 64,
                "masked_name": "张*",
                "district": "海淀区",
                "intention_level": "A",
                "property_type": "apartment",
                "budget_band": "3-5M",
                "stage": "viewing",
                "agent_code": "A2",
                "phone": "13800138000",
            }
        ],
    }
    cases.append({"payload": approve({**summary_payload("BJ001"), "client_rows": rows})})
    for case in cases:
        body = branch.envelope(case["payload"])
        response = post(hq, branch, body)
        assert response.status_code == 422, response.text
        assert response.json()["error"] == "invalid_fields"
        assert "13800138000" not in response.text
    wrapped = canonical_json({**json.loads(branch.submission()[1]), "extra": 1})
    assert post(hq, branch, wrapped).status_code == 422
    assert stored_count(hq) == 0


def test_floats_duplicate_keys_and_non_json_are_refused(hq: Hq) -> None:
    branch = hq.enrol()
    _, body = branch.submission()
    text = body.decode()
    for bad in (
        text.replace('"new_clients":12', '"new_clients":12.5'),
        text.replace('"new_clients":12', '"new_clients":12,"new_clients":13'),
        "not json",
        text.replace('"new_clients":12', '"new_clients":NaN'),
    ):
        assert post(hq, branch, bad.encode()).status_code == 400, bad[:80]


def test_a_body_over_2_mib_is_refused_413(hq: Hq) -> None:
    branch = hq.enrol()
    big = approve(summary_payload("BJ001", aggregates={"padding": "x" * (2 * 1024 * 1024)}))
    body = branch.envelope(big)
    assert post(hq, branch, body).status_code == 413
    chunks = (body[i : i + 65536] for i in range(0, len(body), 65536))  # chunked: no Content-Length
    headers = branch.headers("POST", SUBMISSIONS, body)
    assert hq.client.post(SUBMISSIONS, content=chunks, headers=headers).status_code == 413
    assert stored_count(hq) == 0


def test_a_changed_payload_fails_the_branch_signature(hq: Hq) -> None:
    branch = hq.enrol()
    _, body = branch.submission()
    envelope = json.loads(body)
    envelope["payload"]["aggregates"]["new_clients"] = 13  # changed after signing
    tampered = canonical_json(envelope)
    response = post(hq, branch, tampered)
    assert response.status_code == 422
    assert response.json()["error"] == "bad_envelope_signature"
    assert stored_count(hq) == 0


def test_a_payload_signed_by_another_key_is_refused(hq: Hq) -> None:
    branch = hq.enrol()
    impostor = FakeBranch("BJ001")
    payload = approve(summary_payload("BJ001"))
    response = post(hq, branch, impostor.envelope(payload))
    assert response.status_code == 422
    assert response.json()["error"] == "bad_envelope_signature"


def test_the_approved_content_hash_must_match(hq: Hq) -> None:
    branch = hq.enrol()
    payload = approve(summary_payload("BJ001"))
    payload["aggregates"] = {"new_clients": 99}  # approved one thing, signed another
    response = post(hq, branch, branch.envelope(payload))
    assert response.status_code == 422
    assert response.json()["error"] == "content_hash_mismatch"
    unapproved = summary_payload("BJ001")
    assert post(hq, branch, branch.envelope(unapproved)).json()["error"] == "not_approved"


def test_bad_periods_and_schemas_are_refused(hq: Hq) -> None:
    branch = hq.enrol()
    today = (datetime.now(UTC) + timedelta(hours=8)).date()
    for start, end in (
        ("2026-02-30", "2026-03-01"),
        (today.isoformat(), (today - timedelta(days=1)).isoformat()),
        (today.isoformat(), (today + timedelta(days=2)).isoformat()),
        ((today - timedelta(days=400)).isoformat(), today.isoformat()),
    ):
        payload = approve(summary_payload("BJ001", period=(start, end)))
        response = post(hq, branch, branch.envelope(payload))
        assert response.status_code == 422 and response.json()["error"] == "bad_period", (start, end)
    wrong_schema = approve({**summary_payload("BJ001"), "schema": "branchvault.summary/2"})
    assert post(hq, branch, branch.envelope(wrong_schema)).status_code == 422


def test_a_summary_for_another_branch_is_refused(hq: Hq) -> None:
    branch = hq.enrol("BJ001")
    hq.enrol("SH002")
    payload = approve(summary_payload("SH002"))
    assert post(hq, branch, branch.envelope(payload)).status_code == 403


# --- request authentication ------------------------------------------------------------------


def test_requests_without_valid_authentication_are_401(hq: Hq) -> None:
    branch = hq.enrol()
    _, body = branch.submission()
    assert hq.client.post(SUBMISSIONS, content=body).json()["error"] == "missing_header"
    stranger = FakeBranch("GZ009")
    response = hq.client.post(SUBMISSIONS, content=body, headers=stranger.headers("POST", SUBMISSIONS, body))
    assert (response.status_code, response.json()["error"]) == (401, "unknown_branch")
    impostor = FakeBranch("BJ001")
    response = hq.client.post(SUBMISSIONS, content=body, headers=impostor.headers("POST", SUBMISSIONS, body))
    assert (response.status_code, response.json()["error"]) == (401, "bad_signature")
    other_body = branch.submission()[1]
    headers = branch.headers("POST", SUBMISSIONS, other_body)  # signed for another body
    response = hq.client.post(SUBMISSIONS, content=body, headers=headers)
    assert (response.status_code, response.json()["error"]) == (401, "bad_signature")
    assert stored_count(hq) == 0


def test_a_clock_skew_over_five_minutes_is_refused(hq: Hq) -> None:
    branch = hq.enrol()
    now = hq.clock()
    _, body = branch.submission()
    assert post(hq, branch, body, now=now - 301).json()["error"] == "skew"
    assert post(hq, branch, body, now=now + 301).json()["error"] == "skew"
    assert post(hq, branch, body, now=now - 290).status_code == 201


def test_a_replayed_nonce_is_refused(hq: Hq) -> None:
    branch = hq.enrol()
    _, body = branch.submission()
    headers = branch.headers("POST", SUBMISSIONS, body)
    assert hq.client.post(SUBMISSIONS, content=body, headers=headers).status_code == 201
    replay = hq.client.post(SUBMISSIONS, content=body, headers=headers)
    assert (replay.status_code, replay.json()["error"]) == (401, "replayed_nonce")


def test_status_and_anchors_are_for_the_own_branch_only(hq: Hq) -> None:
    branch = hq.enrol("BJ001")
    other = hq.enrol("SH002")
    payload, body = branch.submission(sequence=42)
    assert post(hq, branch, body).status_code == 201
    path = "/api/v1/branches/BJ001/status"
    status = hq.client.get(path, headers=branch.headers("GET", path, b"")).json()
    assert status["submissions"] == 1
    assert status["last_submission"]["submission_id"] == payload["submission_id"]
    assert status["anomalies"] == 0
    path = "/api/v1/branches/BJ001/anchors"
    anchors = hq.client.get(path, headers=branch.headers("GET", path, b"")).json()["anchors"]
    assert [(a["sequence"], a["anomaly"]) for a in anchors] == [(42, False)]
    refused = hq.client.get(path, headers=other.headers("GET", path, b""))
    assert (refused.status_code, refused.json()["error"]) == (403, "other_branch")


# --- audit anchors ---------------------------------------------------------------------------


def _anchors(hq: Hq, branch: FakeBranch) -> list[tuple[int, bool]]:
    path = f"/api/v1/branches/{branch.code}/anchors"
    rows = hq.client.get(path, headers=branch.headers("GET", path, b"")).json()["anchors"]
    return [(row["sequence"], row["anomaly"]) for row in rows]


def test_an_audit_head_going_backwards_is_stored_and_flagged(hq: Hq) -> None:
    branch = hq.enrol()
    start = datetime.now(UTC) - timedelta(hours=3)
    assert post(hq, branch, branch.submission(sequence=100, generated_at=start)[1]).status_code == 201
    later = start + timedelta(hours=1)
    response = post(hq, branch, branch.submission(sequence=80, head_hash="cd" * 32, generated_at=later)[1])
    assert response.status_code == 201  # stored (HQ keeps the evidence) ...
    assert _anchors(hq, branch) == [(100, False), (80, True)]  # ... and flagged
    with hq.state.sessions() as session:
        kinds = session.scalars(select(Anomaly.kind)).all()
    assert kinds == ["audit_head_backwards"]


def test_the_same_sequence_with_another_hash_is_flagged(hq: Hq) -> None:
    branch = hq.enrol()
    start = datetime.now(UTC) - timedelta(hours=3)
    post(hq, branch, branch.submission(sequence=100, head_hash="ab" * 32, generated_at=start)[1])
    later = start + timedelta(hours=1)
    post(hq, branch, branch.submission(sequence=100, head_hash="ef" * 32, generated_at=later)[1])
    assert _anchors(hq, branch) == [(100, False), (100, True)]


def test_an_older_summary_arriving_late_is_not_an_anomaly(hq: Hq) -> None:
    """Outbox retries deliver out of order: the head must only move forward with generated_at."""
    branch = hq.enrol()
    start = datetime.now(UTC) - timedelta(hours=3)
    older = branch.submission(sequence=50, generated_at=start)[1]
    newer = branch.submission(sequence=70, generated_at=start + timedelta(hours=1))[1]
    assert post(hq, branch, newer).status_code == 201
    assert post(hq, branch, older).status_code == 201
    assert _anchors(hq, branch) == [(70, False), (50, False)]
    assert stored_count(hq, Anomaly) == 0
