"""Setting up a branch: all or nothing."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from desktop_app.domain.errors import InvalidInput, PasswordRejected
from desktop_app.domain.roles import Role
from desktop_app.services import branch_setup
from desktop_app.services.branch_setup import AlreadyInitialised, BranchDetails, init_branch
from desktop_app.services.context import NotInitialised, build_context
from desktop_app.services.sign_in import sign_in, sign_out
from desktop_app.store.audit_repository import AuditRepository
from desktop_app.store.device_secret import KeyringUnavailable
from tests.conftest import ADMIN, FAST_KDF, Branch
from tests.support.contexts import context_of
from tests.support.file_keyring import device_secret_entries

DETAILS = BranchDetails(" sz002 ", " 深圳福田店 ", "示例地产经纪有限公司", "400-000-0000")


def keyring_entries(keyring_file: Path) -> dict[str, str]:
    return json.loads(keyring_file.read_text()) if keyring_file.exists() else {}


def init(data_dir: Path, **overrides: object) -> branch_setup.InitResult:
    ctx = build_context(data_dir)
    kwargs: dict[str, object] = {
        "admin_username": ADMIN[0],
        "admin_display_name": "IT 王工",
        "admin_password": ADMIN[1],
        "kdf": FAST_KDF,
        **overrides,
    }
    result = init_branch(ctx, DETAILS, **kwargs)  # type: ignore[arg-type]
    result.signed_in.close()
    return result


def assert_nothing_left(data_dir: Path, keyring_file: Path) -> None:
    leftovers = sorted(p.name for p in data_dir.iterdir()) if data_dir.exists() else []
    assert not [n for n in leftovers if n.startswith(("branch.db", "keyslots"))], leftovers
    assert not (data_dir / "branch.toml").is_file()
    assert not [n for n in leftovers if n.endswith(".tmp")], leftovers
    assert keyring_entries(keyring_file) == {}


def test_init_creates_a_working_branch(data_dir: Path, _test_keyring: Path) -> None:
    result = init(data_dir)
    config = result.config
    assert (config.branch_code, config.branch_name) == ("SZ002", "深圳福田店")
    assert len(result.recovery_code) == 25
    assert {p.name for p in data_dir.iterdir()} >= {"branch.db", "branch.toml", "keyslots.json"}
    assert device_secret_entries(_test_keyring) == [f"BranchVault\0{config.branch_id}"]
    witness = keyring_entries(_test_keyring)[f"BranchVault\0{config.branch_id}:audit-head"]
    assert witness.startswith("2:")  # the audit chain's head after set-up (two entries)
    ctx = build_context(data_dir)
    assert ctx.config == config
    ctx = sign_in(context_of(ctx), *ADMIN)
    session = ctx.session
    assert session.role is Role.IT_ADMIN and not session.must_change_password
    assert ctx.db is not None
    actions = [e.action for e in AuditRepository(ctx.db).iter_all()]
    assert actions[:2] == ["branch.init", "staff.add"]
    sign_out(ctx)


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_files_are_private_during_the_init_session(data_dir: Path) -> None:
    """Regression: the -wal and -shm files made while the new database was first open were 0644 (the
    database now keeps a rollback journal, which must be private too)."""
    ctx = build_context(data_dir)
    me = init_branch(
        ctx, DETAILS, admin_username=ADMIN[0], admin_display_name="IT", admin_password=ADMIN[1], kdf=FAST_KDF
    ).signed_in
    assert me.open  # the new admin stays signed in, the database open
    names = {p.name for p in data_dir.iterdir()}
    assert {"branch.db", "branch.db-journal", "branch.toml", "keyslots.json"} <= names
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
    modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in data_dir.iterdir()}
    assert modes == dict.fromkeys(modes, 0o600)
    sign_out(me)


def test_init_refuses_an_existing_branch(branch: Branch, _test_keyring: Path) -> None:
    root = branch.ctx.paths.root
    before = {p.name: p.read_bytes() for p in root.iterdir() if p.is_file()}
    keys_before = keyring_entries(_test_keyring)
    with pytest.raises(AlreadyInitialised) as info:
        init(root)
    assert info.value.zh and info.value.en
    assert {p.name: p.read_bytes() for p in root.iterdir() if p.is_file()} == before
    assert keyring_entries(_test_keyring) == keys_before


@pytest.mark.parametrize("leftover", ["branch.db", "keyslots.json", "branch.toml"])
def test_init_refuses_any_leftover_file(data_dir: Path, leftover: str) -> None:
    data_dir.mkdir()
    (data_dir / leftover).write_bytes(b"something")
    with pytest.raises(AlreadyInitialised):
        init(data_dir)
    assert (data_dir / leftover).read_bytes() == b"something"


@pytest.mark.parametrize("password", ["short", "Password123!", "it.admin!Pass#2026", "alllowercaseonly"])
def test_bad_admin_password_refused_before_anything_is_written(
    data_dir: Path, _test_keyring: Path, password: str
) -> None:
    with pytest.raises(PasswordRejected):
        init(data_dir, admin_password=password)
    assert not data_dir.exists()
    assert keyring_entries(_test_keyring) == {}


@pytest.mark.parametrize(
    "overrides",
    [
        {"admin_username": "Bad Name"},
        {"admin_display_name": "名" * 41},
        {"security": {"no_such_setting": 1}},
        {"security": {"kdf_min_memory_kib": 1024}},
    ],
)
def test_invalid_input_refused_before_anything_is_written(
    data_dir: Path, _test_keyring: Path, overrides: dict[str, object]
) -> None:
    with pytest.raises(InvalidInput):
        init(data_dir, **overrides)
    assert not data_dir.exists()
    assert keyring_entries(_test_keyring) == {}


@pytest.mark.parametrize(
    "details",
    [
        BranchDetails("", "店"),
        BranchDetails("SZ 001", "店"),
        BranchDetails("A" * 17, "店"),
        BranchDetails("SZ1", ""),
    ],
)
def test_invalid_branch_details(data_dir: Path, details: BranchDetails) -> None:
    ctx = build_context(data_dir)
    with pytest.raises(InvalidInput):
        ctx = init_branch(
            ctx,
            details,
            admin_username=ADMIN[0],
            admin_display_name="IT",
            admin_password=ADMIN[1],
            kdf=FAST_KDF,
        ).signed_in
    assert not data_dir.exists()


def test_config_path_turning_into_a_directory_midway_cleans_up(
    data_dir: Path, _test_keyring: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Regression: the clean-up tried os.unlink on the directory, raised, and left the keyring entry."""
    real_save = branch_setup.save_config

    def save_into_a_directory(path: Path, config: object) -> None:
        path.mkdir()
        real_save(path, config)  # type: ignore[arg-type]

    monkeypatch.setattr(branch_setup, "save_config", save_into_a_directory)
    with pytest.raises(IsADirectoryError) as info:
        init(data_dir)
    assert info.value.filename2 == str(
        data_dir / "branch.toml"
    )  # the original error (the rename), not one from clean-up
    assert_nothing_left(data_dir, _test_keyring)


