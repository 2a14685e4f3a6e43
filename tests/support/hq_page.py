"""Helpers for the HQ page tests: enrol a branch and store a signed, approved submission through the
real HQ API (a FastAPI TestClient or an httpx client on the real server), and add HQ staff.

The aggregates below follow ``branchvault.summary/1``'s shape (counts; ``"<5"`` for a cell below k,
``"x"`` for a complementary suppression). Nothing here is personal data: masked names and
pseudonyms are made up.
"""

from __future__ import annotations

import json
import os
import uuid
from datetime import date
from typing import Any, Protocol

from desktop_app.domain.hq_summary import (
    canonical_json,
    generate_private_key,
    public_key_b64,
    request_headers,
    sha256_hex,
    sign_payload,
)
from desktop_app.domain.hq_summary.request_auth import new_nonce

STAFF_USER = "hq.lin"
STAFF_PASSWORD = "Hq!Overview#2026x"

AGGREGATES: dict[str, Any] = {
    "new_clients": 23,
    "follow_ups": 61,
    "clients_held": 40,
    "new_clients_by_stage": {
        "total": 23,
        "counts": {
            "lead": 9,
            "visiting": 8,
            "subscription": "<5",
            "contract": "<5",
            "closed": 0,
            "not_recorded": 0,
        },
    },
    "new_clients_by_source_channel": {
        "total": 23,
        "counts": {
            "walk_in": 12,
            "phone_call": "<5",
            "online": "<5",
            "referral": 6,
            "agency": 0,
            "not_recorded": 0,
        },
    },
    "new_clients_by_district": {
        "total": 23,
        "counts": {"朝阳区": 15, "other_districts": "<5", "not_recorded": "<5"},
    },
    "consent": {
        "hq_sharing": {"granted": 11, "not_granted": 29, "clients": 40},
        "marketing_contact": {"granted": "<5", "not_granted": "x", "clients": 40},
    },
    "client_requests": {"opened": 5, "closed": "<5", "overdue": 0},
    "destructions": "<5",
}

MASKED_ROWS: dict[str, Any] = {
    "legal_basis": "entrustment",
    "basis_reference": "WT-2026-017",
    "basis_expires": "2027-06-30",
    "rows": [
        {
            "pseudonym": "a" * 64,
            "masked_name": "张*",
            "district": "朝阳区",
            "intention_level": None,
            "property_type": "residential",
            "budget_band": None,
            "stage": "visiting",
            "agent_code": "A3",
        }
    ],
}


class Client(Protocol):
    def post(self, url: str, *, content: bytes, headers: dict[str, str]) -> Any: ...


def enrol(client: Client, token: str, branch_code: str) -> bytes:
    """Enrol ``branch_code`` with the combined token; returns the branch's private key."""
    secret = token.split(".", 1)[0]
    private = generate_private_key()
    public = public_key_b64(private)
    proof = sign_payload(private, {"token": secret, "branch_code": branch_code, "public_key": public})
    body = json.dumps({"token": secret, "branch_code": branch_code, "public_key": public, "proof": proof})
    response = client.post(
        "/api/v1/enrol", content=body.encode(), headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 201, response.text
    return private


def envelope(
    private: bytes,
    branch_code: str,
    period_from: date,
    period_to: date,
    *,
    aggregates: dict[str, Any] | None = None,
    client_rows: dict[str, Any] | None = None,
    audit_sequence: int = 42,
    programme: dict[str, Any] | None = None,
) -> bytes:
    payload: dict[str, Any] = {
        "schema": "branchvault.summary/1",
        "submission_id": str(uuid.uuid4()),
        "branch_code": branch_code,
        "period": {"from": period_from.isoformat(), "to": period_to.isoformat()},
        "generated_at": f"{period_to.isoformat()}T10:00:00Z",
        "software_version": "0.1.0",
        "prepared_by": 3,
        "suppression": {"k": 5, "below_k": "<5", "complementary": "x"},
        "aggregates": AGGREGATES if aggregates is None else aggregates,
        "client_rows": client_rows,
        "audit_head": {"sequence": audit_sequence, "hash": sha256_hex(str(audit_sequence).encode())},
        "approval": None,
    }
    if programme is not None:  # optional in schema /1 (tests/support/programme_blocks.py makes one)
        payload["programme"] = programme
    content = sha256_hex(canonical_json(payload))
    payload["approval"] = {
        "approved_by": 2,
        "approved_at": f"{period_to.isoformat()}T11:00:00Z",
        "content_sha256": content,
    }
    return canonical_json({"payload": payload, "signature": sign_payload(private, payload)})


def submit(client: Client, private: bytes, branch_code: str, body: bytes, now_unix: int) -> Any:
    path = "/api/v1/submissions"
    headers = request_headers(private, branch_code, "POST", path, body, now_unix, new_nonce(os.urandom(16)))
    headers["Content-Type"] = "application/json"
    response = client.post(path, content=body, headers=headers)
    assert response.status_code in (200, 201), response.text
    return response
