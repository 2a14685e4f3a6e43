"""The HQ database: engine for a URL (SQLite file in the data dir by default, PostgreSQL with
``postgresql+psycopg://``), Alembic migrations applied at start, sessions.

Rule: migrations run under a lock so two ``serve`` processes starting at once against one database
do not both create the schema: a PostgreSQL advisory lock (held on the migrating connection), and a
lock file next to the SQLite file. SQLite writes begin with ``BEGIN IMMEDIATE`` (one writer at a time,
waiting up to 30 s) in WAL mode, so concurrent requests queue instead of failing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from filelock import FileLock
from sqlalchemy import Engine, create_engine, event, make_url, text
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# Another package's revisions (the HQ page's own tables) live next to its code; included when present.
EXTRA_VERSION_DIRS = (Path(__file__).resolve().parents[1] / "web" / "migrations",)
ADVISORY_LOCK_ID = 0x4256_4851  # "BVHQ"
SQLITE_FILE = "hq.sqlite3"


def sqlite_url(data_dir: Path) -> str:
    return f"sqlite+pysqlite:///{(data_dir / SQLITE_FILE).resolve()}"


def normalise_url(url: str) -> str:
    """``postgresql://`` and ``postgres://`` mean psycopg 3 (the only PostgreSQL driver installed)."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def make_engine(url: str, *, pool_size: int = 10) -> Engine:
    url = normalise_url(url)
    if make_url(url).get_backend_name() == "sqlite":
        engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_connection: Any, _record: Any) -> None:
            dbapi_connection.isolation_level = None  # SQLAlchemy emits BEGIN itself (below)
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA busy_timeout=30000")
            cursor.close()

        @event.listens_for(engine, "begin")
        def _on_begin(connection: Any) -> None:
            connection.exec_driver_sql("BEGIN IMMEDIATE")

        return engine
    return create_engine(url, pool_size=pool_size, max_overflow=pool_size, pool_pre_ping=True)


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    locations = [str(MIGRATIONS / "versions"), *(str(d) for d in EXTRA_VERSION_DIRS if d.is_dir())]
    config.set_main_option("version_locations", " ".join(locations))
    config.set_main_option("path_separator", "space")
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def migrate(engine: Engine) -> None:
    """Apply every Alembic revision not yet applied (``upgrade heads``), under the lock."""
    url = engine.url
    if url.get_backend_name() == "sqlite":
        database = url.database or ""
        if database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)
            with FileLock(database + ".migrate.lock", timeout=120):
                _upgrade(engine)
                return
        _upgrade(engine)
        return
    with engine.connect() as connection:
        connection.execute(text("SELECT pg_advisory_lock(:id)"), {"id": ADVISORY_LOCK_ID})
        try:
            connection.commit()
            _upgrade(engine, connection)
        finally:
            connection.execute(text("SELECT pg_advisory_unlock(:id)"), {"id": ADVISORY_LOCK_ID})
            connection.commit()


def _upgrade(engine: Engine, connection: Any = None) -> None:
    config = alembic_config(engine.url.render_as_string(hide_password=False))
    if connection is None:
        with engine.begin() as conn:
            config.attributes["connection"] = conn
            command.upgrade(config, "heads")
    else:
        config.attributes["connection"] = connection
        command.upgrade(config, "heads")
        connection.commit()


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)
