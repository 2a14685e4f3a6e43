"""What ``audit verify`` prints: one bilingual line per check, and the same as JSON.

Exit 1 when anything is wrong (a broken chain, time going backwards, a witness the log does not
continue or a missing one, triggers that had to be put back); a branch without a keyring passes
the other checks but is told that rollback cannot be detected, never "intact" alone.
"""

from __future__ import annotations

from typing import Any

from desktop_app.domain.audit_chain import AuditVerification, WitnessState
from desktop_app.services.audit_integrity import AppendOnlyTriggersRestored, witness_message

TIME_LINES_SHOWN = 5


def verification_data(result: AuditVerification) -> dict[str, Any]:
    return {
        "ok": result.ok,
        "checked": result.checked,
        "first_broken_seq": result.first_broken_seq,
        "problem": result.problem,
        "time_regressions": [
            {"seq": r.seq, "previous_seq": r.previous_seq, "seconds_back": round(r.seconds_back, 3)}
            for r in result.time_regressions
        ],
        "witness": result.witness.details(),
        "rollback_detectable": result.witness.state is not WitnessState.UNAVAILABLE,
        "restored_triggers": list(result.restored_triggers),
        "recorded_findings": [{"seq": seq, "action": action} for seq, action in result.recorded_findings],
    }


def verification_text(result: AuditVerification) -> str:
    chain = result.chain
    if chain.ok:
        lines = [f"审计链完整 / audit chain intact ({chain.checked} entries)"]
    else:
        lines = [
            f"审计链在第 {chain.first_broken_seq} 条处断裂 / audit chain broken at entry "
            f"{chain.first_broken_seq}: {chain.problem}"
        ]
    for r in result.time_regressions[:TIME_LINES_SHOWN]:
        minutes = r.seconds_back / 60
        lines.append(
            f"时间倒退：第 {r.seq} 条比第 {r.previous_seq} 条早 {minutes:.1f} 分钟 / time goes backwards: "
            f"entry {r.seq} is {minutes:.1f} minutes before entry {r.previous_seq}"
        )
    if len(result.time_regressions) > TIME_LINES_SHOWN:
        more = len(result.time_regressions) - TIME_LINES_SHOWN
        lines.append(f"另有 {more} 处时间倒退 / {more} more places where time goes backwards")
    if result.restored_triggers:
        lines.append(AppendOnlyTriggersRestored(list(result.restored_triggers)).bilingual())
    message = witness_message(result.witness)
    if message is not None:
        lines.append(message.bilingual())
    elif result.witness.head is not None:
        seq = result.witness.head.seq
        lines.append(f"与本机的审计链见证一致 / matches this PC's witness of the chain (entry {seq})")
    if result.recorded_findings:
        listed = ", ".join(f"#{seq} {action}" for seq, action in result.recorded_findings[-TIME_LINES_SHOWN:])
        lines.append(f"日志中已记录的篡改发现 / tampering found earlier, recorded in the log: {listed}")
    return "\n".join(lines)
