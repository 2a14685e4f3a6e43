"""The last security settings, KDF cost and branch identity the database held, kept in the OS
keyring beside the device secret, so that the values read from ``branch.toml`` before sign-in are
never weaker (and a blank consent form printed without sign-in names the true company).

Rule: before anyone signs in, the database is locked, so the lockout (attempts, minutes), the KDF
floor and the password expiry come from ``branch.toml``. Each of them is tightened with this copy
(domain/branch_settings.py ``at_least_as_strict``): editing the file can make them stricter, never
weaker than the last values the database saw; the identity values are taken from this copy as
they are. The copy is refreshed at every sign-in and by every ``config set``.

Reason: the data folder is writable by a local administrator; the OS keyring entry is as hard to
reach as the device secret beside it (same service, per OS user). Limit: with ``--no-keyring``
there is no such place; the edit is then honoured before sign-in until the next sign-in, which
detects it, audits it and restores the file from the database.
"""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

from desktop_app.domain.branch_settings import (
    IDENTITY_FIELDS,
    BranchSettings,
    at_least_as_strict,
    stronger_kdf,
)
from desktop_app.domain.security_policy import SecurityPolicy
from desktop_app.store.branch_config import BranchConfig, KdfParams
from desktop_app.store.device_secret import SERVICE, keyring_status

ENTRY_SUFFIX = ":settings"


def _entry(branch_id: str) -> str:
    return branch_id + ENTRY_SUFFIX


def read_last_known(branch_id: str) -> dict[str, Any] | None:
    """``{"security": {...}, "kdf": {...}, "identity": {...}}`` as last stored, or None (no keyring,
    no entry, or an entry that is not one: then the file is used, as before the first sign-in)."""
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
    security, kdf, identity = data.get("security", {}), data.get("kdf", {}), data.get("identity", {})
    if not all(isinstance(part, dict) for part in (security, kdf, identity)):
        return None
    return {"security": security, "kdf": kdf, "identity": identity}


def write_last_known(branch_id: str, settings: BranchSettings) -> bool:
    """Store the database's values; False if the keyring could not take them (the previous,
    possibly stricter, copy then stays in force before sign-in)."""
    import keyring
    import keyring.errors

    if not keyring_status().usable:
        return False
    value = settings.to_json().decode("utf-8")
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


def identity_before_sign_in(config: BranchConfig) -> BranchConfig:
    """``config`` with the identity values the database last held (keyring branches with a copy):
    what a document made without signing in (a blank consent form) prints."""
    if not config.use_keyring:
        return config
    last_known = read_last_known(config.branch_id)
    if last_known is None or not last_known["identity"]:
        return config
    identity: dict[str, Any] = {
        name: str(last_known["identity"][name]) for name in IDENTITY_FIELDS if name in last_known["identity"]
    }
    return replace(config, **identity)
