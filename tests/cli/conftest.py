"""One branch is set up once per session; each test works on its own copy.

The template is built in this process through the services (what ``init``, ``user add`` and
``passwd`` do; the CLI tests exercise those commands themselves) with the same KDF calibration as
``init --security-setting kdf_target_seconds=0.01``. Copying the data directory and the keyring
file keeps every test independent and the suite fast.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app.domain.recovery_code import format_code
from desktop_app.domain.roles import Role
from desktop_app.services.branch_setup import BranchDetails, init_branch
from desktop_app.services.context import build_context
from desktop_app.services.sign_in import sign_out
from desktop_app.services.staff_accounts import add_staff
from tests.cli.support import ADMIN, BRANCH_NAME, STAFF, CliBranch
from tests.support.client_access import grant_client_access
from tests.support.second_factor import NO_TOTP


@pytest.fixture(scope="session")
def branch_template(tmp_path_factory: pytest.TempPathFactory) -> CliBranch:
    root = tmp_path_factory.mktemp("cli-template")
    keyring_file = root / "keyring.json"
    data_dir = root / "branch"
    with pytest.MonkeyPatch.context() as env:
        env.setenv("BRANCHVAULT_TEST_KEYRING_FILE", str(keyring_file))
        (root / "machine-policy.toml").write_text("", encoding="utf-8")
        env.setenv("BRANCHVAULT_POLICY", str(root / "machine-policy.toml"))
        ctx = build_context(data_dir)
        result = init_branch(
            ctx,
            BranchDetails("SZ001", BRANCH_NAME, "示例地产经纪有限公司", "400-000-0000"),
            admin_username=ADMIN[0],
            admin_display_name="IT 王工",
            admin_password=ADMIN[1],
            security={"kdf_target_seconds": 0.01, **NO_TOTP},
        )
        me = result.signed_in
        for role, (username, password) in STAFF.items():
            if role != "it_admin":
                add_staff(me, username, f"{username} 测试", Role(role), password=password, must_change=False)
        sign_out(me)
        grant_client_access(lambda: build_context(data_dir), STAFF["manager"], [STAFF["agent"]])
    return CliBranch(data_dir, result.config.branch_id, format_code(result.recovery_code), keyring_file)


@pytest.fixture
def cli_branch(branch_template: CliBranch, _test_keyring: Path, tmp_path: Path) -> Iterator[CliBranch]:
    data_dir = tmp_path / "branch"
    shutil.copytree(branch_template.data_dir, data_dir)
    shutil.copyfile(branch_template.keyring_file, _test_keyring)
    yield CliBranch(data_dir, branch_template.branch_id, branch_template.recovery_code, _test_keyring)
