"""Enrolment of a branch with a one-time token, and the tokens HQ's IT issues for it.

Rules: a token is single use and expires after 7 days; HQ keeps only its SHA-256 (a copy of the
database does not let anyone enrol). The token handed to the branch is ``<secret>.<pseudonym key>``:
the branch sends only the secret and keeps the pseudonym key, which HQ never stores (the per-client
rows stay pseudonymous at HQ: PIPL art. 73(3), GB/T 35273 §6.2). The new branch key proves possession
by signing ``canonical_json({token, branch_code, public_key})``. Marking the token used is one
conditional UPDATE, so two enrolments racing with one token cannot both succeed. A later token for an
enrolled branch code replaces its key (a new branch computer); the anchors and submissions stay.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import update
from sqlalchemy.orm import Session

from desktop_app.domain.hq_summary import verify_payload
from desktop_app.hq.errors import HqError
from desktop_app.hq.schemas import EnrolRequest
from desktop_app.hq.storage.models import Branch, EnrolToken

TOKEN_LIFETIME = timedelta(days=7)
PSEUDONYM_KEY_BYTES = 32


@dataclass(frozen=True)
class IssuedToken:
    branch_code: str
    token: str  # "<secret>.<pseudonym key b64url>", shown once
    expires_at: datetime


def token_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def new_pseudonym_key() -> bytes:
    return secrets.token_bytes(PSEUDONYM_KEY_BYTES)


def encode_pseudonym_key(key: bytes) -> str:
    return base64.urlsafe_b64encode(key).decode("ascii").rstrip("=")


def decode_pseudonym_key(text: str) -> bytes:
    """The raw key from its file/token form (base64url, padding optional); ValueError otherwise."""
    text = text.strip()
    try:
        key = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except ValueError as exc:
        raise ValueError("not a pseudonym key") from exc
    if len(key) != PSEUDONYM_KEY_BYTES or encode_pseudonym_key(key) != text.rstrip("="):
        raise ValueError("not a pseudonym key")
    return key


def new_token_secret() -> str:
    """256 random bits in hex: a token typed after ``--token`` must never start with ``-`` (base64url
    can, and argparse then reads it as an option), nor hold the ``.`` that separates the key."""
    return secrets.token_hex(32)


def issue_token(session: Session, branch_code: str, pseudonym_key: bytes, now: datetime) -> IssuedToken:
    secret = new_token_secret()
    expires = now + TOKEN_LIFETIME
    session.add(
        EnrolToken(
            token_sha256=token_hash(secret), branch_code=branch_code, created_at=now, expires_at=expires
        )
    )
    session.commit()
    return IssuedToken(branch_code, f"{secret}.{encode_pseudonym_key(pseudonym_key)}", expires)


def _refused() -> HqError:
    return HqError(
        403,
        "token_refused",
        "登记令牌无效、已使用或已过期，请向总部 IT 申请新令牌。",
        "The enrolment token is unknown, used or expired; ask HQ IT for a new one.",
    )


def enrol(session: Session, request: EnrolRequest, now: datetime) -> Branch:
    proof_payload = {
        "token": request.token,
        "branch_code": request.branch_code,
        "public_key": request.public_key,
    }
    if not verify_payload(request.public_key, proof_payload, request.proof):
        raise HqError(
            422,
            "bad_proof",
            "登记请求的密钥证明无效。",
            "The enrolment request's proof of key possession does not verify.",
        )
    digest = token_hash(request.token)
    token = session.get(EnrolToken, digest)
    if token is None or token.branch_code != request.branch_code:
        raise _refused()
    used = session.execute(
        update(EnrolToken)
        .where(EnrolToken.token_sha256 == digest, EnrolToken.used_at.is_(None), EnrolToken.expires_at > now)
        .values(used_at=now)
    )
    if used.rowcount != 1:  # type: ignore[attr-defined]
        session.rollback()
        raise _refused()
    branch = session.get(Branch, request.branch_code)
    if branch is None:
        branch = Branch(branch_code=request.branch_code, public_key_b64=request.public_key, enrolled_at=now)
        session.add(branch)
    else:
        branch.public_key_b64 = request.public_key
        branch.enrolled_at = now
    session.commit()
    return branch
