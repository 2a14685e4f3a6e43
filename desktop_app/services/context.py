"""The one context object: paths, branch config, policy, keyring, clock, open database, session.

Built in one place (``build_context``) and passed explicitly to every service, the CLI and the UI.
Tests build it with a temporary data directory, an injected clock and a test keyring backend.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from desktop_app.domain.errors import BranchVaultError
from desktop_app.domain.security_policy import SecurityPolicy
from desktop_app.resource_files import RESOURCES
from desktop_app.services.session import Session
from desktop_app.store.branch_config import BranchConfig, load_config
from desktop_app.store.data_dir import DataPaths, resolve_data_dir
from desktop_app.store.database import Database
from desktop_app.store.device_secret import DeviceSecretStore
from desktop_app.store.machine_policy import apply_machine_policy

Clock = Callable[[], float]


class NotInitialised(BranchVaultError):
    code = "not_initialised"

    def __init__(self, root: Path) -> None:
        super().__init__(
            f"数据目录 {root} 中还没有门店。请先由 IT 运行 branchvault init。",
            f"No branch is set up in {root} yet. IT runs `branchvault init` first.",
        )


class NotSignedIn(BranchVaultError):
    code = "not_signed_in"

    def __init__(self) -> None:
        super().__init__("请先登录。", "Please sign in first.")


@cache
def common_passwords() -> frozenset[str]:
    path = RESOURCES / "policy" / "common-passwords.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line.strip() and not line.startswith("#"))


@dataclass
class AppContext:
    paths: DataPaths
    clock: Clock = time.time
    secrets: DeviceSecretStore = field(default_factory=DeviceSecretStore)
    config: BranchConfig | None = None
    db: Database | None = None
    session: Session | None = None
    policy_override: SecurityPolicy | None = None

    @property
    def policy(self) -> SecurityPolicy:
        if self.policy_override is not None:
            return self.policy_override
        base = self.config.policy() if self.config else SecurityPolicy()
        if self.session is None and self.config is not None and self.config.use_keyring:
            # Before sign-in the file is all there is: never weaker than the database's last values.
            from desktop_app.store.settings_witness import policy_before_sign_in

            base = policy_before_sign_in(self.config.branch_id, base)
        return apply_machine_policy(base)

    def require_config(self) -> BranchConfig:
        if self.config is None:
            if not self.paths.is_initialised():
                raise NotInitialised(self.paths.root)
            self.config = load_config(self.paths.config)
        return self.config

    def require_session(self) -> tuple[Session, Database]:
        if self.session is None or self.db is None:
            raise NotSignedIn()
        return self.session, self.db

    def reload_config(self) -> None:
        try:
            self.config = load_config(self.paths.config) if self.paths.config.exists() else None
        except BranchVaultError:
            self.config = None  # require_config() raises the bilingual error where it is needed

    def close(self) -> None:
        if self.db is not None:
            self.db.close()
        self.db = None
        self.session = None


def build_context(
    data_dir: str | Path | None = None, *, clock: Clock = time.time, secrets: DeviceSecretStore | None = None
) -> AppContext:
    paths = DataPaths(resolve_data_dir(data_dir))
    ctx = AppContext(paths=paths, clock=clock, secrets=secrets or DeviceSecretStore())
    ctx.reload_config()
    return ctx
