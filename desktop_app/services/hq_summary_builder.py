"""Builds the ``branchvault.summary/1`` payload for a period (what ``hq_exports.prepare`` freezes).

Rule: an agent or manager (``Action.EXPORT_REQUEST``) builds it; the counts come from SQL GROUP BY
(store/hq_summary_queries.py), suppression and the payload shape from the domain
(domain/hq_summary/), the audit-chain head from the audit repository (HQ keeps it as an outside
witness of the log). Per-client rows are added only when the branch setting is on and in force on
the day (an entrustment past its expiry: none), only for clients whose HQ-sharing consent is in
effect, pseudonymised with the company's pseudonym key from the HQ link. The payload is returned
with ``approval: null``; approving and signing are the exports service's. Nothing here writes.

The privacy programme's counts (``programme``: the quarter containing the period's last day, from
services/programme_status.programme_counts, with the branch's targets) are added when the preparer
may see them (``Action.PROGRAMME_VIEW``: a manager); an agent's preparation sends ``programme: null``
rather than widening what an agent may read (HQ keeps the latest block of each quarter, so one
summary a manager prepares in the quarter is enough).

Reason: PIPL art. 23 (provision to headquarters), art. 51 (de-identification, access control),
art. 73(3); the aggregate-only default follows data minimisation (art. 6).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from desktop_app import __version__
from desktop_app.domain.audit_chain import GENESIS_HASH
from desktop_app.domain.errors import BranchVaultError, InvalidInput
from desktop_app.domain.hq_summary.aggregation import aggregates
from desktop_app.domain.hq_summary.client_rows import client_row, client_rows_object
from desktop_app.domain.hq_summary.payload import summary_payload
from desktop_app.domain.hq_summary.programme_block import programme_block
from desktop_app.domain.hq_summary.pseudonyms import pseudonym
from desktop_app.domain.permissions import Action, can
from desktop_app.domain.programme_periods import Quarter
from desktop_app.services import hq_link
from desktop_app.services.audit_trail import check_permission
from desktop_app.services.hq_client_rows import client_rows_setting_of
from desktop_app.services.signed_in import SignedIn
from desktop_app.store.audit_repository import AuditRepository
from desktop_app.store.hq_summary_queries import consenting_clients, summary_counts

PseudonymKeySource = Callable[[SignedIn], "bytes | None"]


class PseudonymKeyMissing(BranchVaultError):
    code = "hq_pseudonym_key_missing"

    def __init__(self) -> None:
        super().__init__(
            "已开启逐客户明细，但本门店没有总部下发的化名密钥（尚未登记，或登记令牌未带密钥）。"
            "请 IT 重新登记，或由经理关闭逐客户明细。",
            "Per-client rows are on, but this branch has no pseudonym key from headquarters (not "
            "enrolled, or the enrolment token carried none). IT re-enrols, or a manager turns rows off.",
        )


class ProgrammeFiguresInconsistent(BranchVaultError):
    code = "hq_programme_inconsistent"

    def __init__(self, detail: str) -> None:
        super().__init__(
            f"隐私保护指标自相矛盾，汇总未生成（总部也会拒收）：{detail}。请联系 IT。",
            f"The privacy programme figures contradict themselves, so no summary was prepared "
            f"(headquarters would refuse it too): {detail}. Contact IT.",
        )


class InvalidPeriod(InvalidInput):
    code = "invalid_period"

    def __init__(self) -> None:
        super().__init__("统计期的结束日期早于开始日期。", "The period ends before it starts.")


def _branch_code(ctx: SignedIn) -> str:
    found = hq_link.link(ctx)
    return found.branch_code if found is not None else ctx.require_config().branch_code


def _client_rows(ctx: SignedIn, key_source: PseudonymKeySource) -> dict[str, Any] | None:
    setting = client_rows_setting_of(ctx)
    if not setting.active_on(ctx.today()):
        return None
    key = key_source(ctx)
    if not key:
        raise PseudonymKeyMissing()
    rows = [
        client_row(
            pseudonym=pseudonym(key, source.id_number, source.phone_e164),
            full_name=source.full_name,
            district=source.district,
            intention_level=source.intention_level,
            property_type=source.property_type,
            budget_band=source.budget_band,
            stage=source.stage,
            agent_id=source.agent_id,
        )
        for source in consenting_clients(ctx.db)
    ]
    return client_rows_object(setting, rows)


def _programme(ctx: SignedIn, period_to: date) -> dict[str, Any] | None:
    """The programme block for the quarter holding ``period_to``; None when the preparer may not
    see the programme figures (checked first, so an agent's preparation audits no refusal)."""
    if not can(ctx.session.role, Action.PROGRAMME_VIEW):
        return None
    from desktop_app.services.programme_settings import programme_policy  # local: import cost
    from desktop_app.services.programme_status import programme_counts

    counts, policy = programme_counts(ctx, Quarter.of(period_to)), programme_policy(ctx)
    try:
        return programme_block(counts, policy)
    except ValueError as exc:  # a part larger than its whole: a bug to fix, never sent
        raise ProgrammeFiguresInconsistent(str(exc)) from None


def build_summary(
    ctx: SignedIn,
    period_from: date,
    period_to: date,
    *,
    submission_id: str,
    pseudonym_key_source: PseudonymKeySource = hq_link.pseudonym_key,
) -> dict[str, Any]:
    """The payload for the period (Beijing dates, both included), ``approval`` null."""
    check_permission(ctx, Action.EXPORT_REQUEST)
    if period_from > period_to:
        raise InvalidPeriod()
    k = ctx.policy.suppression_k
    db = ctx.db
    programme = _programme(ctx, period_to)
    with db.transaction():  # one snapshot: counts, rows and the audit head agree
        counts = summary_counts(db, period_from=period_from, period_to=period_to, today=ctx.today())
        rows = _client_rows(ctx, pseudonym_key_source)
        head = AuditRepository(db).head()
    return summary_payload(
        submission_id=submission_id,
        branch_code=_branch_code(ctx),
        period_from=period_from,
        period_to=period_to,
        generated_at=ctx.now_utc()[:19] + "Z",
        software_version=__version__,
        prepared_by=ctx.session.staff_id,
        k=k,
        aggregates=aggregates(counts, k),
        client_rows=rows,
        audit_head=(head.seq, head.hash) if head is not None else (0, GENESIS_HASH),
        programme=programme,
    )
