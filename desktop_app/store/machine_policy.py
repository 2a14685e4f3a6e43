"""The machine-wide security policy file written by IT; it can only make settings stricter.

Locations: Linux ``/etc/xdg/BranchVault/policy.toml`` (XDG site config), Windows
``%PROGRAMDATA%\\BranchVault\\policy.toml``, macOS ``/Library/Application Support/BranchVault/policy.toml``.
``BRANCHVAULT_POLICY`` names a further file, applied on top of the site file; it must exist, and
like the site file it can only tighten, so it cannot be used to weaken or to skip IT's policy.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

import platformdirs

from desktop_app.domain.security_policy import PolicyError, SecurityPolicy, tighten
from desktop_app.store.branch_config import ConfigError

ENV_POLICY = "BRANCHVAULT_POLICY"


def site_policy_path() -> Path:
    return Path(platformdirs.site_config_dir("BranchVault", appauthor=False)) / "policy.toml"


def machine_policy_paths() -> list[Path]:
    """The site file (if present) and the file named by ``BRANCHVAULT_POLICY`` (which must exist)."""
    paths = [site_policy_path()]
    env = os.environ.get(ENV_POLICY)
    if env:
        named = Path(env)
        if not named.exists():
            raise ConfigError(
                f"环境变量 {ENV_POLICY} 指向的安全策略文件不存在（{named}）。请联系 IT。",
                f"The security policy file named by {ENV_POLICY} does not exist ({named}). Contact IT.",
            )
        paths.append(named)
    return paths


def apply_machine_policy(policy: SecurityPolicy, path: Path | None = None) -> SecurityPolicy:
    """Tighten ``policy`` with every machine policy file (each can only make settings stricter)."""
    for candidate in [path] if path is not None else machine_policy_paths():
        policy = _apply_file(policy, candidate)
    return policy


def _apply_file(policy: SecurityPolicy, path: Path) -> SecurityPolicy:
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
