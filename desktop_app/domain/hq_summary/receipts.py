"""HQ's signed receipt for a submission: ``{"receipt": {...}, "signature": b64}``.

Rule: a submission counts as delivered only when a receipt signed by HQ's receipt key (received at
enrolment) verifies; the branch keeps it as proof of what HQ acknowledged. Reason: an acknowledged
state built on an unsigned 200 response could be forged by anything between branch and HQ.
"""

from __future__ import annotations

from typing import Any

from desktop_app.domain.hq_summary.signatures import verify_payload

RECEIPT_FIELDS = frozenset({"submission_id", "branch_code", "payload_sha256", "received_at", "hq_sequence"})


class ReceiptInvalid(ValueError):
    """The envelope is not a receipt signed by HQ's receipt key."""


def verify_receipt(hq_public_b64: str, envelope: Any) -> dict[str, Any]:
    """The receipt dict when ``envelope`` is a well-formed receipt signed by ``hq_public_b64``."""
    if not isinstance(envelope, dict) or set(envelope) != {"receipt", "signature"}:
        raise ReceiptInvalid("not a receipt envelope")
    receipt, signature = envelope["receipt"], envelope["signature"]
    if not isinstance(receipt, dict) or not isinstance(signature, str):
        raise ReceiptInvalid("not a receipt envelope")
    if not RECEIPT_FIELDS <= set(receipt):
        raise ReceiptInvalid("receipt lacks fields")
    if not verify_payload(hq_public_b64, receipt, signature):
        raise ReceiptInvalid("bad receipt signature")
    return receipt
