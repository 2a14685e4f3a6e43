"""Authenticating a branch request at HQ: the branch's key signs method, path, body hash, time,
nonce and branch code (domain/hq_summary/request_auth.py); HQ refuses a skew over 5 minutes and any
nonce it has seen for that branch.

Rule: the nonce is stored under a unique (branch_code, nonce) key in HQ's database and committed
before the request is acted on, so a replay is refused even when it reaches another ``serve``
process. Nonces older than twice the skew window are pruned: a request that old fails the time check
anyway.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from datetime import datetime, timedelta

from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from desktop_app.domain.hq_summary import RequestAuthError, verify_request
from desktop_app.domain.hq_summary.request_auth import HEADER_BRANCH, HEADER_NONCE
from desktop_app.hq.errors import unauthorised
from desktop_app.hq.storage.models import Branch, RequestNonce

MAX_NONCE_LENGTH = 64
PRUNE_EVERY = 200  # about one request in PRUNE_EVERY prunes old nonces


def _header(headers: Mapping[str, str], name: str) -> str:
    return next((v for k, v in headers.items() if k.lower() == name.lower()), "")


def authenticate(
    session: Session,
    headers: Mapping[str, str],
    method: str,
    path: str,
    body: bytes,
    now: datetime,
    max_skew_seconds: int,
) -> Branch:
    """The enrolled branch that signed this request; HqError 401 otherwise (nonce recorded)."""
    code = _header(headers, HEADER_BRANCH)
    nonce = _header(headers, HEADER_NONCE)
    if not code or not nonce:
        raise unauthorised("missing_header")
    branch = session.get(Branch, code)
    if branch is None:
        raise unauthorised("unknown_branch")
    try:
        verify_request(
            branch.public_key_b64, headers, method, path, body, int(now.timestamp()), max_skew_seconds
        )
    except RequestAuthError as exc:
        raise unauthorised(exc.code) from None
    if len(nonce) > MAX_NONCE_LENGTH:
        raise unauthorised("bad_signature")
    session.add(RequestNonce(branch_code=code, nonce=nonce, seen_at=now))
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        raise unauthorised("replayed_nonce") from None
    if random.randrange(PRUNE_EVERY) == 0:
        prune_nonces(session, now - timedelta(seconds=2 * max_skew_seconds))
    return branch


def prune_nonces(session: Session, before: datetime) -> None:
    session.execute(delete(RequestNonce).where(RequestNonce.seen_at < before))
    session.commit()
