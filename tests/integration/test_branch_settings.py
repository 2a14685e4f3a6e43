"""The branch settings kept in the database: stored at init, copied at the first sign-in of a branch
set up before, shown and changed only by IT (audited), the machine policy still tightening, and the
keyring copy that keeps the values read before sign-in from being weaker."""

from __future__ import annotations

import os
import tomllib
from dataclasses import replace
from pathlib import Path

import pytest
import tomli_w

from desktop_app.domain.errors import AccountLocked, InvalidInput, PermissionDenied, WrongCredentials
from desktop_app.domain.roles import Role
from desktop_app.services.audit_review import verify
from desktop_app.services.branch_settings import change_settings, show_settings
from desktop_app.services.branch_setup import BranchDetails, init_branch
from desktop_app.services.context import build_context
from desktop_app.services.sign_in import sign_in, sign_out
from desktop_app.services.signed_in import SignedIn
from desktop_app.services.staff_accounts import add_staff
from desktop_app.store.audit_repository import AuditRepository
from desktop_app.store.branch_config import load_config
from desktop_app.store.branch_settings_copy import BRANCH_SETTINGS, read_settings_copy
from desktop_app.store.machine_policy import ENV_POLICY
from desktop_app.store.settings_witness import delete_last_known, read_last_known
from tests.conftest import ADMIN, FAST_KDF, Branch, Clock
from tests.support.contexts import context_of
from tests.support.second_factor import NO_TOTP

WRONG = "Wrong!Password#1"


def signed_in(branch: Branch, role: Role) -> SignedIn:
    ctx = sign_in(branch.context(), *branch.users[role])
    return ctx


def entries(ctx: SignedIn, action: str) -> list[object]:
    db = ctx.db
    return [e for e in AuditRepository(db).iter_all() if e.action == action]


def edit(path: Path, table: str, **values: object) -> None:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    data.setdefault(table, {}).update(values)
    path.write_text(tomli_w.dumps(data), encoding="utf-8")


def test_init_stores_the_settings_with_the_init_entry(branch: Branch) -> None:
    ctx = signed_in(branch, Role.IT_ADMIN)
    db = ctx.db
    stored = read_settings_copy(db)
    assert stored is not None
    assert stored.identity["company_name"] == "示例地产经纪有限公司"
    assert stored.identity["branch_code"] == "SZ001"
    assert dict(stored.kdf) == FAST_KDF.as_dict()
    init_entry = entries(ctx, "branch.init")[0]
    assert init_entry.seq == 1  # type: ignore[attr-defined]
    assert not entries(ctx, "config.copied_to_database") and not entries(ctx, "config.file_tampered")
    last_known = read_last_known(ctx.require_config().branch_id)
    assert last_known is not None and last_known["identity"]["company_name"] == "示例地产经纪有限公司"
    sign_out(ctx)


def test_a_branch_from_before_gets_the_copy_at_its_first_sign_in_audited(branch: Branch) -> None:
    ctx = signed_in(branch, Role.IT_ADMIN)
    db = ctx.db
    with db.transaction():  # as a branch set up before the copy existed
        db.execute("DELETE FROM meta WHERE key = ?", (BRANCH_SETTINGS,))
    branch_id = ctx.require_config().branch_id
    sign_out(ctx)
    delete_last_known(branch_id)

    agent = signed_in(branch, Role.AGENT)
    copied = entries(agent, "config.copied_to_database")
    assert len(copied) == 1 and copied[0].actor_username == "zhangwei"  # type: ignore[attr-defined]
    assert copied[0].details["identity"]["company_name"] == "示例地产经纪有限公司"  # type: ignore[attr-defined]
    assert not entries(agent, "config.file_tampered") and not agent.session.notices
    db = agent.db
    assert read_settings_copy(db) is not None
    assert read_last_known(branch_id) is not None
    sign_out(agent)
    again = signed_in(branch, Role.IT_ADMIN)
    assert len(entries(again, "config.copied_to_database")) == 1  # once
    assert verify(again).ok
    sign_out(again)


