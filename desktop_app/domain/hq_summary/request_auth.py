"""Authentication of each branch → HQ request by the branch's Ed25519 key.

Rule: the branch signs ``"BV-REQ-1\\n" METHOD "\\n" PATH "\\n" sha256_hex(body) "\\n" timestamp "\\n"
nonce "\\n" branch_code`` and sends it in the ``X-BV-*`` headers; HQ refuses a missing header, a bad
signature and a timestamp more than five minutes away from its clock. Reason: TLS proves HQ to the
branch; this proves the branch to HQ and binds method, path and body, so a captured request cannot
be re-aimed at another endpoint or carry another body. Replayed nonces are HQ's check (it needs
storage), not this module's.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping

from desktop_app.domain.hq_summary.canonical import sha256_hex
from desktop_app.domain.hq_summary.signatures import sign_bytes, verify_bytes

PREFIX = "BV-REQ-1"
HEADER_BRANCH = "X-BV-Branch"
HEADER_TIMESTAMP = "X-BV-Timestamp"
HEADER_NONCE = "X-BV-Nonce"
HEADER_SIGNATURE = "X-BV-Signature"
HEADERS = (HEADER_BRANCH, HEADER_TIMESTAMP, HEADER_NONCE, HEADER_SIGNATURE)
MAX_SKEW_SECONDS = 300
NONCE_BYTES = 16


class RequestAuthError(Exception):
    """A request that does not authenticate; ``code`` is missing_header, bad_signature or skew."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def new_nonce(random_bytes: bytes) -> str:
    """The base64url form of 16 random bytes (the caller supplies them, e.g. ``os.urandom(16)``)."""
    if len(random_bytes) != NONCE_BYTES:
        raise ValueError("a nonce is 16 random bytes")
    return base64.urlsafe_b64encode(random_bytes).decode("ascii")


def signed_text(method: str, path: str, body: bytes, timestamp: str, nonce: str, branch_code: str) -> bytes:
    """The exact bytes the signature covers."""
    return "\n".join((PREFIX, method.upper(), path, sha256_hex(body), timestamp, nonce, branch_code)).encode(
        "utf-8"
    )


def request_headers(
    private_raw: bytes, branch_code: str, method: str, path: str, body: bytes, now_unix: int, nonce: str
) -> dict[str, str]:
    """The four ``X-BV-*`` headers for one request."""
    timestamp = str(int(now_unix))
    signature = sign_bytes(private_raw, signed_text(method, path, body, timestamp, nonce, branch_code))
    return {
        HEADER_BRANCH: branch_code,
        HEADER_TIMESTAMP: timestamp,
        HEADER_NONCE: nonce,
        HEADER_SIGNATURE: signature,
    }


def _header(headers: Mapping[str, str], name: str) -> str:
    for key, value in headers.items():
        if key.lower() == name.lower():
            if not value:
                break
            return value
    raise RequestAuthError("missing_header")


def verify_request(
    public_b64: str,
    headers: Mapping[str, str],
    method: str,
    path: str,
    body: bytes,
    now_unix: int,
    max_skew_seconds: int = MAX_SKEW_SECONDS,
) -> None:
    """Raise RequestAuthError unless the headers authenticate this request now (headers are
    matched case-insensitively, as HTTP does)."""
    branch_code, timestamp, nonce, signature = (_header(headers, name) for name in HEADERS)
    if not timestamp.isascii() or not timestamp.lstrip("-").isdigit():
        raise RequestAuthError("bad_signature")
    if abs(int(now_unix) - int(timestamp)) > max_skew_seconds:
        raise RequestAuthError("skew")
    data = signed_text(method, path, body, timestamp, nonce, branch_code)
    if not verify_bytes(public_b64, data, signature):
        raise RequestAuthError("bad_signature")
