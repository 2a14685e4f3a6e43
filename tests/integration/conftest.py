"""Fixtures for the integration tests: a fast ``branch``, signing in, and making the keyring unusable.

``branch`` here overrides the one in tests/conftest.py with the same result, made faster: the branch is
set up once per session exactly as there (same details, users, passwords, KDF and clock start) and each
test gets a private copy of its data directory plus the device secret in its own keyring file. Setting
up costs five Argon2id derivations (about 0.5 s); copying costs a few milliseconds. Set-up itself is
covered by test_branch_init.py.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail

from desktop_app.domain.roles import Role
from desktop_app.services.branch_setup import BranchDetails, init_branch
from desktop_app.services.context import build_context
from desktop_app.services.sign_in import sign_in, sign_out
from desktop_app.services.signed_in import SignedIn
from desktop_app.services.staff_accounts import add_staff
from desktop_app.store.device_secret import SERVICE
from desktop_app.store.signin_witness import SequenceWitness
from tests.conftest import ADMIN, FAST_KDF, USERS, Branch, Clock
from tests.support.client_access import grant_client_access


@dataclass(frozen=True)
class _Template:
    root: Path
    branch_id: str
    device_secret: str
    recovery_code: str
    client_recovery_code: str
    signin_seq: str | None  # the sign-in state file's sequence, kept beside the device secret


@pytest.fixture(scope="session")
def _branch_template(tmp_path_factory: pytest.TempPathFactory) -> _Template:
    base = tmp_path_factory.mktemp("branch-template")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("BRANCHVAULT_TEST_KEYRING_FILE", str(base / "keyring.json"))
        (base / "machine-policy.toml").write_text("", encoding="utf-8")
        mp.setenv("BRANCHVAULT_POLICY", str(base / "machine-policy.toml"))
        ctx = build_context(base / "branch", clock=Clock())
        result = init_branch(
            ctx,
            BranchDetails("SZ001", "深圳南山店", "示例地产经纪有限公司", "400-000-0000"),
            admin_username=ADMIN[0],
            admin_display_name="IT 王工",
            admin_password=ADMIN[1],
            kdf=FAST_KDF,
        )
        for role, (username, password) in USERS.items():
            if role is not Role.IT_ADMIN:
                add_staff(result.signed_in, username, username, role, password=password, must_change=False)
        sign_out(result.signed_in)
        client_code = grant_client_access(
            lambda: build_context(base / "branch", clock=Clock()), USERS[Role.MANAGER], [USERS[Role.AGENT]]
        )
        secret = keyring.get_password(SERVICE, result.config.branch_id)
        signin_seq = SequenceWitness(result.config.branch_id).get()
    assert secret is not None
    seq = None if signin_seq is None else str(signin_seq)
    return _Template(base / "branch", result.config.branch_id, secret, result.recovery_code, client_code, seq)


@pytest.fixture
def branch(
    data_dir: Path, clock: Clock, _test_keyring: Path, _branch_template: _Template
) -> Iterator[Branch]:
    shutil.copytree(_branch_template.root, data_dir)  # keeps the 0700 / 0600 modes
    # every keyring entry of the template: the device secret and the entries beside it (the sign-in
    # state file's sequence, the last-known settings, the audit chain's head)
    shutil.copyfile(_branch_template.root.parent / "keyring.json", _test_keyring)
    ctx = build_context(data_dir, clock=clock)
    yield Branch(ctx, _branch_template.recovery_code, dict(USERS), _branch_template.client_recovery_code)


@pytest.fixture
def signed_in(branch: Branch) -> Iterator[Callable[[Role], SignedIn]]:
    """``signed_in(role)``: a fresh context signed in as that role's user; all are closed afterwards."""
    opened: list[SignedIn] = []

    def open_as(role: Role) -> SignedIn:
        username, password = branch.users[role]
        ctx = sign_in(branch.context(), username, password)
        opened.append(ctx)
        return ctx

    yield open_as
    for ctx in opened:
        ctx.close()


@pytest.fixture
def unusable_keyring() -> Iterator[None]:
    """Switch keyring to its ``fail`` backend (a headless PC without a keyring). Request it after ``branch``."""
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        yield
    finally:
        keyring.set_keyring(previous)