def test_it_changes_settings_audited_with_old_and_new_values(branch: Branch) -> None:
    ctx = signed_in(branch, Role.IT_ADMIN)
    change = change_settings(
        ctx, security={"lockout_attempts": 3, "idle_lock_minutes": 10}, identity={"hq_name": "集团总部 "}
    )
    assert change.changed == {
        "security.lockout_attempts": (5, 3),
        "security.idle_lock_minutes": (5, 10),
        "branch.hq_name": ("", "集团总部"),
    }
    [entry] = entries(ctx, "config.edit")
    assert entry.actor_username == ADMIN[0]  # type: ignore[attr-defined]
    assert entry.details["values"]["security.lockout_attempts"] == {"old": 5, "new": 3}  # type: ignore[attr-defined]
    assert ctx.policy.lockout_attempts == 3 and ctx.require_config().hq_name == "集团总部"
    on_disk = load_config(ctx.paths.config)
    assert (
        on_disk.security == {"lockout_attempts": 3, "idle_lock_minutes": 10, **NO_TOTP}
        and on_disk.hq_name == "集团总部"
    )
    assert os.name != "posix" or (ctx.paths.config.stat().st_mode & 0o077) == 0
    assert read_last_known(on_disk.branch_id)["security"]["lockout_attempts"] == 3  # type: ignore[index]
    assert change_settings(ctx, security={"lockout_attempts": 3}).changed == {}  # nothing: nothing written
    assert len(entries(ctx, "config.edit")) == 1
    assert verify(ctx).ok
    sign_out(ctx)

    fresh = signed_in(branch, Role.AGENT)  # no tamper report: the file was written by the service
    assert not fresh.session.notices and fresh.policy.idle_lock_minutes == 10
    sign_out(fresh)


@pytest.mark.parametrize("role", [Role.MANAGER, Role.AGENT, Role.AUDITOR])
def test_only_it_shows_or_changes_settings_and_refusals_are_audited(branch: Branch, role: Role) -> None:
    ctx = signed_in(branch, role)
    before = ctx.paths.config.read_bytes()
    with pytest.raises(PermissionDenied):
        change_settings(ctx, security={"lockout_attempts": 10})
    with pytest.raises(PermissionDenied):
        show_settings(ctx)
    assert ctx.paths.config.read_bytes() == before
    assert [e.target_id for e in entries(ctx, "access.denied")] == ["config.edit", "config.edit"]  # type: ignore[attr-defined]
    sign_out(ctx)


@pytest.mark.parametrize(
    ("security", "identity"),
    [
        ({"lockout_attempts": 50}, {}),
        ({"no_such_setting": 1}, {}),
        ({"kdf_min_memory_kib": 1024}, {}),
        ({}, {"branch_name": ""}),
        ({}, {"hq_url": "http://hq.example.cn"}),
        ({}, {"branch_code": "GZ002"}),
        ({}, {"company_name": "a\nb"}),
    ],
)
def test_invalid_values_are_refused_and_nothing_changes(
    branch: Branch, security: dict[str, object], identity: dict[str, str]
) -> None:
    ctx = signed_in(branch, Role.IT_ADMIN)
    before = ctx.paths.config.read_bytes()
    with pytest.raises(InvalidInput) as refused:
        change_settings(ctx, security=security, identity=identity)
    assert refused.value.zh and refused.value.en
    assert ctx.paths.config.read_bytes() == before and not entries(ctx, "config.edit")
    sign_out(ctx)


def test_the_machine_policy_still_tightens_what_it_sets(branch: Branch) -> None:
    Path(os.environ[ENV_POLICY]).write_text("[security]\nlockout_attempts = 3\nidle_lock_minutes = 2\n")
    ctx = signed_in(branch, Role.IT_ADMIN)
    change = change_settings(ctx, security={"lockout_attempts": 8, "idle_lock_minutes": 1})
    assert ctx.policy.lockout_attempts == 3  # 8 is stored, the machine policy's 3 is in force
    assert ctx.policy.idle_lock_minutes == 1  # stricter than the machine policy: IT's value
    assert change.view.security["lockout_attempts"] == 8
    assert change.view.in_force["lockout_attempts"] == 3
    assert change.view.machine_policy_stricter == ("lockout_attempts",)
    assert show_settings(ctx) == change.view
    sign_out(ctx)


