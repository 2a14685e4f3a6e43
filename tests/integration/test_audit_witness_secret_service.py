"""The audit chain's witness in a REAL Secret Service (gnome-keyring in a private D-Bus session).

Same set-up as test_keyring_secret_service.py: ``branchvault`` runs with keyring's SecretService
backend against a private, unlocked gnome-keyring; ``secret-tool`` shows what was stored. The witness
is the entry ``<branch id>:audit-head`` under service BranchVault, holding ``<seq>:<hash>`` of the
log's last entry; restoring an older ``branch.db`` makes ``audit verify`` exit 1, and clearing the
entry is reported at the next sign-in and a new witness is stored.
"""

from __future__ import annotations

import base64
import re
import shutil
from pathlib import Path

import pytest

from desktop_app.store.audit_repository import AuditRepository
from desktop_app.store.database import open_database
from tests.cli.support import (
    ADMIN,
    FAST_INIT,
    NOTICE_DETAILS,
    Result,
    assert_exit,
    database_key,
    lines,
    run_cli,
)
from tests.integration.test_keyring_secret_service import private_secret_service, require_tools, secret_tool

DB_FILES = ("branch.db", "branch.db-journal", "branch.db-wal", "branch.db-shm")


@pytest.mark.secret_service
def test_audit_witness_lives_in_the_secret_service(tmp_path: Path) -> None:
    require_tools()
    with private_secret_service(tmp_path) as secret_service:
        check_witness(secret_service, tmp_path / "branch", tmp_path / "aside")


def check_witness(secret_service: dict[str, str], data_dir: Path, aside: Path) -> None:
    cli = {
        **secret_service,
        "PYTHON_KEYRING_BACKEND": "keyring.backends.SecretService.Keyring",
        "BRANCHVAULT_TEST_KEYRING_FILE": None,
    }

    def as_admin(*args: str) -> Result:
        return run_cli(
            *args,
            "--data-dir",
            str(data_dir),
            "--as",
            ADMIN[0],
            "--password-stdin",
            stdin=lines(ADMIN[1]),
            env=cli,
        )

    init = run_cli(
        "init",
        *NOTICE_DETAILS,
        "--data-dir",
        str(data_dir),
        "--branch-code",
        "SZ001",
        "--branch-name",
        "深圳南山店",
        "--admin-username",
        ADMIN[0],
        "--password-stdin",
        "--json",
        *FAST_INIT,
        stdin=lines(ADMIN[1]),
        env=cli,
    )
    assert_exit(init, 0)
    branch_id = init.json()["branch_id"]
    assert_exit(as_admin("user", "list"), 0)

    def witness() -> tuple[int, str]:
        found = secret_tool(
            secret_service, "lookup", "service", "BranchVault", "username", f"{branch_id}:audit-head"
        )
        assert found.returncode == 0, found
        match = re.fullmatch(r"(\d+):([0-9a-f]{64})", found.stdout.strip())
        assert match is not None, found.stdout
        return int(match.group(1)), match.group(2)

    def log_head() -> tuple[int, str]:
        db = open_database(
            data_dir / "branch.db", database_key(data_dir, *ADMIN, device_secret=device_secret)
        )
        try:
            head = AuditRepository(db).head()
        finally:
            db.close()
        assert head is not None
        return head.seq, head.hash

    stored = secret_tool(secret_service, "lookup", "service", "BranchVault", "username", branch_id)
    device_secret = base64.b64decode(stored.stdout.strip())
    assert witness() == log_head()  # written before the command exits

    aside.mkdir()
    for name in DB_FILES:
        if (data_dir / name).exists():
            shutil.copy2(data_dir / name, aside / name)
    assert_exit(as_admin("user", "list"), 0)
    for name in DB_FILES:
        (data_dir / name).unlink(missing_ok=True)
        if (aside / name).exists():
            shutil.copy2(aside / name, data_dir / name)
    verify = as_admin("audit", "verify")
    assert_exit(verify, 1)
    assert "older copy of branch.db" in verify.stdout and "旧副本" in verify.stdout
    assert witness() == log_head()  # the witness started again after the report

    cleared = secret_tool(
        secret_service, "clear", "service", "BranchVault", "username", f"{branch_id}:audit-head"
    )
    assert cleared.returncode == 0, cleared
    missing = as_admin("audit", "verify")
    assert_exit(missing, 1)
    assert "没有本门店审计链的见证" in missing.stderr and "holds no witness" in missing.stderr
    assert witness() == log_head()
    assert_exit(as_admin("audit", "verify"), 0)
