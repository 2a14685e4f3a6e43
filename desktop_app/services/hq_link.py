"""The branch's HQ link as the other services use it: what may be shown, the branch key, the
pseudonym key, signing with the branch key, and *key adoption*.

Rule: the branch's Ed25519 private key and the pseudonym key never leave the encrypted databases
except into memory for one signature or one pseudonym; ``link`` (what the GUI and ``hq status``
show, IT included) never carries them. Enrolment (IT) leaves both keys *pending* in branch.db;
the first session that holds the client-data key — at sign-in, or at the latest when it needs a
key — adopts them: in ONE transaction over both files (same connection) they are written to
clients.db (``client_data.hq_keys``) and set to NULL in branch.db with ``secure_delete`` on (the
freed bytes are overwritten), audited ``hq.key_adopted``. A new enrolment leaves new pending keys,
which replace the adopted ones at the next adoption. Only a session with clients.db attached can
use the keys: IT and auditors get ``HqKeysUnavailable``. A service that needs the branch key and
finds no enrolment gets ``NotEnrolled``, telling the user that IT must enrol the branch first.

What remains (README "Limits"): between enrolment and adoption the keys are in branch.db, so IT
(who enrols, and holds the token anyway) and an auditor could copy them then; a backup of
branch.db taken in that window holds them too; and HQ trusts whatever key the enrolment
presented. After adoption IT and auditors cannot sign.

Reason: the branch key is what HQ trusts a summary and a request by (issue 13); anyone holding it
could speak for the branch, bypassing the manager's four-eyes approval. Legal basis: PIPL Art. 51
(technical security measures); MLPS 2.0 separation of duties.
"""

from __future__ import annotations

from typing import Any

from desktop_app.domain.errors import BranchVaultError
from desktop_app.domain.hq_summary import public_key_b64, sign_payload
from desktop_app.services.audit_trail import record
from desktop_app.services.signed_in import SignedIn
from desktop_app.store.hq_key_repository import AdoptedHqKeys, HqKeyRepository
from desktop_app.store.hq_link_repository import HqLink, HqLinkRepository, StoredHqLink

__all__ = [
    "HqKeysUnavailable",
    "HqLink",
    "NotEnrolled",
    "adopt_pending_keys",
    "branch_private_key",
    "link",
    "pseudonym_key",
    "sign",
]


class NotEnrolled(BranchVaultError):
    code = "hq_not_enrolled"

    def __init__(self) -> None:
        super().__init__(
            "本门店尚未在总部登记。请 IT 先运行 branchvault hq enroll。",
            "This branch is not enrolled with headquarters yet. IT runs `branchvault hq enroll` first.",
        )


class HqKeysUnavailable(BranchVaultError):
    code = "hq_keys_unavailable"

    def __init__(self, *, lost: bool = False) -> None:
        if lost:
            super().__init__(
                "客户数据库中没有本次登记的门店签名密钥（可能从旧备份恢复）。请 IT 重新在总部登记。",
                "The client database holds no signing key for the current enrolment (restored from an "
                "older copy?). IT enrols the branch with HQ again.",
            )
        else:
            super().__init__(
                "只有持有客户数据密钥的经纪人和店长才能使用门店签名密钥。",
                "Only agents and managers holding the client-data key can use the branch signing key.",
            )


def _stored(ctx: SignedIn) -> StoredHqLink | None:
    return HqLinkRepository(ctx.db).get()


def link(ctx: SignedIn) -> HqLink | None:
    """HQ's address, CA file, branch code, HQ's receipt key and the enrolment time; never a key.
    Works for every role (it reads branch.db only)."""
    stored = _stored(ctx)
    return stored.link if stored is not None else None


def require_link(ctx: SignedIn) -> HqLink:
    found = link(ctx)
    if found is None:
        raise NotEnrolled()
    return found


def adopt_pending_keys(ctx: SignedIn) -> bool:
    """Move keys an enrolment left pending in branch.db into clients.db, if this session holds the
    client-data key and there are any; whether it did. Cheap when there is nothing to do (one row
    read); called at sign-in and before every use of a key."""
    db = ctx.db
    if not db.has_client_data:
        return False
    stored = _stored(ctx)
    if stored is None or stored.branch_private_key is None:
        return False
    db.execute("PRAGMA main.secure_delete = ON")  # already the connection's setting; never without it
    with db.transaction():
        repo = HqLinkRepository(db)
        stored = repo.get()  # again, inside the write lock: another session may have adopted them
        if stored is None or stored.branch_private_key is None:
            return False
        now = ctx.now_utc()
        replaced = HqKeyRepository(db).replace(
            AdoptedHqKeys(
                branch_private_key=stored.branch_private_key,
                pseudonym_key=stored.pseudonym_key,
                enrolled_at=stored.link.enrolled_at,
                adopted_at=now,
                adopted_by=ctx.session.staff_id,
            )
        )
        repo.clear_pending_keys(now)
        record(
            ctx,
            "hq.key_adopted",
            target_type="hq",
            target_id=stored.link.url,
            details={
                "branch_public_key": public_key_b64(stored.branch_private_key),
                "pseudonym_key": stored.pseudonym_key is not None,
                "enrolled_at": stored.link.enrolled_at,
                "replaced": replaced,
            },
        )
    if not db.in_transaction:
        db.checkpoint()  # an old branch still in WAL mode: no copy of the old page stays in the -wal
    return True


def _adopted(ctx: SignedIn) -> AdoptedHqKeys:
    stored = _stored(ctx)
    if stored is None:
        raise NotEnrolled()
    if not ctx.db.has_client_data:
        raise HqKeysUnavailable()
    adopt_pending_keys(ctx)
    keys = HqKeyRepository(ctx.db).get()
    if keys is None or keys.enrolled_at != stored.link.enrolled_at:
        raise HqKeysUnavailable(lost=True)
    return keys


def branch_private_key(ctx: SignedIn) -> bytes:
    """The branch's Ed25519 private key (raw 32 bytes); ``NotEnrolled`` before enrolment,
    ``HqKeysUnavailable`` for a session without the client-data key."""
    return _adopted(ctx).branch_private_key


def pseudonym_key(ctx: SignedIn) -> bytes | None:
    """The company's pseudonym key delivered with the enrolment token, or None (not enrolled, or
    the token carried none). ``HqKeysUnavailable`` for a session without the client-data key."""
    stored = _stored(ctx)
    if stored is None or not stored.link.pseudonym_key_received:
        return None
    return _adopted(ctx).pseudonym_key


def sign(ctx: SignedIn, payload: dict[str, Any]) -> str:
    """The branch key's Ed25519 signature (base64) over the payload's canonical JSON."""
    return sign_payload(branch_private_key(ctx), payload)