def test_it_can_weaken_through_the_command_and_the_pre_sign_in_copy_follows(
    branch: Branch, clock: Clock
) -> None:
    ctx = signed_in(branch, Role.IT_ADMIN)
    change_settings(ctx, security={"lockout_attempts": 7})
    sign_out(ctx)
    for _ in range(6):  # 7 allowed now: the keyring copy was updated with the database
        with pytest.raises(WrongCredentials):
            sign_in(branch.context(), "lina", WRONG)
    with pytest.raises(AccountLocked):
        sign_in(branch.context(), "lina", WRONG)


def test_an_unreadable_file_is_restored_at_sign_in(branch: Branch) -> None:
    ctx = branch.context()
    ctx.require_config()  # the context was built before the file broke (e.g. the GUI's sign-in window)
    text = ctx.paths.config.read_text(encoding="utf-8")
    ctx.paths.config.write_text(text + "\n[security\n", encoding="utf-8")
    ctx = sign_in(context_of(ctx), *branch.users[Role.IT_ADMIN])
    session = ctx.session
    [entry] = entries(ctx, "config.file_tampered")
    assert entry.details["problem"] == "unreadable"  # type: ignore[attr-defined]
    assert session.notices
    assert load_config(ctx.paths.config).company_name == "示例地产经纪有限公司"
    sign_out(ctx)


def test_a_kdf_cost_lowered_in_the_file_is_restored(branch: Branch) -> None:
    edit(branch.ctx.paths.config, "keys", kdf={"time_cost": 1, "memory_kib": 65536, "parallelism": 1})
    ctx = signed_in(branch, Role.IT_ADMIN)
    assert not entries(ctx, "config.file_tampered")  # same values as at init: nothing to report
    sign_out(ctx)
    ctx = signed_in(branch, Role.IT_ADMIN)
    change_settings(ctx, kdf=replace(FAST_KDF, time_cost=2))
    sign_out(ctx)
    edit(branch.ctx.paths.config, "keys", kdf={"time_cost": 1, "memory_kib": 65536, "parallelism": 1})
    ctx = signed_in(branch, Role.AGENT)
    assert entries(ctx, "config.file_tampered")[0].details["changed"] == ["keys.kdf.time_cost"]  # type: ignore[attr-defined]
    assert ctx.require_config().kdf.time_cost == 2
    sign_out(ctx)


def test_without_a_keyring_an_edit_is_detected_and_undone_at_the_next_sign_in(
    data_dir: Path, clock: Clock
) -> None:
    """The documented limit of --no-keyring: before sign-in the edited file is all there is."""
    ctx = build_context(data_dir, clock=clock)
    ctx = init_branch(
        ctx,
        BranchDetails("SZ003", "深圳宝安店", "示例地产经纪有限公司"),
        admin_username=ADMIN[0],
        admin_display_name="IT",
        admin_password=ADMIN[1],
        use_keyring=False,
        kdf=FAST_KDF,
    ).signed_in
    add_staff(ctx, "lina", "李娜", Role.MANAGER, password="Mgr!Branch#2026x", must_change=False)
    sign_out(ctx)
    edit(ctx.paths.config, "security", lockout_attempts=10)
    assert build_context(data_dir, clock=clock).policy.lockout_attempts == 10  # honoured before sign-in
    signed = sign_in(build_context(data_dir, clock=clock), "lina", "Mgr!Branch#2026x")
    session = signed.session
    assert signed.policy.lockout_attempts == 5 and session.notices
    assert entries(signed, "config.file_tampered")
    sign_out(signed)
    assert build_context(data_dir, clock=clock).policy.lockout_attempts == 5
