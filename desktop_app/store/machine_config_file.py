"""Where the machine-wide branch configuration lives, and reading it (format: domain/machine_config.py).

Locations, written by IT's installer or deployment tool (administrator rights):

- Linux: ``/etc/branchvault/branch-config.toml``
- Windows: ``%ProgramData%\\BranchVault\\branch-config.toml``
- macOS: ``/Library/Application Support/BranchVault/branch-config.toml``

``BRANCHVAULT_MACHINE_CONFIG`` names another file instead (tests, unusual layouts). The file is
different from the machine *policy* file (store/machine_policy.py), which may only tighten security.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path, PureWindowsPath

from desktop_app.domain.errors import InvalidInput
from desktop_app.domain.machine_config import MachineConfig, MachineConfigError, Problem, parse_machine_config

ENV_MACHINE_CONFIG = "BRANCHVAULT_MACHINE_CONFIG"
FILE_NAME = "branch-config.toml"
MAX_BYTES = 64 * 1024


class MachineConfigMissing(InvalidInput):
    code = "machine_config_missing"

    def __init__(self, path: Path | str) -> None:
        super().__init__(
            f"找不到门店部署配置文件：{path}。",
            f"The branch provisioning file does not exist: {path}.",
        )


def machine_config_path(platform: str | None = None, environ: Mapping[str, str] | None = None) -> Path:
    """The machine-wide file for this OS (``BRANCHVAULT_MACHINE_CONFIG`` wins when set)."""
    env = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    named = env.get(ENV_MACHINE_CONFIG)
    if named:
        return Path(named)
    if platform.startswith("win"):
        base = env.get("ProgramData") or env.get("PROGRAMDATA") or r"C:\ProgramData"
        return Path(str(PureWindowsPath(base, "BranchVault", FILE_NAME)))  # str: testable off Windows
    if platform == "darwin":
        return Path("/Library/Application Support/BranchVault") / FILE_NAME
    return Path("/etc/branchvault") / FILE_NAME


def read_machine_config(path: Path) -> MachineConfig:
    """Read and validate ``path``. Missing, too large, not UTF-8 or invalid: exit code 2 errors."""
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except (FileNotFoundError, NotADirectoryError):
        raise MachineConfigMissing(path) from None
    if len(raw) > MAX_BYTES:
        raise MachineConfigError(
            str(path),
            [
                Problem(
                    "file", None, f"文件超过 {MAX_BYTES // 1024} KiB", f"larger than {MAX_BYTES // 1024} KiB"
                )
            ],
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise MachineConfigError(
            str(path),
            [
                Problem(
                    "file", None, f"不是 UTF-8 编码（第 {exc.start} 字节）", f"not UTF-8 (byte {exc.start})"
                )
            ],
        ) from None
    return parse_machine_config(text, str(path))


def load_machine_config(path: Path | None = None) -> MachineConfig | None:
    """The machine-wide configuration, or None when this machine has none (invalid: raises)."""
    target = Path(path if path is not None else machine_config_path())
    if not target.exists():
        return None
    return read_machine_config(target)


def machine_data_dir() -> Path | None:
    """The data directory the machine-wide file sets (``[install] data_dir``), if any.

    Meant for ``store.data_dir.resolve_data_dir`` after ``--data-dir`` and ``BRANCHVAULT_HOME``,
    so the app finds a branch provisioned into a custom directory. An invalid file gives None here:
    the app then opens the default location and ``provision`` reports the error.
    """
    try:
        config = load_machine_config()
    except (InvalidInput, OSError):
        return None
    if config is None or not config.data_dir:
        return None
    return Path(config.data_dir).expanduser()
