"""``audit verify`` and ``audit export``: an intact chain, a tampered one, and the exported file."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

from desktop_app.domain.audit_chain import AuditEntry, verify_chain
from tests.cli.support import ADMIN, CliBranch, assert_exit, assert_message, open_branch_db


def tamper(cli_branch: CliBranch, seq: int) -> None:
    """What someone with the database key could do: drop the append-only trigger, edit an entry."""
    db = open_branch_db(cli_branch.data_dir, *ADMIN)
    try:
        db.execute("DROP TRIGGER audit_log_no_update")
        db.execute("UPDATE audit_log SET target_id = 'someone-else' WHERE seq = ?", (seq,))
    finally:
        db.close()


def read_export(path: Path) -> list[AuditEntry]:
    return [AuditEntry(**json.loads(line)) for line in path.read_text(encoding="utf-8").splitlines()]


def test_audit_verify_intact_chain(cli_branch: CliBranch) -> None:
    result = cli_branch.as_role("it_admin", "audit", "verify")
    assert_exit(result, 0)
    assert "审计链完整" in result.stdout and "audit chain intact" in result.stdout
    assert result.stderr == ""


def test_audit_verify_json(cli_branch: CliBranch) -> None:
    result = cli_branch.as_role("auditor", "audit", "verify", "--json")
    assert_exit(result, 0)
    data = result.json()
    assert data["ok"] is True and data["first_broken_seq"] is None and data["problem"] == ""
    assert data["checked"] >= 7  # init, staff added, sign-ins, sign-outs


def test_audit_verify_names_the_tampered_entry(cli_branch: CliBranch) -> None:
    tamper(cli_branch, 3)
    result = cli_branch.as_role("auditor", "audit", "verify")
    assert_exit(result, 1)
    assert "审计链在第 3 条处断裂" in result.stdout
    assert "audit chain broken at entry 3" in result.stdout
    assert "entry content altered" in result.stdout
    as_json = cli_branch.as_role("it_admin", "audit", "verify", "--json")
    assert_exit(as_json, 1)
    data = as_json.json()
    assert data["ok"] is False and data["first_broken_seq"] == 3 and data["checked"] == 2


def test_audit_export_writes_json_lines_that_re_verify(cli_branch: CliBranch, tmp_path: Path) -> None:
    out = tmp_path / "审计.jsonl"
    result = cli_branch.as_role("auditor", "audit", "export", "--out", str(out), "--json")
    assert_exit(result, 0)
    data = result.json()
    entries = read_export(out)
    assert data == {"exported": len(entries), "out": str(out)}
    assert [e.seq for e in entries] == list(range(1, len(entries) + 1))
    report = verify_chain(entries)
    assert report.ok and report.checked == len(entries)
    assert entries[0].action == "branch.init"
    if os.name == "posix":
        assert stat.S_IMODE(out.stat().st_mode) == 0o600
    # The export itself is audited, after the entries it contains.
    exported_again = tmp_path / "again.jsonl"
    text = cli_branch.as_role("manager", "audit", "export", "--out", str(exported_again))
    assert_exit(text, 0)
    later = read_export(exported_again)
    assert f"已导出 {len(later)} 条" in text.stdout and f"exported {len(later)} entries" in text.stdout
    assert [e.action for e in later[len(entries) :]].count("audit.export") == 1
    assert verify_chain(later).ok
    # An auditor re-verifying a doctored export sees it too.
    doctored = [AuditEntry(**{**e.__dict__, "outcome": "failure"}) if e.seq == 2 else e for e in entries]
    assert verify_chain(doctored).first_broken_seq == 2


def test_audit_export_of_a_tampered_log_still_exports_and_shows_the_break(
    cli_branch: CliBranch, tmp_path: Path
) -> None:
    tamper(cli_branch, 5)
    out = tmp_path / "audit.jsonl"
    assert_exit(cli_branch.as_role("auditor", "audit", "export", "--out", str(out)), 0)
    assert verify_chain(read_export(out)).first_broken_seq == 5


def test_audit_export_to_a_missing_folder_is_refused_before_sign_in(
    cli_branch: CliBranch, tmp_path: Path
) -> None:
    out = tmp_path / "no-such-folder" / "audit.jsonl"
    result = cli_branch.as_role("auditor", "audit", "export", "--out", str(out))
    assert_message(result, "无法写入", "Cannot write", code=2)
    assert str(out) in result.stderr
    assert not out.exists()


def test_audit_export_to_a_folder_is_refused(cli_branch: CliBranch, tmp_path: Path) -> None:
    result = cli_branch.as_role("auditor", "audit", "export", "--out", str(tmp_path))
    assert_message(result, "无法写入", "Cannot write", code=2)
