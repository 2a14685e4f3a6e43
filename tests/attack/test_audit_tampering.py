"""What a local administrator can do to the audit log with the data folder, sqlcipher3 and a key slot.

Each attack leaves a hash chain that verifies on its own: an older copy of ``branch.db`` put back,
the tail of the log cut off, entries deleted and the chain recomputed, the append-only triggers
dropped, the clock set back. Before the witness (store/audit_witness.py), the trigger check and the
time-order check, ``audit verify`` called every one of them intact; now each is reported at the
next sign-in (recorded, the user told) and by ``audit verify``.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import keyring
import pytest
import sqlcipher3

from desktop_app.domain.audit_chain import GENESIS_HASH, compute_hash
from desktop_app.domain.branch_time import utc_timestamp
from desktop_app.domain.roles import Role
from desktop_app.services import audit_review
from desktop_app.services.sign_in import sign_in, sign_out
from desktop_app.services.signed_in import SignedIn
from desktop_app.store.audit_repository import AuditRepository, _row_to_entry
from desktop_app.store.device_secret import SERVICE
from tests.conftest import ADMIN, Branch, Clock
from tests.support.database_key import database_key

DB_FILES = ("branch.db", "branch.db-journal", "branch.db-wal", "branch.db-shm")


def sign_in_and_out(branch: Branch, role: Role, times: int = 1) -> None:
    clock = branch.ctx.clock
    assert isinstance(clock, Clock)
    for _ in range(times):
        clock.advance(60)
        ctx = sign_in(branch.context(), *branch.users[role])
        sign_out(ctx)


def signed_in(branch: Branch, role: Role) -> SignedIn:
    ctx = sign_in(branch.context(), *branch.users[role])
    return ctx


@contextmanager
def behind_the_apps_back(branch: Branch) -> Iterator[sqlcipher3.Connection]:
    """The database opened with plain sqlcipher3 and the IT admin's key slot, as an attacker would."""
    key = database_key(branch.ctx.paths.root, *ADMIN)
    connection = sqlcipher3.connect(str(branch.ctx.paths.database), isolation_level=None)
    connection.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    try:
        yield connection
    finally:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        connection.close()


def rechain(connection: sqlcipher3.Connection) -> None:
    """Renumber the remaining entries 1..n and recompute every hash (the triggers dropped first)."""
    rows = connection.execute(
        "SELECT seq, ts, actor_id, actor_username, actor_role, action, target_type, target_id, outcome, "
        "reason, details, prev_hash, hash FROM audit_log ORDER BY seq"
    ).fetchall()
    connection.execute("DELETE FROM audit_log")
    prev = GENESIS_HASH
    for number, row in enumerate(rows, start=1):
        entry = replace(_row_to_entry(row), seq=number, prev_hash=prev, hash="")
        entry = replace(entry, hash=compute_hash(entry))
        connection.execute(
            "INSERT INTO audit_log VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (number, *row[1:11], prev, entry.hash),
        )
        prev = entry.hash


def drop_audit_triggers(connection: sqlcipher3.Connection) -> None:
    connection.execute("DROP TRIGGER audit_log_no_update")
    connection.execute("DROP TRIGGER audit_log_no_delete")


def put_audit_triggers_back(connection: sqlcipher3.Connection) -> None:
    """A careful attacker leaves the schema as it was."""
    for event in ("UPDATE", "DELETE"):
        connection.execute(
            f"CREATE TRIGGER audit_log_no_{event.lower()} BEFORE {event} ON audit_log "
            "BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END"
        )


def actions(ctx: SignedIn) -> list[str]:
    """The actions in order, without the anomaly alerts they raised (services/security_alerts.py)."""
    assert ctx.db is not None
    return [
        entry.action for entry in AuditRepository(ctx.db).iter_all() if not entry.action.startswith("alert.")
    ]


def last_entry_of(ctx: SignedIn, action: str) -> dict[str, object]:
    assert ctx.db is not None
    found = [entry for entry in AuditRepository(ctx.db).iter_all() if entry.action == action]
    assert found, f"no {action} entry"
    assert found[-1].outcome == "failure"
    return found[-1].details


def codes(ctx: SignedIn) -> list[str]:
    assert ctx.session is not None
    return [warning.code for warning in ctx.session.notices]


