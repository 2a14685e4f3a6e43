"""Noticing rollback and tampering of the audit log: at every sign-in and in ``audit verify``.

Rules (GB/T 22239-2019 8.1.4.3 c; the reasons are in domain/audit_chain.py):
- the witness (services/audit_witness.py) must be continued by the log. If it is not, the finding is
  recorded as ``audit.rollback_detected`` (log behind the witness, or the witnessed entry changed)
  or ``audit.witness_missing`` (keyring entry removed), outcome ``failure``, with the sequence numbers
  and hashes; the witness then starts again from the log as it is, so the same finding is reported
  once (it stays in the log) and a second rollback is caught again. Sign-in proceeds and the user is
  told (``Session.notices``): refusing would lock the branch out of its own data while the
  evidence is already safe in the chain; ``audit verify`` run at that moment exits 1.
- the append-only triggers (store/append_only_triggers.py) must exist unaltered, in the branch
  database and any attached one. Missing or altered ones are re-created at sign-in or by a verify
  and ``audit.triggers_restored`` is recorded.
"""

from __future__ import annotations

from desktop_app.domain.audit_chain import WitnessCheck, WitnessState
from desktop_app.domain.errors import BranchVaultError
from desktop_app.services.audit_trail import record
from desktop_app.services.audit_witness import read_and_compare, watch
from desktop_app.services.session import SessionNotice
from desktop_app.services.signed_in import SignedIn
from desktop_app.store.append_only_triggers import damaged_everywhere, restore_everywhere

ROLLBACK_ACTION = "audit.rollback_detected"
WITNESS_MISSING_ACTION = "audit.witness_missing"
TRIGGERS_ACTION = "audit.triggers_restored"
FINDING_ACTIONS = frozenset({ROLLBACK_ACTION, WITNESS_MISSING_ACTION, TRIGGERS_ACTION})


def _short(value: str | None) -> str:
    return (value or "")[:12] + "…"


class AuditRollbackDetected(BranchVaultError):
    code = "audit_rollback_detected"

    def __init__(self, check: WitnessCheck) -> None:
        assert check.witness is not None
        seen, ends = check.witness.seq, check.head.seq if check.head else 0
        if check.state is WitnessState.BEHIND:
            super().__init__(
                f"审计日志只到第 {ends} 条，但本机已见过第 {seen} 条：门店数据库被换成了旧副本，"
                f"或日志末尾第 {ends + 1}–{seen} 条被删除。已记录此事件，请告知 IT 和审计员并核对备份。",
                f"The audit log ends at entry {ends}, but this PC had already seen entry {seen}: an older "
                f"copy of branch.db was restored, or entries {ends + 1}–{seen} were cut off the log. This "
                "was recorded; tell IT and the auditor and compare with the backups.",
            )
        else:
            super().__init__(
                f"审计日志第 {seen} 条与本机见过的不同（哈希 {_short(check.found_hash)}，本机记录 "
                f"{_short(check.witness.hash)}）：日志被删改后重新计算了哈希链，或换成旧副本后又写入了新记录。"
                "已记录此事件，请告知 IT 和审计员。",
                f"Audit entry {seen} is not the one this PC saw (hash {_short(check.found_hash)}, this PC "
                f"recorded {_short(check.witness.hash)}): entries were deleted or changed and the chain "
                "recomputed, or an older copy was restored and new entries written since. This was "
                "recorded; tell IT and the auditor.",
            )


class AuditWitnessMissing(BranchVaultError):
    code = "audit_witness_missing"

    def __init__(self, check: WitnessCheck) -> None:
        ends = check.head.seq if check.head else 0
        super().__init__(
            f"本机密钥环中没有本门店审计链的见证记录（日志已有 {ends} 条）：密钥环被清除、记录被删改，"
            "或这是另一台电脑。此前是否回滚无法判断；已记录此事件，并从当前日志重新建立见证。",
            f"This PC's keyring holds no witness of the branch's audit chain (the log has {ends} "
            "entries): the keyring was cleared or the entry edited, or this is another PC. Whether the "
            "log was rolled back before cannot be told; this was recorded and a new witness started "
            "from the log as it is.",
        )


class AppendOnlyTriggersRestored(BranchVaultError):
    code = "append_only_triggers_restored"

    def __init__(self, names: list[str]) -> None:
        listed = ", ".join(names)
        super().__init__(
            f"证据表的只追加保护（触发器 {listed}）被删除或修改过，已恢复并记录。请告知审计员。",
            f"The append-only protection of the evidence tables (triggers {listed}) had been dropped or "
            "altered; it was put back and recorded. Tell the auditor.",
        )


