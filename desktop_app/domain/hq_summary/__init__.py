"""The summary a branch sends to headquarters (``branchvault.summary/1``): canonical JSON, hashes,
Ed25519 signatures, request authentication, receipts, pseudonyms, suppression and aggregation.

Pure domain code (no SQL, no I/O): the HQ service imports this package too, so both sides hash,
sign and check the same bytes. PIPL art. 23 (provision to another handler) and art. 51 (technical
measures): only aggregates with small counts suppressed, and per-client rows masked and pseudonymous.
"""

from __future__ import annotations

from desktop_app.domain.hq_summary.canonical import canonical_json, sha256_hex
from desktop_app.domain.hq_summary.pseudonyms import pseudonym
from desktop_app.domain.hq_summary.receipts import ReceiptInvalid, verify_receipt
from desktop_app.domain.hq_summary.request_auth import RequestAuthError, request_headers, verify_request
from desktop_app.domain.hq_summary.signatures import (
    generate_private_key,
    public_key_b64,
    sign_bytes,
    sign_payload,
    verify_bytes,
    verify_payload,
)

__all__ = [
    "ReceiptInvalid",
    "RequestAuthError",
    "canonical_json",
    "generate_private_key",
    "pseudonym",
    "public_key_b64",
    "request_headers",
    "sha256_hex",
    "sign_bytes",
    "sign_payload",
    "verify_bytes",
    "verify_payload",
    "verify_receipt",
    "verify_request",
]
