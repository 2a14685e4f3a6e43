"""Rotating the database key, including a crash at each step of the rotation."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable

import pytest

from desktop_app.domain.errors import PermissionDenied
from desktop_app.domain.roles import Role
from desktop_app.services import audit_review
from desktop_app.services.key_rotation import recover_access, rotate_database_key
from desktop_app.services.sign_in import sign_in, sign_out
from desktop_app.services.signed_in import SignedIn
from desktop_app.services.staff_accounts import add_staff, list_staff
from desktop_app.store.audit_repository import AuditRepository
from desktop_app.store.fault_points import EXIT_CODE
from tests.conftest import ADMIN, ROOT, Branch
from tests.support.database_key import database_key, read_staff_independently, staff_rows

FAULT_POINTS = ["rekey:pending-written", "rekey:database-rekeyed", "rekey:slots-replaced"]

REKEY_SCRIPT = r"""
import sys
from desktop_app.services.context import build_context
from desktop_app.services.key_rotation import rotate_database_key
from desktop_app.services.sign_in import sign_in
from tests.support.contexts import context_of
ctx = build_context(sys.argv[1], clock=lambda: float(sys.argv[4]))  # the test's clock: time order holds
ctx = sign_in(context_of(ctx), sys.argv[2], sys.argv[3])
rotate_database_key(ctx)
ctx.close()
"""


def fingerprint(branch: Branch) -> str:
    return str(json.loads(branch.ctx.paths.key_slots.read_text(encoding="utf-8"))["key_fingerprint"])


def sign_in_everyone(branch: Branch) -> None:
    for username, password in branch.users.values():
        ctx = sign_in(branch.context(), username, password)
        sign_out(ctx)


def test_rotation_keeps_everyone_in_and_the_old_key_out(
    branch: Branch, signed_in: Callable[[Role], SignedIn]
) -> None:
    root, db_path = branch.ctx.paths.root, branch.ctx.paths.database
    old_key = database_key(root, *ADMIN)
    old_fingerprint = fingerprint(branch)
    admin = signed_in(Role.IT_ADMIN)
    before = staff_rows(read_staff_independently(db_path, old_key))

    assert rotate_database_key(admin) == 5  # four staff slots and the recovery slot
    assert admin.session is not None and admin.session.db_key != old_key
    add_staff(admin, "after.rekey", "轮换后", Role.AGENT)  # the session carries on with the new key
    sign_out(admin)

    new_key = database_key(root, *ADMIN)
    assert new_key != old_key and fingerprint(branch) != old_fingerprint
    assert not branch.ctx.paths.key_slots_pending.exists()
    assert read_staff_independently(db_path, old_key).returncode != 0
    after = staff_rows(read_staff_independently(db_path, new_key))
    assert after == sorted([*before, ["after.rekey", "轮换后", "agent"]])

    sign_in_everyone(branch)
    auditor = signed_in(Role.AUDITOR)
    assert auditor.db is not None
    phases = [
        e.details.get("phase") for e in AuditRepository(auditor.db).iter_all() if e.action == "keys.rekey"
    ]
    assert phases == ["started", "completed"]
    assert audit_review.verify(auditor).ok


def test_recovery_code_still_works_after_rotation(
    branch: Branch, signed_in: Callable[[Role], SignedIn]
) -> None:
    admin = signed_in(Role.IT_ADMIN)
    rotate_database_key(admin)
    sign_out(admin)
    result = recover_access(branch.context(), branch.recovery_code, ADMIN[0])
    ctx = sign_in(branch.context(), ADMIN[0], result.temporary_password)
    ctx.close()


def test_two_rotations_in_a_row(branch: Branch, signed_in: Callable[[Role], SignedIn]) -> None:
    admin = signed_in(Role.IT_ADMIN)
    first = database_key(branch.ctx.paths.root, *ADMIN)
    rotate_database_key(admin)
    second = database_key(branch.ctx.paths.root, *ADMIN)
    rotate_database_key(admin)
    sign_out(admin)
    third = database_key(branch.ctx.paths.root, *ADMIN)
    assert len({first, second, third}) == 3
    sign_in_everyone(branch)


@pytest.mark.parametrize("role", [Role.MANAGER, Role.AGENT, Role.AUDITOR])
def test_only_it_admins_rotate(branch: Branch, signed_in: Callable[[Role], SignedIn], role: Role) -> None:
    before = fingerprint(branch)
    with pytest.raises(PermissionDenied):
        rotate_database_key(signed_in(role))
    assert fingerprint(branch) == before


@pytest.mark.parametrize("point", FAULT_POINTS)
def test_crash_during_rotation(branch: Branch, point: str) -> None:
    root, paths = branch.ctx.paths.root, branch.ctx.paths
    old_key = database_key(root, *ADMIN)
    before = staff_rows(read_staff_independently(paths.database, old_key))

    env = dict(os.environ, PYTHONPATH=str(ROOT), BRANCHVAULT_FAULT_AT=point)
    assert "PYTHON_KEYRING_BACKEND" in env and "BRANCHVAULT_TEST_KEYRING_FILE" in env
    result = subprocess.run(
        [sys.executable, "-c", REKEY_SCRIPT, str(root), *ADMIN, repr(branch.ctx.clock())],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == EXIT_CODE, result.stderr
    assert paths.key_slots_pending.exists() is (point != "rekey:slots-replaced")

    sign_in_everyone(branch)  # the first sign-in finishes or discards the interrupted rotation
    assert not paths.key_slots_pending.exists()

    key = database_key(root, *ADMIN)
    if point == "rekey:pending-written":  # the database never saw the new key
        assert key == old_key
    else:
        assert key != old_key
        assert read_staff_independently(paths.database, old_key).returncode != 0
    assert staff_rows(read_staff_independently(paths.database, key)) == before

    ctx = sign_in(branch.context(), *ADMIN)
    assert {m.username for m in list_staff(ctx)} == {u for u, _ in branch.users.values()}
    assert audit_review.verify(ctx).ok
    assert ctx.db is not None
    started = [e for e in AuditRepository(ctx.db).iter_all() if e.action == "keys.rekey"]
    assert [e.details["phase"] for e in started] == ["started"]
    rotate_database_key(ctx)  # and a later rotation works
    sign_out(ctx)
    sign_in_everyone(branch)
    assert not paths.key_slots_pending.exists()


@pytest.mark.parametrize("point", ["rekey:pending-written", "rekey:database-rekeyed"])
def test_wrong_password_after_a_crash_keeps_the_pending_file(branch: Branch, point: str) -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT), BRANCHVAULT_FAULT_AT=point)
    result = subprocess.run(
        [sys.executable, "-c", REKEY_SCRIPT, str(branch.ctx.paths.root), *ADMIN, repr(branch.ctx.clock())],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == EXIT_CODE, result.stderr
    from desktop_app.domain.errors import WrongCredentials

    with pytest.raises(WrongCredentials):
        sign_in(branch.context(), "lina", "Wrong!Password#1")
    assert branch.ctx.paths.key_slots_pending.exists()
    sign_in_everyone(branch)
    assert not branch.ctx.paths.key_slots_pending.exists()
