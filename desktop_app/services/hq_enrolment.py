"""Enrolling the branch with headquarters: IT gives HQ's address, the one-time token HQ issued
and (for an HQ on a company CA) the CA file; the branch makes its Ed25519 key and HQ returns its
receipt key.

Rule: IT administrators only (``config.edit``); ``https://`` only, the certificate verified
(sync/transport.py); the token is ``<secret>.<pseudonym key, base64url>`` — only the secret goes
to HQ, the company's pseudonym key stays in the branch (HQ never holds it, issue 13). The new key
proves itself to HQ by signing the request's claim; the private key, HQ's receipt key and the
pseudonym key are stored inside branch.db (store/hq_link_repository.py) in the same transaction
as the audit entry, which names HQ's address and the branch's public key, never a secret.
Enrolling again replaces the link (a new key; HQ decides whether it accepts a second token).

Reason: the branch key is what HQ trusts the branch's summaries and requests by; the pseudonym key
lets HQ link a client across branches without learning who it is (PIPL Art. 51, Art. 73(3)).
"""

from __future__ import annotations

import base64
import binascii
from pathlib import Path
from typing import Any

from desktop_app.domain.branch_settings import is_https_address
from desktop_app.domain.errors import BranchVaultError, InvalidInput
from desktop_app.domain.hq_summary import generate_private_key, public_key_b64
from desktop_app.domain.hq_summary.signatures import KEY_BYTES, b64decode_strict
from desktop_app.domain.permissions import Action
from desktop_app.services.audit_trail import check_permission, record
from desktop_app.services.hq_link import link as current_link
from desktop_app.services.signed_in import SignedIn
from desktop_app.store.hq_link_repository import HqLink, HqLinkRepository
from desktop_app.sync import hq_requests
from desktop_app.sync.transport import HqTransport, HqUnreachable, HttpsTransport, PlainAddressRefused

PSEUDONYM_KEY_MIN_BYTES = 32


class EnrolmentRefused(BranchVaultError):
    code = "hq_enrolment_refused"

    def __init__(self, status: int, detail: str) -> None:
        self.status = status
        if status == 403:
            zh = "总部拒绝了登记令牌（未知、已使用或已过期）。请向总部索取新的令牌。"
            en = "HQ refused the enrolment token (unknown, already used or expired). Ask HQ for a new one."
        else:
            zh = f"总部拒绝了登记请求（{detail}）。"
            en = f"HQ refused the enrolment ({detail})."
        super().__init__(zh, en)


def split_token(token: str) -> tuple[str, bytes | None]:
    """``<secret>.<pseudonym key b64url>`` → (secret, key); a token without a dot has no key."""
    token = token.strip()
    secret, dot, key_text = token.rpartition(".")
    if not dot:
        secret, key_text = token, ""
    if not secret or any(c.isspace() for c in secret) or len(secret) > 512:
        raise InvalidInput("登记令牌格式不正确。", "The enrolment token is not in the right form.")
    if not key_text:
        return secret, None
    try:
        key = base64.urlsafe_b64decode(key_text + "=" * (-len(key_text) % 4))
    except (binascii.Error, ValueError) as exc:
        raise InvalidInput("登记令牌中的假名密钥无效。", "The token's pseudonym key is not valid.") from exc
    if len(key) < PSEUDONYM_KEY_MIN_BYTES:
        raise InvalidInput("登记令牌中的假名密钥太短。", "The token's pseudonym key is too short.")
    return secret, key


def check_address(url: str, ca_file: Path | None) -> tuple[str, str]:
    """(the address without a trailing slash, the CA file's absolute path or "") or refused."""
    url = url.strip()
    if not is_https_address(url):
        raise PlainAddressRefused()
    ca_text = ""
    if ca_file is not None:
        ca_path = ca_file.expanduser().resolve()
        if not ca_path.is_file():
            raise InvalidInput(f"找不到 CA 证书文件 {ca_path}。", f"No CA certificate file at {ca_path}.")
        ca_text = str(ca_path)
    return url.rstrip("/"), ca_text


def _hq_answer(answer: Any, branch_code: str) -> tuple[str, str]:
    """(HQ receipt public key, enrolled_at) from HQ's 201 answer."""
    if not isinstance(answer, dict):
        raise HqUnreachable("protocol", "enrolment answer")
    key, code, enrolled_at = answer.get("hq_public_key"), answer.get("branch_code"), answer.get("enrolled_at")
    if code != branch_code or not isinstance(key, str) or not isinstance(enrolled_at, str):
        raise HqUnreachable("protocol", "enrolment answer")
    try:
        raw = b64decode_strict(key)
    except ValueError as exc:
        raise HqUnreachable("protocol", "HQ receipt key") from exc
    if len(raw) != KEY_BYTES:
        raise HqUnreachable("protocol", "HQ receipt key")
    return key, enrolled_at


def enrol(
    ctx: SignedIn, url: str, token: str, ca_file: Path | None = None, *, transport: HqTransport | None = None
) -> HqLink:
    """Enrol with HQ at ``url`` using the one-time ``token``; returns the stored link (no keys)."""
    check_permission(ctx, Action.CONFIG_EDIT)
    address, ca_text = check_address(url, ca_file)
    secret, pseudonym = split_token(token)
    branch_code = ctx.config.branch_code
    private_raw = generate_private_key()
    previous = current_link(ctx)
    own = transport is None
    active = (
        transport if transport is not None else HttpsTransport(address, Path(ca_text) if ca_text else None)
    )
    try:
        response = hq_requests.enrol(active, secret, branch_code, private_raw)
    except HqUnreachable as exc:
        _audit_failure(ctx, address, exc.short())
        raise
    finally:
        if own:
            active.close()
    if response.status != 201:
        _audit_failure(ctx, address, response.error_text())
        raise EnrolmentRefused(response.status, response.error_text())
    hq_key, _hq_enrolled_at = _hq_answer(response.json(), branch_code)
    new = HqLink(
        url=address,
        ca_file=ca_text,
        branch_code=branch_code,
        hq_public_key_b64=hq_key,
        enrolled_at=ctx.now_utc(),
        enrolled_by=ctx.session.staff_id,
    )
    with ctx.db.transaction():
        HqLinkRepository(ctx.db).save(new, branch_private_key=private_raw, pseudonym_key=pseudonym)
        record(
            ctx,
            "hq.enrol",
            target_type="hq",
            target_id=address,
            details={
                "ca_file": ca_text,
                "branch_public_key": public_key_b64(private_raw),
                "hq_public_key": hq_key,
                "pseudonym_key_received": pseudonym is not None,
                "replaced": previous is not None,
            },
        )
    return new


def _audit_failure(ctx: SignedIn, address: str, error: str) -> None:
    with ctx.db.transaction():
        record(ctx, "hq.enrol", target_type="hq", target_id=address, outcome="failure", reason=error[:200])