class RollbackNotDetectable(BranchVaultError):
    code = "rollback_not_detectable"

    def __init__(self) -> None:
        super().__init__(
            "本门店没有使用系统密钥环（--no-keyring），本机不保存审计链见证：无法发现数据库被换成旧副本或日志末尾被截断。",
            "This branch does not use the system keyring (--no-keyring), so this PC keeps no witness "
            "of the audit chain: a restored older branch.db or a cut-off log tail cannot be detected.",
        )


NOTICE_CODES = frozenset(
    {"audit_rollback_detected", "audit_witness_missing", "append_only_triggers_restored"}
)  # the codes of the messages below that sign-in adds to Session.notices


def witness_message(check: WitnessCheck) -> BranchVaultError | None:
    """The bilingual message for a witness finding (None: nothing to say)."""
    if check.state in (WitnessState.BEHIND, WitnessState.DIVERGED):
        return AuditRollbackDetected(check)
    if check.state is WitnessState.MISSING:
        return AuditWitnessMissing(check)
    if check.state is WitnessState.UNAVAILABLE:
        return RollbackNotDetectable()
    return None


def triggers_restored_this_session(ctx: SignedIn) -> list[str]:
    """For ``audit verify``: triggers put back at sign-in plus any missing now (put back too)."""
    witness = watch(ctx)
    earlier = list(witness.restored_triggers) if witness is not None else []
    return earlier + [name for name in restore_damaged_triggers(ctx) if name not in earlier]


def restore_damaged_triggers(ctx: SignedIn) -> list[str]:
    """Re-create missing or altered append-only triggers and record it; the names restored."""
    db = ctx.db
    if not damaged_everywhere(db):  # the usual case: one read of each schema, no write transaction
        return []
    with db.transaction():
        names = damaged_everywhere(db)
        if names:
            restore_everywhere(db, names)
            record(
                ctx, TRIGGERS_ACTION, target_type="audit_log", outcome="failure", details={"triggers": names}
            )
    return names


def _report_witness_problem(ctx: SignedIn, check: WitnessCheck) -> None:
    """Record the finding and start a new witness at the log's head (the entry just recorded)."""
    db = ctx.db
    witness = watch(ctx)
    if witness is None:
        return
    witness.writer.arm(known=None)  # the commit below hands the new head to the writer
    action = WITNESS_MISSING_ACTION if check.state is WitnessState.MISSING else ROLLBACK_ACTION
    with db.transaction():
        record(ctx, action, target_type="audit_log", outcome="failure", details=check.details())
    witness.writer.flush()
    witness.reported = True


def check_witness_now(ctx: SignedIn) -> WitnessCheck:
    """Read the witness afresh and compare (for ``audit verify``); report and reset on a problem.
    A problem found at this session's sign-in is returned as found then (the witness was reset)."""
    witness = watch(ctx)
    if witness is None or witness.store is None:
        return WitnessCheck(WitnessState.UNAVAILABLE)
    if witness.reported and witness.first_check.is_problem:
        return witness.first_check
    db = ctx.db
    witness.writer.flush()  # our own last head first, so the comparison is exact
    check = read_and_compare(db, witness.store)
    if check.is_problem:
        _report_witness_problem(ctx, check)
    elif check.state is not WitnessState.UNAVAILABLE and not witness.writer.armed:
        witness.writer.arm(known=check.witness)  # the keyring was unreachable when the session began
    return check


def check_audit_integrity(ctx: SignedIn) -> list[BranchVaultError]:
    """At sign-in, after the sign-in transaction: put back damaged triggers, compare the witness,
    record what was found and add it to ``Session.notices``. Never refuses the sign-in."""
    session = ctx.session
    warnings: list[BranchVaultError] = []
    restored = restore_damaged_triggers(ctx)
    if restored:
        warnings.append(AppendOnlyTriggersRestored(restored))
    witness = watch(ctx)
    if witness is not None:
        witness.restored_triggers.extend(restored)
    if witness is not None and witness.first_check.is_problem and not witness.reported:
        _report_witness_problem(ctx, witness.first_check)
        message = witness_message(witness.first_check)
        if message is not None:
            warnings.append(message)
    session.notices.extend(SessionNotice(w.code, w.zh, w.en) for w in warnings)
    return warnings
