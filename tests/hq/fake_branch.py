"""A branch as HQ sees it, for the HQ tests: an Ed25519 key, enrolment, signed summaries and signed
requests built with the domain's own functions (the same ones the branch app uses)."""

from __future__ import annotations

import json
import os
import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from desktop_app.domain.hq_summary import (
    canonical_json,
    generate_private_key,
    public_key_b64,
    request_headers,
    sha256_hex,
    sign_payload,
)
from desktop_app.domain.hq_summary.request_auth import new_nonce

SUBMISSIONS = "/api/v1/submissions"
ENROL = "/api/v1/enrol"


def stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def summary_payload(
    branch_code: str,
    *,
    submission_id: str | None = None,
    sequence: int = 10,
    head_hash: str = "ab" * 32,
    generated_at: datetime | None = None,
    period: tuple[str, str] | None = None,
    aggregates: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """A ``branchvault.summary/1`` payload with ``approval: null``."""
    generated = generated_at or datetime.now(UTC)
    yesterday = (generated + timedelta(hours=8)).date() - timedelta(days=1)
    start, end = period or (yesterday.isoformat(), yesterday.isoformat())
    return {
        "schema": "branchvault.summary/1",
        "submission_id": submission_id or str(uuid.uuid4()),
        "branch_code": branch_code,
        "period": {"from": start, "to": end},
        "generated_at": stamp(generated),
        "software_version": "0.1.0",
        "prepared_by": 2,
        "suppression": {"k": 5, "below_k": "<5", "complementary": "x"},
        "aggregates": aggregates
        if aggregates is not None
        else {
            "new_clients": 12,
            "follow_ups": 40,
            "by_district": {"海淀区": 7, "朝阳区": "<5", "西城区": "x"},
        },
        "client_rows": None,
        "audit_head": {"sequence": sequence, "hash": head_hash},
        "approval": None,
    }


def approve(payload: dict[str, Any], approver: int = 3) -> dict[str, Any]:
    content = sha256_hex(canonical_json({**payload, "approval": None}))
    return {
        **payload,
        "approval": {
            "approved_by": approver,
            "approved_at": stamp(datetime.now(UTC)),
            "content_sha256": content,
        },
    }


@dataclass
class FakeBranch:
    code: str
    private_key: bytes = field(default_factory=generate_private_key)
    hq_public_key: str | None = None

    @property
    def public_key(self) -> str:
        return public_key_b64(self.private_key)

    def enrol_body(self, secret: str) -> bytes:
        proof = sign_payload(
            self.private_key, {"token": secret, "branch_code": self.code, "public_key": self.public_key}
        )
        return json.dumps(
            {"token": secret, "branch_code": self.code, "public_key": self.public_key, "proof": proof}
        ).encode()

    def envelope(self, payload: dict[str, Any]) -> bytes:
        return canonical_json({"payload": payload, "signature": sign_payload(self.private_key, payload)})

    def submission(self, **kwargs: Any) -> tuple[dict[str, Any], bytes]:
        payload = approve(summary_payload(self.code, **kwargs))
        return payload, self.envelope(payload)

    def headers(
        self, method: str, path: str, body: bytes, *, now: float | None = None, nonce: str | None = None
    ) -> dict[str, str]:
        moment = int(now if now is not None else datetime.now(UTC).timestamp())
        headers = request_headers(
            self.private_key, self.code, method, path, body, moment, nonce or new_nonce(os.urandom(16))
        )
        headers["Content-Type"] = "application/json"
        return headers


def secret_of(token: str) -> str:
    """The part of an enrolment token the branch sends (the rest is its pseudonym key)."""
    return token.split(".", 1)[0]


def yesterday_beijing() -> date:
    return (datetime.now(UTC) + timedelta(hours=8)).date() - timedelta(days=1)
