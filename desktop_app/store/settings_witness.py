"""The last security settings and KDF cost the database held, kept in the OS keyring beside the
device secret, so that the values read from ``branch.toml`` before sign-in are never weaker.

Rule: before anyone signs in, the database is locked, so the lockout (attempts, minutes), the KDF
floor and the password expiry come from ``branch.toml``. Each of them is tightened with this copy
(domain/branch_settings.py ``at_least_as_strict``): editing the file can make them stricter, never
weaker than the last values the database saw. The copy is refreshed at every sign-in and by every
``config set``.

Reason: the data folder is writable by a local administrator; the OS keyring entry is as hard to
reach as the device secret beside it (same service, per OS user). Limit: with ``--no-keyring``
there is no such place; the edit is then honoured before sign-in until the next sign-in, which
detects it, audits it and restores the file from the database.
"""

from __future__ import annotations

import json
from typing import Any

from desktop_app.domain.branch_settings import at_least_as_strict, stronger_kdf
from desktop_app.domain.security_policy import SecurityPolicy
from desktop_app.store.branch_config import KdfParams
from desktop_app.store.device_secret import SERVICE, keyring_status

ENTRY_SUFFIX = ":settings"


def _entry(branch_id: str) -> str:
    return branch_id + ENTRY_SUFFIX


def read_last_known(branch_id: str) -> dict[str, Any] | None:
    """``{"security": {...}, "kdf": {...}}`` as last stored, or None (no keyring, no entry, or an
    entry that is not one: then nothing is tightened, as before the first sign-in)."""
    import keyring
    import keyring.errors

    if not keyring_status().usable:
        return None
    try:
        stored = keyring.get_password(SERVICE, _entry(branch_id))
    except keyring.errors.KeyringError:
        return None
    if not stored:
        return None
    try:
        data = json.loads(stored)
    except ValueError:
        return None
    if not isinstance(data, dict):
        return None
    security, kdf = data.get("security", {}), data.get("kdf", {})
    if not isinstance(security, dict) or not isinstance(kdf, dict):
        return None
    return {"security": security, "kdf": kdf}


def write_last_known(branch_id: str, security: dict[str, Any], kdf: dict[str, int]) -> bool:
    """Store the database's values; False if the keyring could not take them (the previous,
    possibly stricter, copy then stays in force before sign-in)."""
    import keyring
    import keyring.errors

    if not keyring_status().usable:
        return False
    value = json.dumps({"security": security, "kdf": kdf}, sort_keys=True)
    try:
        if keyring.get_password(SERVICE, _entry(branch_id)) != value:
            keyring.set_password(SERVICE, _entry(branch_id), value)
    except keyring.errors.KeyringError:
        return False
    return True


def delete_last_known(branch_id: str) -> None:
    import keyring
    import keyring.errors

    try:
        keyring.delete_password(SERVICE, _entry(branch_id))
    except keyring.errors.KeyringError:
        pass


def policy_before_sign_in(branch_id: str, policy: SecurityPolicy) -> SecurityPolicy:
    """``policy`` (from the file) tightened with the last values the database held, if kept."""
    last_known = read_last_known(branch_id)
    if last_known is None:
        return policy
    try:
        return at_least_as_strict(policy, last_known["security"])
    except ValueError:  # PolicyError: an entry that does not validate tightens nothing
        return policy


def kdf_before_sign_in(branch_id: str, kdf: KdfParams) -> KdfParams:
    """The file's KDF cost, each parameter raised to the last one the database held, if kept."""
    last_known = read_last_known(branch_id)
    if last_known is None:
        return kdf
    try:
        raised = stronger_kdf(kdf.as_dict(), last_known["kdf"])
    except (TypeError, ValueError):
        return kdf
    return KdfParams(raised["time_cost"], raised["memory_kib"], raised["parallelism"])
