"""Test helpers that look at the database from outside the app: the raw key, and an independent reader.

``database_key`` opens a staff member's key slot with ``store.key_slots.open_slot`` (the same primitive the
app uses, but nothing else of the app). ``read_staff_independently`` runs a separate Python process that
imports only sqlcipher3, so a passing read shows the file is a standard SQLCipher 4 database.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from desktop_app.store.branch_config import load_config
from desktop_app.store.data_dir import DataPaths
from desktop_app.store.device_secret import DeviceSecretStore
from desktop_app.store.key_slots import load_key_slots, open_slot

READER_SCRIPT = r"""
import json, sys
import sqlcipher3
path, key_hex = sys.argv[1], sys.argv[2]
con = sqlcipher3.connect(path)
con.execute("PRAGMA cipher_log_level = NONE")
if key_hex:
    con.execute("PRAGMA key = \"x'" + key_hex + "'\"")
rows = con.execute("SELECT username, display_name, role FROM staff ORDER BY username").fetchall()
assert not any(name.startswith("desktop_app") for name in sys.modules), "the reader imported the app"
print(json.dumps(rows, ensure_ascii=False))
"""


def database_key(root: Path, username: str, password: str, *, kind_recovery: bool = False) -> bytes:
    """The raw 32-byte database key, from ``username``'s key slot (or the recovery slot)."""
    paths = DataPaths(root)
    config = load_config(paths.config)
    slots = load_key_slots(paths.key_slots, config.branch_id)
    slot = slots.recovery_slot() if kind_recovery else slots.password_slot(username)
    assert slot is not None, f"no slot for {username}"
    device_secret = DeviceSecretStore().get(config.branch_id) if slot.device_bound else None
    return open_slot(slot, branch_id=config.branch_id, secret=password, device_secret=device_secret)


def read_staff_independently(db_path: Path, key: bytes | None) -> subprocess.CompletedProcess[str]:
    """Read the staff table in a separate process that imports only sqlcipher3 (``-I``: isolated mode)."""
    return subprocess.run(
        [sys.executable, "-I", "-c", READER_SCRIPT, str(db_path), key.hex() if key else ""],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=str(db_path.parent),
    )


def staff_rows(result: subprocess.CompletedProcess[str]) -> list[list[str]]:
    assert result.returncode == 0, result.stderr
    return [list(row) for row in json.loads(result.stdout)]
