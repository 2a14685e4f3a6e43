"""Shared fixtures: a test keyring backend, a fresh data directory per test, a set-up branch, a clock.

Every test gets its own encrypted database: ``branch`` copies a branch set up once per session, in
every test folder. Argon2id uses the 64 MiB floor with one pass so tests stay fast; the KDF
calibration itself has its own tests.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["PYTHON_KEYRING_BACKEND"] = "tests.support.file_keyring.TestKeyring"
os.environ.pop("BRANCHVAULT_HOME", None)
os.environ.pop("BRANCHVAULT_FAULT_AT", None)
# Never read a real machine-wide branch config (/etc/branchvault/...) of the machine running the tests.
os.environ["BRANCHVAULT_MACHINE_CONFIG"] = str(Path(__file__).parent / "no-machine-config.toml")

from desktop_app.domain.roles import Role  # noqa: E402
from desktop_app.services.branch_setup import BranchDetails, init_branch  # noqa: E402
from desktop_app.services.context import AppContext, build_context  # noqa: E402
from desktop_app.services.sign_in import sign_out  # noqa: E402
from desktop_app.services.staff_accounts import add_staff  # noqa: E402
from desktop_app.store.branch_config import KdfParams  # noqa: E402
from tests.support.client_access import grant_client_access  # noqa: E402
from tests.support.second_factor import NO_TOTP  # noqa: E402

FAST_KDF = KdfParams(time_cost=1, memory_kib=64 * 1024, parallelism=1)
ADMIN = ("it.admin", "Adm1n!Secure#2026")
USERS = {
    Role.IT_ADMIN: ADMIN,
    Role.MANAGER: ("lina", "Mgr!Branch#2026x"),
    Role.AGENT: ("zhangwei", "Agt!Sales#2026x"),
    Role.AUDITOR: ("audit.chen", "Aud!Check#2026x"),
}


class Clock:
    """A settable clock for lockout, expiry and retention tests."""

    def __init__(self, start: float = 1_800_000_000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture(autouse=True)
def _test_keyring(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """Each test gets its own keyring file, shared with CLI subprocesses it starts."""
    path = tmp_path / "test-keyring.json"
    monkeypatch.setenv("BRANCHVAULT_TEST_KEYRING_FILE", str(path))
    # an empty machine policy (outside tmp_path, which some tests expect to stay empty)
    policy = tmp_path_factory.mktemp("policy") / "machine-policy.toml"
    policy.write_text("", encoding="utf-8")
    monkeypatch.setenv("BRANCHVAULT_POLICY", str(policy))
    yield path


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "training_gate: the test exercises the privacy-training gate (services/training_gate.py)"
    )


@pytest.fixture(autouse=True)
def _training_gate_only_where_tested(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """The training gate (on by default) closes client data 14 days into a quarter for staff who
    have not passed the quiz, and many tests move the clock by months or years: outside the tests
    marked ``training_gate`` (tests/attack/test_training_gate.py and the GUI's), its enforcement in
    ``check_permission`` is switched off here, in this process only; the branch's data and policy
    stay as the app makes them."""
    if request.node.get_closest_marker("training_gate") is not None:
        return
    from desktop_app.services import training_gate

    monkeypatch.setattr(training_gate, "enforce_training_gate", lambda me, action: None)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "branch"


@dataclass
class Branch:
    """A set-up branch with one user per role; ``ctx`` is signed out."""

    ctx: AppContext
    recovery_code: str
    users: dict[Role, tuple[str, str]]
    client_recovery_code: str = ""

    def context(self) -> AppContext:
        """A fresh, signed-out context on the same data directory and clock."""
        return build_context(self.ctx.paths.root, clock=self.ctx.clock)


@dataclass(frozen=True)
class _Template:
    root: Path
    recovery_code: str
    client_recovery_code: str


@pytest.fixture(scope="session")
def _branch_template(tmp_path_factory: pytest.TempPathFactory) -> _Template:
    """The branch set up once per session: IT admin, one user per role, client access granted."""
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
            security=dict(NO_TOTP),  # tests sign in as IT everywhere; TOTP tests turn it back on
        )
        for role, (username, password) in USERS.items():
            if role is not Role.IT_ADMIN:
                add_staff(result.signed_in, username, username, role, password=password, must_change=False)
        sign_out(result.signed_in)
        client_code = grant_client_access(
            lambda: build_context(base / "branch", clock=Clock()), USERS[Role.MANAGER], [USERS[Role.AGENT]]
        )
    return _Template(base / "branch", result.recovery_code, client_code)


@pytest.fixture
def branch(
    data_dir: Path, clock: Clock, _test_keyring: Path, _branch_template: _Template
) -> Iterator[Branch]:
    """A set-up branch for every test folder, fast: the session's template branch copied (its data
    directory and every keyring entry beside it: the device secret, the sign-in state file's
    sequence, the last-known settings, the audit chain's head). Setting up costs five Argon2id
    derivations (about 0.5 s); copying costs a few milliseconds. Set-up itself is covered by
    tests/integration/test_branch_init.py."""
    shutil.copytree(_branch_template.root, data_dir)  # keeps the 0700 / 0600 modes
    shutil.copyfile(_branch_template.root.parent / "keyring.json", _test_keyring)
    ctx = build_context(data_dir, clock=clock)
    yield Branch(ctx, _branch_template.recovery_code, dict(USERS), _branch_template.client_recovery_code)
