"""The HQ wire models (pydantic, ``extra="forbid"``, strict types): a request with a field HQ does
not know, or a value of the wrong type, is refused with 422 instead of being stored.

Rule: the submission payload is checked field by field down to the per-client rows, so nothing but
the masked, pseudonymous fields of ``branchvault.summary/1`` (docs/hq-summary-schema.md) can be
stored at HQ (PIPL art. 51: technical measures; art. 23: only what the summary schema provides).
``aggregates`` are counts whose shape belongs to the summary schema: HQ checks that they hold only
strings, integers, booleans, null, lists and objects (no floats, see canonical JSON). The optional
``programme`` block (privacy-programme counts) is checked field by field by the domain's
``programme_block.check_block`` on ingest (submissions.py), the same rules the branch applied.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

SCHEMA = "branchvault.summary/1"
BranchCode = Annotated[str, StringConstraints(pattern=r"^[A-Z0-9_-]{1,16}$")]
Uuid4 = Annotated[
    str, StringConstraints(pattern=r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
]
IsoDate = Annotated[str, StringConstraints(pattern=r"^\d{4}-\d{2}-\d{2}$")]
UtcStamp = Annotated[str, StringConstraints(pattern=r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")]
Sha256Hex = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
Base64 = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9+/]+={0,2}$", max_length=200)]
Short = Annotated[str, StringConstraints(max_length=200)]
NonNegative = Annotated[int, Field(ge=0)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, populate_by_name=True)


class Period(Strict):
    from_: IsoDate = Field(alias="from")
    to: IsoDate


class Suppression(Strict):
    k: Annotated[int, Field(ge=2, le=1000)]
    below_k: Short
    complementary: Short


class ClientRow(Strict):
    pseudonym: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
    masked_name: Short | None
    district: Short | None
    intention_level: Short | None
    property_type: Short | None
    budget_band: Short | None
    stage: Short | None
    agent_code: Short | None


class ClientRows(Strict):
    legal_basis: Literal["same_entity", "entrustment", "separate_consent"]
    basis_reference: Short | None
    basis_expires: IsoDate | None
    rows: list[ClientRow]


class AuditHead(Strict):
    sequence: NonNegative
    hash: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{1,128}$")]


class Approval(Strict):
    approved_by: int
    approved_at: UtcStamp
    content_sha256: Sha256Hex


class SummaryPayload(Strict):
    schema_: Literal["branchvault.summary/1"] = Field(alias="schema")
    submission_id: Uuid4
    branch_code: BranchCode
    period: Period
    generated_at: UtcStamp
    software_version: Short
    prepared_by: int
    suppression: Suppression
    aggregates: dict[str, Any]
    client_rows: ClientRows | None
    audit_head: AuditHead
    programme: Any = None  # optional in /1; an object or null, checked by programme_block.check_block
    approval: Approval | None


class Envelope(Strict):
    payload: SummaryPayload
    signature: Base64


class EnrolRequest(Strict):
    token: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_-]{16,128}$")]
    branch_code: BranchCode
    public_key: Base64
    proof: Base64
