"""Per-user preferences (language only). Security settings are never read from here."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

import tomli_w

from desktop_app.store.data_dir import write_private_file

LANGUAGES = ("zh_CN", "en")


@dataclass(frozen=True)
class UserSettings:
    language: str = ""  # "" follows the system locale


def load_user_settings(path: Path) -> UserSettings:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return UserSettings()
    language = str(data.get("language", ""))
    return UserSettings(language=language if language in LANGUAGES else "")


def save_user_settings(path: Path, settings: UserSettings) -> None:
    write_private_file(path, tomli_w.dumps({"language": settings.language}).encode("utf-8"))
