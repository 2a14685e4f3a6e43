"""The application context: what lives as long as the process (paths, clock, keyring, branch config,
the security policy). Signing in gives a separate object with the open database and the session
(services/signed_in.py); services that act for a signed-in user take that, not this.

Built in one place (``build_context``) and passed explicitly to the services used before sign-in,
the CLI and the UI. Tests build it with a temporary data directory, an injected clock and a test
keyring backend.

The policy is computed once and again only when the branch configuration changes (``config`` is
set, ``reload_config``) or the branch settings' witness does (``settings_changed``): reading and
parsing the machine policy files on every access cost a file read per permission check.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from desktop_app.domain.branch_time import branch_day, utc_timestamp
from desktop_app.domain.errors import BranchVaultError
from desktop_app.domain.security_policy import SecurityPolicy
from desktop_app.resource_files import RESOURCES
from desktop_app.store.branch_config import BranchConfig, load_config
from desktop_app.store.data_dir import DataPaths, resolve_data_dir
from desktop_app.store.device_secret import DeviceSecretStore
from desktop_app.store.machine_policy import apply_machine_policy

if TYPE_CHECKING:
    from desktop_app.store.hq_link_repository import HqLink
    from desktop_app.sync.transport import HqTransport

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


class AppContext:
    """Fixed once built, except the branch configuration, which changes only through ``config``
    (branch setup and branch settings) and ``reload_config`` (the CLI's config command)."""

    def __init__(
        self,
        paths: DataPaths,
        clock: Clock = time.time,
        secrets: DeviceSecretStore | None = None,
        config: BranchConfig | None = None,
        policy_override: SecurityPolicy | None = None,
    ) -> None:
        self.paths = paths
        self.clock = clock
        self.secrets = secrets or DeviceSecretStore()
        self._config = config
        self._policy_override = policy_override
        self._policies: dict[bool, SecurityPolicy] = {}
        # How services reach HQ (services/hq_sync.py): None = HTTPS to the enrolled address; tests
        # put their own factory here to swap the transport.
        self.hq_transport_factory: Callable[[HqLink], HqTransport] | None = None

    @property
    def config(self) -> BranchConfig | None:
        return self._config

    @config.setter
    def config(self, config: BranchConfig | None) -> None:
        self._config = config
        self.settings_changed()

    @property
    def policy_override(self) -> SecurityPolicy | None:
        return self._policy_override

    @policy_override.setter
    def policy_override(self, policy: SecurityPolicy | None) -> None:
        self._policy_override = policy
        self.settings_changed()

    def settings_changed(self) -> None:
        """The configuration or the kept witness of the database's settings changed: recompute."""
        self._policies.clear()

    @property
    def policy(self) -> SecurityPolicy:
        """The policy before sign-in: the file is all there is, never weaker than the database's
        last values (store/settings_witness.py)."""
        return self.policy_for(signed_in=False)

    def policy_for(self, *, signed_in: bool) -> SecurityPolicy:
        """The policy, computed once per configuration; signed in, the database's values are in
        the configuration already (services/branch_settings.py), so the witness is not read."""
        policy = self._policies.get(signed_in)
        if policy is None:
            policy = self._compute_policy(signed_in=signed_in)
            self._policies[signed_in] = policy
        return policy

    def _compute_policy(self, *, signed_in: bool) -> SecurityPolicy:
        if self._policy_override is not None:
            return self._policy_override
        base = self._config.policy() if self._config else SecurityPolicy()
        if not signed_in and self._config is not None and self._config.use_keyring:
            # Before sign-in the file is all there is: never weaker than the database's last values.
            from desktop_app.store.settings_witness import policy_before_sign_in

            base = policy_before_sign_in(self._config.branch_id, base)
        return apply_machine_policy(base)

    def today(self) -> date:
        """Today in the branch's calendar (Beijing time)."""
        return branch_day(self.clock())

    def now_utc(self) -> str:
        """Now as a stored timestamp (UTC, ISO 8601)."""
        return utc_timestamp(self.clock())

    @property
    def session(self) -> NoReturn:
        """Nobody is signed in on a bare context: a service handed one refuses clearly (a page's
        job that outlived the sign-out, say) instead of failing on a missing attribute."""
        raise NotSignedIn()

    @property
    def db(self) -> NoReturn:
        raise NotSignedIn()

    def require_config(self) -> BranchConfig:
        config = self._config
        if config is None:
            if not self.paths.is_initialised():
                raise NotInitialised(self.paths.root)
            config = self.config = load_config(self.paths.config)
        return config

    def reload_config(self) -> None:
        try:
            self.config = load_config(self.paths.config) if self.paths.config.exists() else None
        except BranchVaultError:
            self.config = None  # require_config() raises the bilingual error where it is needed


def build_context(
    data_dir: str | Path | None = None, *, clock: Clock = time.time, secrets: DeviceSecretStore | None = None
) -> AppContext:
    paths = DataPaths(resolve_data_dir(data_dir))
    ctx = AppContext(paths=paths, clock=clock, secrets=secrets)
    ctx.reload_config()
    return ctx