@pytest.mark.parametrize("stage", ["save_config", "record", "create_database", "calibrate"])
def test_failure_midway_cleans_up(
    data_dir: Path, _test_keyring: Path, monkeypatch: pytest.MonkeyPatch, stage: str
) -> None:
    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError(f"simulated failure in {stage}")

    with monkeypatch.context() as patch:  # not monkeypatch.undo(): that would also undo the keyring env
        patch.setattr(branch_setup, stage, boom)
        with pytest.raises(RuntimeError, match="simulated failure"):
            init(data_dir, kdf=None) if stage == "calibrate" else init(data_dir)
    assert_nothing_left(data_dir, _test_keyring)
    result = init(data_dir)  # and a second attempt succeeds
    assert device_secret_entries(_test_keyring) == [f"BranchVault\0{result.config.branch_id}"]


def test_init_without_a_keyring_needs_none(
    data_dir: Path, _test_keyring: Path, unusable_keyring: None
) -> None:
    with pytest.raises(KeyringUnavailable):
        init(data_dir)
    assert_nothing_left(data_dir, _test_keyring)
    init(data_dir, use_keyring=False)
    ctx = build_context(data_dir)
    assert ctx.config is not None and not ctx.config.use_keyring
    ctx = sign_in(context_of(ctx), *ADMIN)
    sign_out(ctx)


def test_context_on_an_empty_directory(data_dir: Path) -> None:
    ctx = build_context(data_dir)
    with pytest.raises(NotInitialised) as info:
        ctx.require_config()
    assert str(data_dir) in info.value.en
    with pytest.raises(NotInitialised):
        ctx = sign_in(context_of(ctx), *ADMIN)
