"""The ``branchvault.summary/1`` payload: its header, the content hash shown at preparation, and
the approval added before the branch signs it (documented field by field in docs/hq-summary-schema.md).

Rule: the content hash is ``sha256_hex(canonical_json(payload))`` with ``"approval": null``; the
approval records who approved, when, and that hash, and the final payload is what the branch key
signs. HQ checks that the approval's ``content_sha256`` is the hash of the payload with the approval
set back to null (``approval_matches``), so what the manager reviewed is what arrived. Staff appear
as ids only, never names (PIPL art. 51: minimum necessary). ``programme`` (the privacy
programme's counts for the quarter, programme_block.py) was added to schema /1 as an optional key:
null when the preparer may not see the programme figures, absent from older branches' summaries.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from desktop_app.domain.hq_summary.canonical import canonical_json, sha256_hex
from desktop_app.domain.hq_summary.programme_block import check_block
from desktop_app.domain.hq_summary.suppression import COMPLEMENTARY, below_k_marker

SCHEMA = "branchvault.summary/1"
TOP_LEVEL_FIELDS = (
    "schema",
    "submission_id",
    "branch_code",
    "period",
    "generated_at",
    "software_version",
    "prepared_by",
    "suppression",
    "aggregates",
    "client_rows",
    "audit_head",
    "programme",
    "approval",
)
# Keys a summary of schema /1 may lack (added later, optional: an older branch does not send them).
OPTIONAL_FIELDS = ("programme",)


def summary_payload(
    *,
    submission_id: str,
    branch_code: str,
    period_from: date,
    period_to: date,
    generated_at: str,
    software_version: str,
    prepared_by: int,
    k: int,
    aggregates: dict[str, Any],
    client_rows: dict[str, Any] | None,
    audit_head: tuple[int, str],
    programme: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The payload with ``approval`` null (ValueError for a bad id or an inverted period, or a
    programme block that breaks its rules: domain/hq_summary/programme_block.py)."""
    if str(uuid.UUID(submission_id)) != submission_id:
        raise ValueError("submission_id must be a lower-case UUID")
    if period_from > period_to:
        raise ValueError("the period ends before it starts")
    if programme is not None:
        check_block(programme)
    sequence, head_hash = audit_head
    return {
        "schema": SCHEMA,
        "submission_id": submission_id,
        "branch_code": branch_code,
        "period": {"from": period_from.isoformat(), "to": period_to.isoformat()},
        "generated_at": generated_at,
        "software_version": software_version,
        "prepared_by": prepared_by,
        "suppression": {"k": k, "below_k": below_k_marker(k), "complementary": COMPLEMENTARY},
        "aggregates": aggregates,
        "client_rows": client_rows,
        "audit_head": {"sequence": sequence, "hash": head_hash},
        "programme": programme,
        "approval": None,
    }


def content_hash(payload: dict[str, Any]) -> str:
    """The hash shown at preparation: of the payload with ``approval`` null."""
    return sha256_hex(canonical_json({**payload, "approval": None}))


def with_approval(payload: dict[str, Any], *, approved_by: int, approved_at: str) -> dict[str, Any]:
    """The final payload (to be signed): the approval names the content hash."""
    return {
        **payload,
        "approval": {
            "approved_by": approved_by,
            "approved_at": approved_at,
            "content_sha256": content_hash(payload),
        },
    }


def approval_matches(payload: dict[str, Any]) -> bool:
    """HQ's check: an approval is present and names the hash of the payload without it."""
    approval = payload.get("approval")
    if not isinstance(approval, dict):
        return False
    try:
        return approval.get("content_sha256") == content_hash(payload)
    except ValueError:
        return False
