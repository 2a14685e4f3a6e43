"""The audit chain's witness in the keyring: kept in step, allowed to trail after a crash, absent
without a keyring; the writer coalesces bursts; the trigger registry matches the migrations."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

import keyring
import pytest
import sqlcipher3

from desktop_app.domain.audit_chain import ChainHead, WitnessState
from desktop_app.domain.roles import Role
from desktop_app.services import audit_review
from desktop_app.services.audit_integrity import RollbackNotDetectable, witness_message
from desktop_app.services.audit_trail import record
from desktop_app.services.branch_setup import BranchDetails, init_branch
from desktop_app.services.context import build_context
from desktop_app.services.sign_in import sign_in, sign_out
from desktop_app.services.signed_in import SignedIn
from desktop_app.store.append_only_triggers import (
    APPEND_ONLY_TRIGGERS,
    damaged_everywhere,
    damaged_triggers,
    restore_everywhere,
)
from desktop_app.store.audit_repository import AuditRepository
from desktop_app.store.audit_witness import WitnessKeyring, WitnessWriter, entry_name, witness_for
from desktop_app.store.device_secret import SERVICE
from tests.conftest import ADMIN, FAST_KDF, Branch
from tests.support.second_factor import NO_TOTP


def stored_witness(branch: Branch) -> ChainHead | None:
    return WitnessKeyring(branch.ctx.require_config().branch_id).read()


def head(ctx: SignedIn) -> ChainHead | None:
    assert ctx.db is not None
    return AuditRepository(ctx.db).head()


def test_the_witness_follows_the_chain_head(branch: Branch, signed_in: Callable[[Role], SignedIn]) -> None:
    manager = signed_in(Role.MANAGER)
    with manager.db.transaction():  # type: ignore[union-attr]
        record(manager, "test.action", target_type="test")
    witness = witness_for(manager.db)  # type: ignore[arg-type]
    assert witness is not None and witness.writer.flush()
    assert stored_witness(branch) == head(manager)
    sign_out(manager)
    final = stored_witness(branch)
    assert final is not None and final.seq > 0
    auditor = signed_in(Role.AUDITOR)
    assert auditor.session is not None and auditor.session.notices == []
    assert audit_review.verify(auditor).witness.state is WitnessState.MATCHES


def test_a_witness_that_trails_the_log_is_accepted_and_caught_up(branch: Branch) -> None:
    """A crash after a commit, before the witness was written: the log is ahead, nothing is wrong."""
    ctx = sign_in(branch.context(), *ADMIN)
    earlier = head(ctx)
    assert earlier is not None
    for n in range(3):
        with ctx.db.transaction():  # type: ignore[union-attr]
            record(ctx, "test.action", target_type="test", target_id=str(n))
    sign_out(ctx)
    WitnessKeyring(branch.ctx.require_config().branch_id).write(earlier)  # as if the last writes were lost

    again = sign_in(branch.context(), *ADMIN)
    assert again.session is not None and again.session.notices == []
    result = audit_review.verify(again)
    assert result.ok and result.witness.state in (WitnessState.AHEAD, WitnessState.MATCHES)
    sign_out(again)
    assert stored_witness(branch) is not None and stored_witness(branch).seq > earlier.seq + 3  # type: ignore[union-attr]


def test_a_witness_edited_by_hand_counts_as_missing(branch: Branch) -> None:
    config = branch.ctx.require_config()
    keyring.set_password(SERVICE, entry_name(config.branch_id), "999999:not-a-hash")
    ctx = sign_in(branch.context(), *ADMIN)
    assert ctx.session is not None and [w.code for w in ctx.session.notices] == ["audit_witness_missing"]
    sign_out(ctx)
    assert stored_witness(branch) is not None


def test_without_a_keyring_rollback_is_said_to_be_undetectable(data_dir: Path) -> None:
    ctx = build_context(data_dir)
    ctx = init_branch(
        ctx,
        BranchDetails("SZ009", "深圳宝安店", "示例地产经纪有限公司", "400-000-0000"),
        admin_username=ADMIN[0],
        admin_display_name="IT",
        admin_password=ADMIN[1],
        use_keyring=False,
        kdf=FAST_KDF,
        security=dict(NO_TOTP),
    ).signed_in
    sign_out(ctx)
    ctx = sign_in(build_context(data_dir), *ADMIN)
    assert ctx.session is not None and ctx.session.notices == []
    result = audit_review.verify(ctx)
    assert result.ok and result.witness.state is WitnessState.UNAVAILABLE
    message = witness_message(result.witness)
    assert isinstance(message, RollbackNotDetectable)
    assert "无法发现" in message.zh and "cannot be detected" in message.en
    branch_id = ctx.require_config().branch_id
    sign_out(ctx)
    assert keyring.get_password(SERVICE, entry_name(branch_id)) is None


def test_the_writer_coalesces_a_burst_and_flushes_the_last_head() -> None:
    written: list[ChainHead] = []
    current = [ChainHead(1, "0" * 64)]
    release = threading.Event()

    def slow_write(head: ChainHead) -> None:
        release.wait(5)
        time.sleep(0.01)
        written.append(head)

    writer = WitnessWriter(slow_write, lambda: current[0], min_interval=0.2)
    writer.after_commit()
    for seq in range(2, 200):
        current[0] = ChainHead(seq, f"{seq:064x}")
        writer.after_commit()
    started = time.perf_counter()
    release.set()
    assert writer.flush(timeout=5)
    assert time.perf_counter() - started < 1  # flush does not wait for the interval
    assert written[-1] == ChainHead(199, f"{199:064x}")
    assert len(written) <= 3  # the first head, perhaps one in flight, then the newest
    seqs = [head.seq for head in written]
    assert seqs == sorted(seqs)  # never goes back
    writer.close()


def test_a_disarmed_writer_never_writes() -> None:
    written: list[ChainHead] = []
    writer = WitnessWriter(written.append, lambda: ChainHead(5, "a" * 64), armed=False)
    writer.after_commit()
    assert writer.flush(timeout=1) and written == []
    writer.arm()
    writer.after_commit()
    writer.close()
    assert written == [ChainHead(5, "a" * 64)]


def test_the_trigger_registry_matches_the_migrations(
    branch: Branch, signed_in: Callable[[Role], SignedIn]
) -> None:
    """Every expected trigger exists as the migrations wrote it, in branch.db and in clients.db."""
    manager = signed_in(Role.MANAGER)  # clients.db attached
    assert manager.db is not None
    assert damaged_everywhere(manager.db) == []
    found: set[str] = set()
    for schema in ("main", "client_data"):
        rows = manager.db.execute(f"SELECT name FROM {schema}.sqlite_master WHERE type = 'trigger'")
        found |= {row[0] for row in rows}
    assert set(APPEND_ONLY_TRIGGERS) <= found
    admin = signed_in(Role.IT_ADMIN)  # branch.db only
    assert admin.db is not None and damaged_triggers(admin.db) == []


def test_triggers_of_an_attached_database_are_checked_and_put_back(
    branch: Branch, signed_in: Callable[[Role], SignedIn], tmp_path: Path
) -> None:
    """The client data may move to a second database attached to the branch database."""
    ctx = signed_in(Role.IT_ADMIN)
    assert ctx.db is not None
    ctx.db.execute(f"ATTACH DATABASE '{tmp_path / 'aux.db'}' AS aux KEY ''")
    ctx.db.execute("CREATE TABLE aux.consent_events (id INTEGER PRIMARY KEY, event TEXT)")
    assert damaged_everywhere(ctx.db) == ["aux.consent_events_no_update"]
    restore_everywhere(ctx.db, damaged_everywhere(ctx.db))
    assert damaged_everywhere(ctx.db) == []
    ctx.db.execute("INSERT INTO aux.consent_events (event) VALUES ('granted')")
    with pytest.raises(sqlcipher3.DatabaseError, match="never change"):
        ctx.db.execute("UPDATE aux.consent_events SET event = 'refused'")
    ctx.db.execute("DETACH DATABASE aux")
