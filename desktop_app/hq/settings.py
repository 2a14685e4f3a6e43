"""How an HQ process is configured: the database (``--data-dir`` SQLite file or ``--db`` URL), the
clock and the limits. The embedded default is ``platformdirs.user_data_dir("branchvault-hq")``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from platformdirs import user_data_dir

from desktop_app.hq.storage.database import normalise_url, sqlite_url

MAX_BODY_BYTES = 2 * 1024 * 1024
MAX_SKEW_SECONDS = 300


def default_data_dir() -> Path:
    return Path(user_data_dir("branchvault-hq", appauthor=False))


def database_url(data_dir: Path | None, db: str | None) -> str:
    if db:
        return normalise_url(db)
    return sqlite_url(data_dir if data_dir is not None else default_data_dir())


@dataclass(frozen=True)
class HqSettings:
    db_url: str
    clock: Callable[[], float] = field(default=time.time)
    max_body_bytes: int = MAX_BODY_BYTES
    max_skew_seconds: int = MAX_SKEW_SECONDS
    migrate: bool = True  # apply Alembic migrations when the app is created
