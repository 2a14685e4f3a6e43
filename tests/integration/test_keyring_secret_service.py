"""The device secret in a REAL Secret Service: gnome-keyring in a private D-Bus session.

The test starts its own session (``dbus-run-session``, its own HOME and runtime directory), unlocks
a fresh login keyring in it and runs ``branchvault`` against it with keyring's SecretService
backend, then looks at what was stored with ``secret-tool``. Nothing touches the machine's own
keyring. CI installs gnome-keyring, dbus and libsecret-tools (tests/debian-packages.txt); there a
missing tool fails the test instead of skipping it.
"""

from __future__ import annotations

import base64
import contextlib
import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cli.support import (
    ADMIN,
    FAST_INIT,
    NOTICE_DETAILS,
    Result,
    assert_exit,
    assert_message,
    database_key,
    lines,
    read_config,
    run_cli,
)

TOOLS = ("gnome-keyring-daemon", "dbus-run-session", "secret-tool")
SESSION_SCRIPT = r"""
printf '%s' "$KEYRING_PASSWORD" | gnome-keyring-daemon --unlock --components=secrets > "$HOME/daemon.out" 2>&1
printf '%s\n' "$DBUS_SESSION_BUS_ADDRESS" > "$HOME/bus-address.tmp"
mv "$HOME/bus-address.tmp" "$HOME/bus-address"
read -r _  # the session lasts until the test closes our stdin
"""


def require_tools() -> None:
    """On CI (``CI`` set) a missing tool is a failure: the job is meant to install them."""
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        message = f"not installed: {', '.join(missing)} (apt-get install gnome-keyring dbus libsecret-tools)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


@contextlib.contextmanager
def private_secret_service(tmp_path: Path) -> Iterator[dict[str, str]]:
    """A private D-Bus session with an unlocked gnome-keyring; yields the environment to use it."""
    home = tmp_path / "home"
    runtime = tmp_path / "run"
    home.mkdir()
    runtime.mkdir(mode=0o700)
    base = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(home),
        "XDG_RUNTIME_DIR": str(runtime),
        "LANG": os.environ.get("LANG", "C.UTF-8"),
    }
    with (tmp_path / "session.log").open("wb") as log_file:
        session = subprocess.Popen(
            ["dbus-run-session", "--", "bash", "-c", SESSION_SCRIPT],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=log_file,
            env={**base, "KEYRING_PASSWORD": "login-keyring-test-password"},
        )
    try:
        address_file = home / "bus-address"
        deadline = time.monotonic() + 30
        while not address_file.exists():
            if session.poll() is not None or time.monotonic() > deadline:
                log = (tmp_path / "session.log").read_text(errors="replace")
                daemon = (
                    (home / "daemon.out").read_text(errors="replace")
                    if (home / "daemon.out").exists()
                    else ""
                )
                pytest.fail(f"the private Secret Service did not start\n{log}\n{daemon}")
            time.sleep(0.05)
        yield {**base, "DBUS_SESSION_BUS_ADDRESS": address_file.read_text().strip()}
    finally:
        assert session.stdin is not None
        session.stdin.close()
        try:
            session.wait(timeout=30)
        except subprocess.TimeoutExpired:
            session.kill()  # only the session this test started
            session.wait(timeout=10)


def secret_tool(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    # secret-tool prints an item's attributes on stderr and its label and secret on stdout.
    return subprocess.run(["secret-tool", *args], capture_output=True, text=True, env=env, timeout=60)


@pytest.mark.secret_service
def test_device_secret_lives_in_the_secret_service(tmp_path: Path) -> None:
    require_tools()
    with private_secret_service(tmp_path) as secret_service:
        check_device_secret(secret_service, tmp_path / "branch")


def check_device_secret(secret_service: dict[str, str], data_dir: Path) -> None:
    cli = {
        **secret_service,
        "PYTHON_KEYRING_BACKEND": "keyring.backends.SecretService.Keyring",
        "BRANCHVAULT_TEST_KEYRING_FILE": None,
    }

    def signed_in(*args: str, password: str = ADMIN[1]) -> Result:
        return run_cli(
            *args,
            "--data-dir",
            str(data_dir),
            "--as",
            ADMIN[0],
            "--password-stdin",
            stdin=lines(password),
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
    assert init.json()["keyring"] is True
    assert read_config(data_dir)["keys"]["use_keyring"] is True
    assert_exit(signed_in("user", "list"), 0)

    # Four entries under service BranchVault: the device secret under the branch id, and beside it the
    # last settings the database held (store/settings_witness.py; no secret, only integrity) and the
    # sign-in state file's sequence number (not secret) under "<branch id>:signin-seq", and the audit
    # chain's witness under "<branch id>:audit-head" (test_audit_witness_secret_service.py).
    found = secret_tool(secret_service, "search", "--all", "service", "BranchVault")
    assert found.returncode == 0, found
    listing = found.stdout + found.stderr
    assert listing.count("attribute.service = BranchVault") == 4, listing
    assert f"attribute.username = {branch_id}\n" in listing
    assert f"attribute.username = {branch_id}:settings" in listing
    assert f"attribute.username = {branch_id}:signin-seq" in listing
    assert f"attribute.username = {branch_id}:audit-head" in listing
    stored = secret_tool(secret_service, "lookup", "service", "BranchVault", "username", branch_id)
    assert stored.returncode == 0, stored
    value = stored.stdout.strip()
    device_secret = base64.b64decode(value, validate=True)
    assert len(device_secret) == 32
    # It is the device secret, not the database key (which it only helps to unwrap).
    db_key = database_key(data_dir, *ADMIN, device_secret=device_secret)
    assert device_secret != db_key
    for encoding in (db_key.hex(), base64.b64encode(db_key).decode()):
        assert encoding not in value and encoding not in listing
    # And the device secret is kept only in the keyring, nowhere in the data directory.
    for path in data_dir.iterdir():
        assert value.encode() not in path.read_bytes() and device_secret not in path.read_bytes(), path

    # Clearing the entry (new PC, wiped keyring) stops sign-in with a clear message.
    cleared = secret_tool(secret_service, "clear", "service", "BranchVault", "username", branch_id)
    assert cleared.returncode == 0, cleared
    missing = signed_in("user", "list")
    assert_message(missing, "找不到本门店的设备密钥", "device secret is missing", code=1)

    # The recovery code restores access and stores a new device secret in the Secret Service.
    recovered = run_cli(
        "recover",
        "--data-dir",
        str(data_dir),
        "--username",
        ADMIN[0],
        "--password-stdin",
        "--new-device-secret",
        "--json",
        stdin=lines(init.json()["recovery_code"]),
        env=cli,
    )
    assert_exit(recovered, 0)
    assert recovered.json()["device_secret_replaced"] is True
    renewed = secret_tool(secret_service, "lookup", "service", "BranchVault", "username", branch_id)
    assert renewed.returncode == 0 and renewed.stdout.strip() not in ("", value), renewed
    changed = run_cli(
        "passwd",
        "--data-dir",
        str(data_dir),
        "--as",
        ADMIN[0],
        "--password-stdin",
        stdin=lines(recovered.json()["temporary_password"], "Adm1n!Renewed#2027"),
        env=cli,
    )
    assert_exit(changed, 0)
    assert_exit(signed_in("audit", "verify", password="Adm1n!Renewed#2027"), 0)
