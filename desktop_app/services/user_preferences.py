"""What the GUI reads and writes before anyone signs in: where the branch's data folder is and the
language the user chose (per user, never a security setting).

The GUI reaches files only through the services (tests/unit/test_layers.py: ``ui`` never imports
``store``); these are thin doors to store/data_dir.py and store/user_settings.py.
"""

from __future__ import annotations

import os
from pathlib import Path

from desktop_app.store.data_dir import resolve_data_dir
from desktop_app.store.user_settings import UserSettings, load_user_settings, save_user_settings


def data_folder(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The data folder: ``explicit``, else BRANCHVAULT_HOME, else IT's machine config, else the default."""
    return resolve_data_dir(explicit)


def saved_language(path: Path) -> str:
    """The language saved in the user-settings file ``path`` ("" when none or unreadable)."""
    return load_user_settings(path).language


def save_language(path: Path, language: str) -> None:
    """Remember ``language`` in the user-settings file ``path`` (0600, written atomically)."""
    save_user_settings(path, UserSettings(language=language))
