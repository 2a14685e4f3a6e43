"""Restoring a backup (issue 15 §3): into a new folder or in place of the live data (kept aside
first); the audit chain continues with ``backup.restored``; no false rollback alarm afterwards; a
client destroyed after the backup never comes back."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop_app.domain.client_record import ClientDraft
from desktop_app.domain.errors import InvalidInput, WrongCredentials
from desktop_app.domain.roles import Role
from desktop_app.services import audit_review
from desktop_app.services.backup_restore import RestoreRefused
from desktop_app.services.backups import create_backup, restore_backup
from desktop_app.services.client_deletion import DeletionReason, delete_client
from desktop_app.services.client_directory import list_clients
from desktop_app.services.client_intake import create_client
from desktop_app.services.context import build_context
from desktop_app.services.sign_in import sign_in, sign_out
from desktop_app.services.signed_in import SignedIn
from desktop_app.store.audit_repository import AuditRepository
from desktop_app.store.backup_repository import BackupRepository
from tests.conftest import Branch

SignIn = Callable[[Role], SignedIn]


def _ids(me: SignedIn) -> set[int]:
    return {row.id for row in list_clients(me, limit=200)}


def _entries(me: SignedIn, action: str) -> list[dict[str, object]]:
    return [dict(e.details or {}) for e in AuditRepository(me.db).iter_all() if e.action == action]


def test_restore_into_a_new_folder_gives_a_complete_branch_and_leaves_the_live_one(
    branch: Branch, signed_in: SignIn, tmp_path: Path
) -> None:
    manager = signed_in(Role.MANAGER)
    kept = create_client(manager, ClientDraft(name="欧阳春花", phone="13987654321"))
    it = signed_in(Role.IT_ADMIN)
    backup = create_backup(it, tmp_path)
    create_client(manager, ClientDraft(name="司马光明", phone="13611112222"))  # after the backup
    live_before = sorted(p.name for p in branch.ctx.paths.root.iterdir())
    username, password = branch.users[Role.IT_ADMIN]
    new_dir = tmp_path / "restored"
    result = restore_backup(
        branch.context(), backup.path, username=username, password=password, target=new_dir
    )
    assert result.data_dir == new_dir.resolve() and result.kept_aside is None
    assert stat.S_IMODE(new_dir.stat().st_mode) == 0o700
    assert sorted(p.name for p in branch.ctx.paths.root.iterdir()) == live_before
    assert result.backup_audit_seq == backup.audit_seq and result.replaced_audit_seq is not None
    me = sign_in(build_context(new_dir, clock=branch.ctx.clock), username, password)
    try:
        restored = _entries(me, "backup.restored")
        assert restored and restored[-1]["backup_audit_seq"] == backup.audit_seq
        assert audit_review.verify(me).chain.ok
    finally:
        sign_out(me)
    m_user, m_password = branch.users[Role.MANAGER]
    manager2 = sign_in(build_context(new_dir, clock=branch.ctx.clock), m_user, m_password)
    try:
        assert _ids(manager2) == {kept.id}
    finally:
        sign_out(manager2)


def test_replacing_the_current_data_keeps_it_aside_and_continues_the_chain_without_alarm(
    branch: Branch, signed_in: SignIn, tmp_path: Path
) -> None:
    it = signed_in(Role.IT_ADMIN)
    backup = create_backup(it, tmp_path)
    manager = signed_in(Role.MANAGER)
    later = create_client(manager, ClientDraft(name="司马光明", phone="13611112222"))
    it.close()
    manager.close()
    live = branch.ctx.paths.root
    state_before = (live / "signin-state.json").read_bytes()
    username, password = branch.users[Role.IT_ADMIN]
    with pytest.raises(InvalidInput):
        restore_backup(branch.context(), backup.path, username=username, password=password)
    result = restore_backup(
        branch.context(), backup.path, username=username, password=password, replace_current=True
    )
    assert result.kept_aside is not None and result.kept_aside.parent == live.parent
    assert result.kept_aside.name.startswith(f"{live.name}.before-restore-")
    assert stat.S_IMODE(result.kept_aside.stat().st_mode) == 0o700
    assert (result.kept_aside / "branch.db").exists()
    assert (live / "signin-state.json").read_bytes() == state_before
    me = sign_in(branch.context(), username, password)
    try:
        notices = [n.code for n in me.session.notices]
        assert not [c for c in notices if "rollback" in c or "witness" in c], notices
        actions = [e.action for e in AuditRepository(me.db).iter_all()]
        assert "audit.rollback_detected" not in actions and "audit.witness_missing" not in actions
        restored = _entries(me, "backup.restored")[-1]
        assert restored["replaced_audit_seq"] and restored["kept_aside"] == str(result.kept_aside)
        assert audit_review.verify(me).ok
        assert BackupRepository(me.db).last_run("restore") is not None
    finally:
        sign_out(me)
    m_user, m_password = branch.users[Role.MANAGER]
    manager2 = sign_in(branch.context(), m_user, m_password)
    try:
        assert later.id not in _ids(manager2)  # made after the backup: gone with the rollback
    finally:
        sign_out(manager2)


def test_a_client_destroyed_after_the_backup_never_comes_back(
    branch: Branch, signed_in: SignIn, tmp_path: Path
) -> None:
    manager = signed_in(Role.MANAGER)
    gone = create_client(manager, ClientDraft(name="欧阳春花", phone="13987654321"))
    stays = create_client(manager, ClientDraft(name="司马光明", phone="13611112222"))
    it = signed_in(Role.IT_ADMIN)
    backup = create_backup(it, tmp_path)
    delete_client(manager, gone.id, DeletionReason.DELETION_REQUEST, request_reference="REQ-1")
    manager.close()
    it.close()
    username, password = branch.users[Role.IT_ADMIN]
    result = restore_backup(
        branch.context(), backup.path, username=username, password=password, replace_current=True
    )
    assert result.pending_destructions == 1 and result.live_checked
    for role in (Role.AGENT, Role.MANAGER):
        user, secret = branch.users[role]
        me = sign_in(branch.context(), user, secret)
        try:
            ids = _ids(me)
            assert gone.id not in ids and (stays.id in ids or role is Role.AGENT)
            if role is Role.AGENT:
                reapplied = _entries(me, "backup.destruction_reapplied")
                assert reapplied and reapplied[0]["found"] is True
        finally:
            sign_out(me)


def test_only_an_it_admin_restores_and_a_wrong_password_is_refused_like_sign_in(
    branch: Branch, signed_in: SignIn, tmp_path: Path
) -> None:
    backup = create_backup(signed_in(Role.IT_ADMIN), tmp_path)
    m_user, m_password = branch.users[Role.MANAGER]
    with pytest.raises(RestoreRefused):
        restore_backup(
            branch.context(), backup.path, username=m_user, password=m_password, target=tmp_path / "x"
        )
    username, _ = branch.users[Role.IT_ADMIN]
    with pytest.raises(WrongCredentials):
        restore_backup(
            branch.context(), backup.path, username=username, password="wrong", target=tmp_path / "y"
        )
    occupied = tmp_path / "occupied"
    occupied.mkdir()
    (occupied / "keep.txt").write_text("x", encoding="utf-8")
    _, password = branch.users[Role.IT_ADMIN]
    with pytest.raises(RestoreRefused):
        restore_backup(branch.context(), backup.path, username=username, password=password, target=occupied)
    assert not (tmp_path / "x").exists() and not (tmp_path / "y").exists()
    assert os.listdir(occupied) == ["keep.txt"]


def test_the_recovery_code_restores_on_a_pc_without_the_device_secret(
    branch: Branch, signed_in: SignIn, tmp_path: Path, _test_keyring: Path
) -> None:
    backup = create_backup(signed_in(Role.IT_ADMIN), tmp_path)
    _test_keyring.unlink()  # another PC: no device secret, no witness
    username, _ = branch.users[Role.IT_ADMIN]
    result = restore_backup(
        branch.context(),
        backup.path,
        username=username,
        recovery_code=branch.recovery_code,
        target=tmp_path / "new",
    )
    assert (result.data_dir / "branch.db").exists()
    assert result.live_checked  # the live branch's own recovery slot opened too: its destructions were read


def test_the_destruction_certificate_says_when_the_data_leaves_the_backups(
    signed_in: SignIn, tmp_path: Path
) -> None:
    import subprocess

    from desktop_app.services.client_deletion import destruction_certificate_pdf

    manager = signed_in(Role.MANAGER)
    gone = create_client(manager, ClientDraft(name="欧阳春花", phone="13987654321"))
    destroyed = delete_client(manager, gone.id, DeletionReason.DELETION_REQUEST, request_reference="REQ-2")
    path = tmp_path / "certificate.pdf"
    path.write_bytes(destruction_certificate_pdf(manager, destroyed.id))
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    flat = "".join(text.split())
    keep = manager.policy.backup_keep_days
    assert f"最迟{keep}天内轮换删除" in flat and f"within{keep}daysastheyrotate" in flat


def test_a_replace_that_fails_after_the_live_folder_moved_puts_it_back(
    branch: Branch, signed_in: SignIn, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Regression: a failure after the live folder was renamed aside (copying the sign-in state into the
    restored files) left the branch under ``.before-restore-…``: the app found no branch where it looks."""
    from desktop_app.services import backup_restore

    it = signed_in(Role.IT_ADMIN)
    backup = create_backup(it, tmp_path)
    it.close()
    live = branch.ctx.paths.root
    before = sorted(p.name for p in live.iterdir())

    def disk_gone(*_args: object) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(backup_restore, "_copy_kept_files", disk_gone)
    username, password = branch.users[Role.IT_ADMIN]
    with pytest.raises(OSError):
        restore_backup(
            branch.context(), backup.path, username=username, password=password, replace_current=True
        )
    assert sorted(p.name for p in live.iterdir()) == before
    assert not list(live.parent.glob(f"{live.name}.before-restore-*"))
    assert not list(live.parent.glob(f".{live.name}*"))  # no restoring folder left beside it
    sign_out(sign_in(branch.context(), username, password))  # the branch opens as before