def test_restoring_an_older_branch_db_is_reported(branch: Branch, tmp_path: Path) -> None:
    sign_in_and_out(branch, Role.MANAGER)
    aside = tmp_path / "aside"
    aside.mkdir()
    root = branch.ctx.paths.root
    for name in DB_FILES:  # the copy an administrator made last week (with its WAL, if any)
        if (root / name).exists():
            shutil.copy2(root / name, aside / name)
    sign_in_and_out(branch, Role.AGENT, times=3)  # the week's work, which the copy lacks

    for name in DB_FILES:  # put last week's copy back: remove today's WAL and shared memory too
        (root / name).unlink(missing_ok=True)
        if (aside / name).exists():
            shutil.copy2(aside / name, root / name)

    auditor = signed_in(branch, Role.AUDITOR)  # the sign-in still works
    report = audit_review.verify(auditor)
    assert not report.ok  # the verify of the session that found it says so too
    assert report.witness.state == "behind"
    assert codes(auditor) == ["audit_rollback_detected"]
    warning = auditor.session.notices[0]  # type: ignore[union-attr]
    assert "旧副本" in warning.zh and "older copy of branch.db" in warning.en
    details = last_entry_of(auditor, "audit.rollback_detected")
    assert details["witness_state"] == "behind"
    assert int(details["witness_seq"]) > int(details["log_seq"])  # type: ignore[call-overload]
    sign_out(auditor)

    # Recorded once; the witness started again, so the next verify is clean and lists the finding.
    auditor = signed_in(branch, Role.AUDITOR)
    assert codes(auditor) == []
    again = audit_review.verify(auditor)
    assert again.ok and again.witness.state == "matches"
    assert [action for _, action in again.recorded_findings] == ["audit.rollback_detected"]
    sign_out(auditor)


def test_cutting_off_the_tail_of_the_log_is_reported(branch: Branch) -> None:
    sign_in_and_out(branch, Role.AGENT, times=3)
    with behind_the_apps_back(branch) as connection:
        drop_audit_triggers(connection)
        last = connection.execute("SELECT max(seq) FROM audit_log").fetchone()[0]
        connection.execute("DELETE FROM audit_log WHERE seq > ?", (last - 4,))
        put_audit_triggers_back(connection)

    manager = signed_in(branch, Role.MANAGER)
    assert not audit_review.verify(manager).ok
    assert codes(manager) == ["audit_rollback_detected"]
    details = last_entry_of(manager, "audit.rollback_detected")
    assert (details["witness_state"], details["witness_seq"], details["log_seq"]) == (
        "behind",
        last,
        last - 4,
    )
    assert f"{last - 3}–{last}" in manager.session.notices[0].en  # type: ignore[union-attr]
    sign_out(manager)


@pytest.mark.parametrize("then_write_more", [False, True])
def test_deleting_entries_and_rechaining_is_reported(branch: Branch, then_write_more: bool) -> None:
    sign_in_and_out(branch, Role.AGENT, times=3)
    with behind_the_apps_back(branch) as connection:
        drop_audit_triggers(connection)
        # remove the agent's first sign-in and sign-out, renumber and recompute the whole chain
        first = connection.execute(
            "SELECT min(seq) FROM audit_log WHERE actor_username = 'zhangwei'"
        ).fetchone()[0]
        connection.execute("DELETE FROM audit_log WHERE seq IN (?, ?)", (first, first + 1))
        if then_write_more:  # pad the log back to its length with two plausible entries at the end
            last = connection.execute("SELECT max(seq) FROM audit_log").fetchone()[0]
            connection.execute(
                "INSERT INTO audit_log SELECT seq + 2, ts, actor_id, actor_username, actor_role, action, "
                "target_type, target_id, outcome, reason, details, prev_hash, hash FROM audit_log "
                "WHERE seq > ?",
                (last - 2,),
            )
        rechain(connection)
        put_audit_triggers_back(connection)

    admin = sign_in(branch.context(), *ADMIN)
    report = audit_review.verify(admin)
    assert not report.ok
    assert report.chain.ok  # the recomputed chain verifies on its own
    assert codes(admin) == ["audit_rollback_detected"]
    state = last_entry_of(admin, "audit.rollback_detected")["witness_state"]
    # shorter: the witnessed entry is gone; padded: the entry at its place is another one
    assert state == ("diverged" if then_write_more else "behind")
    sign_out(admin)


