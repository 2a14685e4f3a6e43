"""The requests the branch sends to HQ, built and signed here, and HQ's answers read.

Rule: every request after enrolment carries the ``X-BV-*`` headers signed by the branch key over
method, path, body hash, timestamp, a fresh random nonce and the branch code
(domain/hq_summary/request_auth.py); a re-sent submission is a new request (new nonce, new
timestamp) with the same body, so HQ's replay check never refuses a legitimate retry while a
captured request cannot be played again. The enrolment request is not signed with headers (HQ
does not know the key yet): its body carries a proof that the sender holds the new key.

Reason: issue 13 (each request authenticated; HQ refuses skew over 5 minutes and replayed nonces).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from desktop_app.domain.hq_summary import canonical_json, public_key_b64, request_headers, sign_payload
from desktop_app.domain.hq_summary.request_auth import new_nonce
from desktop_app.sync.transport import HqResponse, HqTransport

ENROL_PATH = "/api/v1/enrol"
SUBMISSIONS_PATH = "/api/v1/submissions"


def status_path(branch_code: str) -> str:
    return f"/api/v1/branches/{branch_code}/status"


def anchors_path(branch_code: str) -> str:
    return f"/api/v1/branches/{branch_code}/anchors"


def enrolment_body(token_secret: str, branch_code: str, private_raw: bytes) -> bytes:
    """``{token, branch_code, public_key, proof}``: the proof is the new key's signature over the
    canonical JSON of the other three."""
    claim = {"token": token_secret, "branch_code": branch_code, "public_key": public_key_b64(private_raw)}
    return canonical_json({**claim, "proof": sign_payload(private_raw, claim)})


def enrol(transport: HqTransport, token_secret: str, branch_code: str, private_raw: bytes) -> HqResponse:
    return transport.post(ENROL_PATH, enrolment_body(token_secret, branch_code, private_raw), {})


class SignedClient:
    """Signed requests for one enrolled branch. ``clock`` gives Unix seconds; ``random_bytes`` the
    nonce's 16 bytes (``os.urandom`` unless a test fixes it)."""

    def __init__(
        self,
        transport: HqTransport,
        *,
        branch_code: str,
        private_raw: bytes,
        clock: Callable[[], float],
        random_bytes: Callable[[int], bytes] = os.urandom,
    ) -> None:
        self.transport = transport
        self.branch_code = branch_code
        self._private_raw = private_raw
        self._clock = clock
        self._random_bytes = random_bytes

    def __repr__(self) -> str:
        return f"SignedClient(branch_code={self.branch_code!r})"

    def headers(self, method: str, path: str, body: bytes) -> dict[str, str]:
        nonce = new_nonce(self._random_bytes(16))
        return request_headers(
            self._private_raw, self.branch_code, method, path, body, int(self._clock()), nonce
        )

    def submit(self, envelope: bytes) -> HqResponse:
        """POST the exact envelope bytes the outbox holds (never re-serialised: the hash HQ
        receipts is the hash of what was approved)."""
        return self.transport.post(
            SUBMISSIONS_PATH, envelope, self.headers("POST", SUBMISSIONS_PATH, envelope)
        )

    def get(self, path: str) -> HqResponse:
        return self.transport.get(path, self.headers("GET", path, b""))

    def status(self) -> dict[str, Any]:
        response = self.get(status_path(self.branch_code))
        parsed = response.json()
        return parsed if isinstance(parsed, dict) else {"status": response.status}
