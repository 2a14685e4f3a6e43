"""Running ``branchvault`` as a real subprocess, and reading a branch's database directly in tests."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
RECOVERY_CODE = re.compile(r"\b[2-9A-HJ-NP-Z]{5}(?:-[2-9A-HJ-NP-Z]{5}){4}\b")
TEMP_PASSWORD = re.compile(r"\b[A-Za-z0-9]{4}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4}\b")
# KDF at the 64 MiB / 1 pass floor; IT not required to use TOTP (tests sign in as IT everywhere;
# tests/cli/test_totp_cli.py turns it on as a branch does)
FAST_INIT = ("--security-setting", "kdf_target_seconds=0.01", "--security-setting", "totp_it_admin=0")
NOTICE_DETAILS = (  # what init requires for the privacy notice and consent forms
    "--company-name",
    "示例地产经纪有限公司",
    "--company-contact",
    "400-000-0000",
    "--hq-name",
    "示例地产集团总部",
    "--hq-contact",
    "privacy@example.cn",
)


@dataclass(frozen=True)
class Result:
    args: tuple[str, ...]
    returncode: int
    stdout: str
    stderr: str

    def json(self) -> Any:
        return json.loads(self.stdout)

    def __str__(self) -> str:
        return (
            f"branchvault {' '.join(self.args)} -> {self.returncode}\n"
            f"--- stdout\n{self.stdout}\n--- stderr\n{self.stderr}"
        )


def cli_env(overrides: Mapping[str, str | None] | None = None) -> dict[str, str]:
    """The test process's environment (test keyring, no machine policy) with the repo importable;
    a None value removes a variable."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p)
    env.pop("BRANCHVAULT_DEBUG", None)
    for name, value in (overrides or {}).items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return env


def run_cli(
    *args: str,
    stdin: str = "",
    env: Mapping[str, str | None] | None = None,
    timeout: float = 90,
    prefix: Sequence[str] = (),
) -> Result:
    """Run ``python -m desktop_app ARGS`` with ``stdin`` (never a terminal). Fails on any traceback."""
    proc = subprocess.run(
        [sys.executable, *prefix, "-m", "desktop_app", *args],
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
        env=cli_env(env),
        cwd=ROOT,
    )
    result = Result(tuple(args), proc.returncode, proc.stdout, proc.stderr)
    assert "Traceback" not in result.stderr, str(result)
    assert "Exception ignored" not in result.stderr, str(result)
    return result


def assert_exit(result: Result, code: int) -> None:
    assert result.returncode == code, str(result)


def assert_message(result: Result, zh: str, en: str, *, code: int | None = None) -> None:
    """The error is on stderr in both languages (English compared case-insensitively)."""
    if code is not None:
        assert_exit(result, code)
    assert zh in result.stderr, f"missing Chinese text {zh!r}\n{result}"
    assert en.lower() in result.stderr.lower(), f"missing English text {en!r}\n{result}"


def lines(*secrets: str) -> str:
    return "".join(f"{secret}\n" for secret in secrets)


def read_config(data_dir: Path) -> dict[str, Any]:
    return tomllib.loads((data_dir / "branch.toml").read_text(encoding="utf-8"))


def database_key(
    data_dir: Path, username: str, password: str, *, device_secret: bytes | None = None
) -> bytes:
    """Unwrap ``username``'s key slot the way sign-in does (device secret from the test keyring
    unless given)."""
    from desktop_app.store.branch_config import load_config
    from desktop_app.store.device_secret import DeviceSecretStore
    from desktop_app.store.key_slots import load_key_slots, open_slot

    config = load_config(data_dir / "branch.toml")
    slots = load_key_slots(data_dir / "keyslots.json", config.branch_id)
    slot = slots.password_slot(username)
    assert slot is not None, f"no key slot for {username}"
    if device_secret is None and config.use_keyring:
        device_secret = DeviceSecretStore().get(config.branch_id)
    return open_slot(slot, branch_id=config.branch_id, secret=password, device_secret=device_secret)


def open_branch_db(data_dir: Path, username: str, password: str) -> Any:
    """The branch database opened behind the application's back (for tampering tests)."""
    from desktop_app.store.database import open_database

    return open_database(data_dir / "branch.db", database_key(data_dir, username, password))


def open_client_data(data_dir: Path, username: str, password: str) -> Any:
    """Both databases as a confirmed manager or agent sees them (client tables live in clients.db
    under the client-data key, which IT's slot never opens). The caller closes the returned database."""
    from desktop_app.services.context import build_context
    from desktop_app.services.sign_in import sign_in

    ctx = sign_in(build_context(data_dir), username, password)
    assert ctx.db is not None and ctx.session is not None and ctx.session.holds_client_key
    return ctx.db


ADMIN = ("it.admin", "Adm1n!Secure#2026")
MANAGER = ("lina", "Mgr!Branch#2026x")
AGENT = ("zhangwei", "Agt!Sales#2026x")
AUDITOR = ("audit.chen", "Aud!Check#2026x")
STAFF = {"it_admin": ADMIN, "manager": MANAGER, "agent": AGENT, "auditor": AUDITOR}
BRANCH_NAME = "深圳南山店"


@dataclass(frozen=True)
class CliBranch:
    """A set-up branch (one user per role, passwords already changed) in its own data directory,
    with its device secret in this test's keyring file."""

    data_dir: Path
    branch_id: str
    recovery_code: str
    keyring_file: Path

    def run(
        self,
        *args: str,
        as_user: str | None = None,
        password: str | None = None,
        stdin: str = "",
        env: Mapping[str, str | None] | None = None,
    ) -> Result:
        """``branchvault ARGS --data-dir DIR [--as USER --password-stdin]``; the password goes first on stdin."""
        full = [*args, "--data-dir", str(self.data_dir)]
        if as_user is not None:
            full += ["--as", as_user, "--password-stdin"]
            stdin = lines(password if password is not None else dict(STAFF.values())[as_user]) + stdin
        return run_cli(*full, stdin=stdin, env=env)

    def as_role(self, role: str, *args: str, **kwargs: Any) -> Result:
        username, password = STAFF[role]
        return self.run(*args, as_user=username, password=password, **kwargs)


def audit_entries(branch: CliBranch) -> list[Any]:
    """Every audit entry, read in this process (faster than an export through another process)."""
    from desktop_app.store.audit_repository import AuditRepository

    db = open_branch_db(branch.data_dir, *ADMIN)
    try:
        return list(AuditRepository(db).iter_all())
    finally:
        db.close()
