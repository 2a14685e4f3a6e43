"""The branch's HQ link as the other services use it: what may be shown, the branch key, the
pseudonym key and signing with the branch key.

Rule: the branch's Ed25519 private key and the pseudonym key never leave branch.db except into
memory for one signature or one pseudonym; ``link`` (what the GUI and ``hq status`` show) never
carries them. A service that needs the branch key and finds no enrolment gets ``NotEnrolled``,
a bilingual refusal telling the user that IT must enrol the branch first.

Reason: the branch key is what HQ trusts a summary and a request by (issue 13); anyone holding it
could speak for the branch. Legal basis: PIPL Art. 51 (technical security measures).
"""

from __future__ import annotations

from typing import Any

from desktop_app.domain.errors import BranchVaultError
from desktop_app.domain.hq_summary import sign_payload
from desktop_app.services.signed_in import SignedIn
from desktop_app.store.hq_link_repository import HqLink, HqLinkRepository, StoredHqLink

__all__ = ["HqLink", "NotEnrolled", "branch_private_key", "link", "pseudonym_key", "sign"]


class NotEnrolled(BranchVaultError):
    code = "hq_not_enrolled"

    def __init__(self) -> None:
        super().__init__(
            "本门店尚未在总部登记。请 IT 先运行 branchvault hq enroll。",
            "This branch is not enrolled with headquarters yet. IT runs `branchvault hq enroll` first.",
        )


def _stored(ctx: SignedIn) -> StoredHqLink | None:
    return HqLinkRepository(ctx.db).get()


def link(ctx: SignedIn) -> HqLink | None:
    """HQ's address, CA file, branch code, HQ's receipt key and the enrolment time; never a key."""
    stored = _stored(ctx)
    return stored.link if stored is not None else None


def require_link(ctx: SignedIn) -> HqLink:
    found = link(ctx)
    if found is None:
        raise NotEnrolled()
    return found


def branch_private_key(ctx: SignedIn) -> bytes:
    """The branch's Ed25519 private key (raw 32 bytes); ``NotEnrolled`` before enrolment."""
    stored = _stored(ctx)
    if stored is None:
        raise NotEnrolled()
    return stored.branch_private_key


def pseudonym_key(ctx: SignedIn) -> bytes | None:
    """The company's pseudonym key delivered with the enrolment token, or None (not enrolled, or
    the token carried none)."""
    stored = _stored(ctx)
    return stored.pseudonym_key if stored is not None else None


def sign(ctx: SignedIn, payload: dict[str, Any]) -> str:
    """The branch key's Ed25519 signature (base64) over the payload's canonical JSON."""
    return sign_payload(branch_private_key(ctx), payload)
