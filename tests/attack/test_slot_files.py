"""Key-slot files put back, deleted or brought from elsewhere are named precisely (issue 10, section 3):
an old slot file after a rekey used to be reported as "database corrupted, restore from a backup",
advice that would lose data; a missing recovery slot made the recovery code "wrong"."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from desktop_app.domain.roles import Role
from desktop_app.services.key_rotation import RecoveryFailed, recover_access, rotate_database_key
from desktop_app.services.sign_in import sign_in, sign_out
from desktop_app.services.signed_in import SignedIn
from desktop_app.store.audit_repository import AuditRepository
from desktop_app.store.database import CorruptDatabase, SlotFileMismatch
from desktop_app.store.key_slots import RECOVERY_NAME, KeySlotFileError
from tests.conftest import ADMIN, Branch

SignIn = Callable[[Role], SignedIn]
PAGE = 4096


def test_an_old_slot_file_after_a_rekey_is_named_not_called_corruption(
    branch: Branch, signed_in: SignIn
) -> None:
    paths = branch.ctx.paths
    old = paths.key_slots.read_bytes()
    admin = signed_in(Role.IT_ADMIN)
    rotate_database_key(admin)
    sign_out(admin)
    paths.key_slots.write_bytes(old)
    with pytest.raises(SlotFileMismatch) as info:
        sign_in(branch.context(), *branch.users[Role.MANAGER])
    assert not isinstance(info.value, CorruptDatabase)
    assert "keyslots.json" in info.value.zh and "same backup" in info.value.en


def test_a_damaged_first_page_is_still_called_corruption(branch: Branch) -> None:
    path = branch.ctx.paths.database
    data = bytearray(path.read_bytes())
    data[200] ^= 0xFF
    path.write_bytes(bytes(data))
    with pytest.raises(CorruptDatabase):
        sign_in(branch.context(), *branch.users[Role.MANAGER])


def test_a_slot_file_from_another_branch_is_named(branch: Branch) -> None:
    paths = branch.ctx.paths
    data = json.loads(paths.key_slots.read_text(encoding="utf-8"))
    data["branch_id"] = "00000000-0000-0000-0000-000000000000"
    paths.key_slots.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(KeySlotFileError) as info:
        sign_in(branch.context(), *branch.users[Role.MANAGER])
    assert "另一家门店" in info.value.zh and "another branch" in info.value.en


def test_a_missing_slot_file_is_named(branch: Branch) -> None:
    branch.ctx.paths.key_slots.unlink()
    with pytest.raises(KeySlotFileError) as info:
        sign_in(branch.context(), *branch.users[Role.MANAGER])
    assert "找不到密钥槽文件" in info.value.zh and "missing" in info.value.en


def test_a_deleted_recovery_slot_is_named_and_audited(branch: Branch) -> None:
    paths = branch.ctx.paths
    data = json.loads(paths.key_slots.read_text(encoding="utf-8"))
    data["slots"] = [s for s in data["slots"] if s["name"] != RECOVERY_NAME]
    paths.key_slots.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(RecoveryFailed) as info:
        recover_access(branch.context(), branch.recovery_code, ADMIN[0])
    assert "恢复槽" in info.value.zh and "no recovery slot" in info.value.en
    ctx = sign_in(branch.context(), *ADMIN)
    session = ctx.session
    assert [n.code for n in session.notices] == ["recovery_slot_missing"]
    assert ctx.db is not None
    missing = [e for e in AuditRepository(ctx.db).iter_all() if e.action == "keys.recovery_slot_missing"]
    assert len(missing) == 1 and missing[0].outcome == "failure"
    sign_out(ctx)