def test_a_rechained_log_that_reaches_the_witness_is_reported_as_rewritten(branch: Branch) -> None:
    sign_in_and_out(branch, Role.AGENT, times=2)
    with behind_the_apps_back(branch) as connection:
        drop_audit_triggers(connection)
        # change who did it (an UPDATE), then recompute every hash from there on
        connection.execute(
            "UPDATE audit_log SET actor_username = 'lina' WHERE seq = "
            "(SELECT min(seq) FROM audit_log WHERE actor_username = 'zhangwei')"
        )
        rechain(connection)
        put_audit_triggers_back(connection)

    auditor = signed_in(branch, Role.AUDITOR)
    assert not audit_review.verify(auditor).ok
    assert codes(auditor) == ["audit_rollback_detected"]
    details = last_entry_of(auditor, "audit.rollback_detected")
    assert details["witness_state"] == "diverged" and details["found_hash"] != details["witness_hash"]
    assert "recomputed" in auditor.session.notices[0].en  # type: ignore[union-attr]
    sign_out(auditor)


def test_dropped_or_neutered_triggers_are_put_back_and_recorded(branch: Branch) -> None:
    with behind_the_apps_back(branch) as connection:
        connection.execute("DROP TRIGGER audit_log_no_delete")
        connection.execute("DROP TRIGGER destruction_records_no_update")
        connection.execute("DROP TRIGGER audit_log_no_update")  # replaced by one that does nothing
        connection.execute(
            "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT 1; END"
        )

    agent = signed_in(branch, Role.AGENT)
    assert agent.db is not None
    with pytest.raises(sqlcipher3.DatabaseError, match="append-only"):
        agent.db.execute("DELETE FROM audit_log WHERE seq = 1")
    assert codes(agent) == ["append_only_triggers_restored"]
    restored = set(last_entry_of(agent, "audit.triggers_restored")["triggers"])  # type: ignore[call-overload]
    assert restored == {"audit_log_no_delete", "audit_log_no_update", "destruction_records_no_update"}
    with pytest.raises(sqlcipher3.DatabaseError, match="append-only"):
        agent.db.execute("UPDATE audit_log SET reason = 'x' WHERE seq = 1")
    sign_out(agent)

    # Dropped while someone is signed in: the next verify puts them back and says so.
    auditor = signed_in(branch, Role.AUDITOR)
    assert auditor.db is not None
    auditor.db.execute("DROP TRIGGER notice_versions_no_delete")
    report = audit_review.verify(auditor)
    assert not report.ok and report.restored_triggers == ("notice_versions_no_delete",)
    assert actions(auditor)[-2:] == ["audit.triggers_restored", "audit.verify"]
    sign_out(auditor)


def test_time_going_backwards_is_reported_where_it_happens(branch: Branch, clock: Clock) -> None:
    sign_in_and_out(branch, Role.AGENT)
    clock.advance(-3600)  # the PC's clock set back an hour to backdate what follows
    manager = signed_in(branch, Role.MANAGER)
    assert manager.db is not None
    backdated = utc_timestamp(clock())
    first_backdated = next(e.seq for e in AuditRepository(manager.db).iter_all() if e.ts == backdated)
    report = audit_review.verify(manager)
    assert not report.ok and report.chain.ok
    (regression,) = report.time_regressions
    assert (regression.seq, regression.previous_seq) == (first_backdated, first_backdated - 1)
    assert regression.seconds_back == pytest.approx(3600)
    sign_out(manager)


def test_removing_the_witness_from_the_keyring_is_reported(branch: Branch) -> None:
    sign_in_and_out(branch, Role.AGENT)
    config = branch.ctx.require_config()
    keyring.delete_password(SERVICE, f"{config.branch_id}:audit-head")

    manager = signed_in(branch, Role.MANAGER)
    assert not audit_review.verify(manager).ok
    assert codes(manager) == ["audit_witness_missing"]
    assert last_entry_of(manager, "audit.witness_missing")["witness_state"] == "missing"
    sign_out(manager)
    # a new witness was set after the report
    assert keyring.get_password(SERVICE, f"{config.branch_id}:audit-head")
    manager = signed_in(branch, Role.MANAGER)
    assert codes(manager) == [] and audit_review.verify(manager).ok
    sign_out(manager)


def test_a_dropped_consent_trigger_in_clients_db_is_put_back_at_sign_in(branch: Branch) -> None:
    manager = signed_in(branch, Role.MANAGER)  # holds the client-data key: clients.db is attached
    assert manager.db is not None
    manager.db.execute("DROP TRIGGER client_data.consent_events_no_update")
    sign_out(manager)

    manager = signed_in(branch, Role.MANAGER)
    assert manager.db is not None
    triggers = manager.db.execute("SELECT name FROM client_data.sqlite_master WHERE type = 'trigger'")
    assert "consent_events_no_update" in {row[0] for row in triggers}
    assert codes(manager) == ["append_only_triggers_restored"]
    restored = last_entry_of(manager, "audit.triggers_restored")["triggers"]
    assert restored == ["client_data.consent_events_no_update"]
    sign_out(manager)
