"""Where the read-only resources (translations, policy lists, fonts, notices) are, from source or a bundle.

In a PyInstaller one-folder bundle (``installers/branchvault.spec``) everything the spec collects
sits under ``sys._MEIPASS``: the ``resources`` tree, compiled translations only (``.qm``, never
compiled at run time) and ``build_info.json`` with the version and build metadata.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

BUILD_INFO = "build_info.json"


def bundle_root() -> Path | None:
    """The folder a PyInstaller bundle unpacked its data to; None when running from source."""
    bundle = getattr(sys, "_MEIPASS", None)
    return Path(bundle) if getattr(sys, "frozen", False) and bundle else None


def is_frozen() -> bool:
    return bundle_root() is not None


def resources_dir() -> Path:
    root = bundle_root()
    if root is not None:
        return root / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def build_info() -> dict[str, Any]:
    """The bundle's build metadata (version, commit, build time, Python); {} from source."""
    root = bundle_root()
    if root is None:
        return {}
    import json  # only here: the sign-in window's start-up never needs it

    try:
        data = json.loads((root / BUILD_INFO).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


RESOURCES = resources_dir()
