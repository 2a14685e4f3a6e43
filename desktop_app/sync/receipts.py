"""Checking HQ's answer to a submission before the outbox may call it acknowledged.

Rule: the answer must be a receipt signed by HQ's receipt key (received at enrolment) for this
branch, this submission and the hash of exactly the payload that was sent. Anything else — an
unsigned 200, a receipt for another submission, a receipt signed by another key — is refused and
the export stays unacknowledged, to be sent again. Reason: "acknowledged" is the branch's proof
that HQ holds the summary (issue 13); a proxy or a forged server must not be able to produce it.
"""

from __future__ import annotations

import json
from typing import Any

from desktop_app.domain.errors import BranchVaultError
from desktop_app.domain.hq_summary import ReceiptInvalid, canonical_json, sha256_hex, verify_receipt


class ReceiptRefused(BranchVaultError):
    code = "hq_receipt_refused"

    def __init__(self, problem: str) -> None:
        self.problem = problem
        super().__init__(
            f"总部的回执无效（{problem}），未视为送达；稍后会重新发送。",
            f"HQ's receipt is not valid ({problem}); not counted as delivered, it will be sent again.",
        )


def payload_sha256(envelope: bytes) -> tuple[str, str]:
    """(submission id, SHA-256 of the canonical payload) of an outgoing envelope."""
    parsed = json.loads(envelope.decode("utf-8"))
    payload = parsed["payload"]
    return str(payload["submission_id"]), sha256_hex(canonical_json(payload))


def check_receipt(hq_public_b64: str, answer: Any, *, envelope: bytes, branch_code: str) -> dict[str, Any]:
    """The verified receipt dict for ``envelope``; ``ReceiptRefused`` otherwise."""
    try:
        receipt = verify_receipt(hq_public_b64, answer)
    except ReceiptInvalid as exc:
        raise ReceiptRefused(str(exc)) from exc
    submission_id, digest = payload_sha256(envelope)
    if receipt.get("submission_id") != submission_id:
        raise ReceiptRefused("another submission")
    if receipt.get("branch_code") != branch_code:
        raise ReceiptRefused("another branch")
    if receipt.get("payload_sha256") != digest:
        raise ReceiptRefused("another payload")
    return receipt
