"""The machine-wide security policy file written by IT; it can only make settings stricter.

Locations: Linux ``/etc/xdg/BranchVault/policy.toml`` (XDG site config), Windows
``%PROGRAMDATA%\\BranchVault\\policy.toml``, macOS ``/Library/Application Support/BranchVault/policy.toml``.
``BRANCHVAULT_POLICY`` names another file (it can only tighten, so it cannot be used to weaken).
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

import platformdirs

from desktop_app.domain.security_policy import PolicyError, SecurityPolicy, tighten
from desktop_app.store.branch_config import ConfigError

ENV_POLICY = "BRANCHVAULT_POLICY"


def machine_policy_path() -> Path:
    env = os.environ.get(ENV_POLICY)
    if env:
        return Path(env)
    return Path(platformdirs.site_config_dir("BranchVault", appauthor=False)) / "policy.toml"


def apply_machine_policy(policy: SecurityPolicy, path: Path | None = None) -> SecurityPolicy:
    path = path or machine_policy_path()
    if not path.exists():
        return policy
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        return tighten(policy, dict(data.get("security", {})))
    except (tomllib.TOMLDecodeError, PolicyError, OSError, TypeError, ValueError) as exc:  # e.g. security = 5
        raise ConfigError(
            f"机器安全策略文件有误（{path}）：{exc}。请联系 IT。",
            f"The machine security policy file is invalid ({path}): {exc}. Contact IT.",
        ) from exc
