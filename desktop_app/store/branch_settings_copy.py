"""The authoritative copy of the branch settings inside the encrypted database (``meta`` table),
and converting between it and the readable ``branch.toml``.

Rule: the database copy wins (domain/branch_settings.py). It is written at ``init`` in the same
transaction as the ``branch.init`` audit entry, and later only by IT through the audited
configuration service, in the same transaction as its audit entry.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from desktop_app.domain.branch_settings import IDENTITY_FIELDS, KDF_FIELDS, BranchSettings
from desktop_app.domain.errors import BranchVaultError
from desktop_app.store.branch_config import BranchConfig, KdfParams
from desktop_app.store.database import Database
from desktop_app.store.meta_repository import MetaRepository

BRANCH_SETTINGS = "branch_settings"


class StoredSettingsDamaged(BranchVaultError):
    code = "stored_settings_damaged"

    def __init__(self) -> None:
        super().__init__(
            "数据库中保存的门店配置已损坏，无法读取。请联系 IT 从备份恢复。",
            "The branch settings stored in the database are damaged and cannot be read. Contact IT to "
            "restore from a backup.",
        )


def settings_of(config: BranchConfig) -> BranchSettings:
    """The protected part of a branch configuration."""
    return BranchSettings(
        {name: str(getattr(config, name)) for name in IDENTITY_FIELDS},
        dict(config.security),
        config.kdf.as_dict(),
    )


def with_settings(config: BranchConfig, settings: BranchSettings) -> BranchConfig:
    """``config`` (branch id, keyring choice, retention) with the protected values of ``settings``."""
    identity: dict[str, Any] = {name: settings.identity.get(name, "") for name in IDENTITY_FIELDS}
    kdf = config.kdf
    if all(name in settings.kdf for name in KDF_FIELDS):
        kdf = KdfParams(settings.kdf["time_cost"], settings.kdf["memory_kib"], settings.kdf["parallelism"])
    return replace(config, **identity, security=dict(settings.security), kdf=kdf)


def read_settings_copy(db: Database) -> BranchSettings | None:
    """The database's copy, or None for a branch set up before the copy existed."""
    raw = MetaRepository(db).get(BRANCH_SETTINGS)
    if raw is None:
        return None
    try:
        return BranchSettings.from_json(raw)
    except (ValueError, TypeError, KeyError, UnicodeDecodeError) as exc:
        raise StoredSettingsDamaged() from exc


def write_settings_copy(db: Database, settings: BranchSettings) -> None:
    """Store ``settings`` (inside the caller's transaction, with its audit entry)."""
    MetaRepository(db).set(BRANCH_SETTINGS, settings.to_json())
