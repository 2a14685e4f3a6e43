"""Test helpers for exports to headquarters: an enrolment stored through the HQ-link repository with
fresh keys (the test keeps HQ's receipt key to sign receipts), and HQ's signed receipt."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from desktop_app.domain.hq_summary import (
    canonical_json,
    generate_private_key,
    public_key_b64,
    sha256_hex,
    sign_payload,
)
from desktop_app.services.context import AppContext
from desktop_app.services.sign_in import sign_in
from desktop_app.store.hq_link_repository import HqLink, HqLinkRepository
from tests.conftest import ADMIN


@dataclass(frozen=True)
class FakeHqEnrolment:
    branch_private: bytes
    hq_private: bytes

    @property
    def branch_public_b64(self) -> str:
        return public_key_b64(self.branch_private)

    def receipt(self, envelope_body: bytes, *, hq_sequence: int = 1, **override: Any) -> dict[str, Any]:
        """HQ's signed receipt for the body ``envelope_body`` (as HQ computes it: the payload's hash)."""
        import json

        payload = json.loads(envelope_body)["payload"]
        receipt = {
            "submission_id": payload["submission_id"],
            "branch_code": payload["branch_code"],
            "payload_sha256": sha256_hex(canonical_json(payload)),
            "received_at": "2027-01-15T08:00:05Z",
            "hq_sequence": hq_sequence,
            **override,
        }
        return {"receipt": receipt, "signature": sign_payload(self.hq_private, receipt)}


def enrol_for_tests(new_context: Callable[[], AppContext], branch_code: str = "SZ001") -> FakeHqEnrolment:
    """Store an HQ link as IT would after enrolment, with freshly generated keys."""
    enrolment = FakeHqEnrolment(generate_private_key(), generate_private_key())
    ctx = sign_in(new_context(), *ADMIN)
    try:
        link = HqLink(
            "https://hq.example.cn",
            "",
            branch_code,
            public_key_b64(enrolment.hq_private),
            "2027-01-01T00:00:00Z",
            ctx.session.staff_id,
        )
        with ctx.db.transaction():
            HqLinkRepository(ctx.db).save(
                link, branch_private_key=enrolment.branch_private, pseudonym_key=b"p" * 32
            )
    finally:
        ctx.close()
    return enrolment
