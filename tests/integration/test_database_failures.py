"""SQLite failures are named once, in the store, and the GUI and the CLI say the same thing.

Regression: the GUI reported every database error, "busy" included, as "database corrupted, restore
from a backup" while the CLI said "busy" — a busy file would send IT to overwrite a healthy one.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlcipher3

from desktop_app.cli.terminal import Output
from desktop_app.domain.errors import BranchVaultError
from desktop_app.store.database import (
    CorruptDatabase,
    DatabaseBusy,
    DatabaseReadOnly,
    DiskFull,
    create_database,
    known_database_error,
)
from desktop_app.ui.error_text import error_text

KEY = bytes(range(32))


@pytest.fixture
def busy_file(tmp_path: Path) -> Iterator[tuple[Path, sqlcipher3.Connection]]:
    """A database another connection (another window or command) holds a write lock on."""
    path = tmp_path / "branch.db"
    database = create_database(path, KEY)
    database.connection.execute("BEGIN IMMEDIATE")
    yield path, database.connection
    database.connection.execute("ROLLBACK")
    database.close()


def _busy_error(path: Path) -> sqlcipher3.DatabaseError:
    other = sqlcipher3.connect(str(path), isolation_level=None, timeout=0)
    other.execute(f"PRAGMA key = \"x'{KEY.hex()}'\"")
    try:
        other.execute("BEGIN IMMEDIATE")
    except sqlcipher3.DatabaseError as exc:
        return exc
    finally:
        other.close()
    raise AssertionError("the second connection was not refused")


def test_the_gui_reports_a_busy_database_as_busy_not_corrupted(
    busy_file: tuple[Path, sqlcipher3.Connection],
) -> None:
    exc = _busy_error(busy_file[0])
    english = error_text(exc, "en")
    chinese = error_text(exc, "zh_CN")
    assert "busy" in english and "corrupted" not in english
    assert "占用" in chinese and "损坏" not in chinese


def test_a_write_to_a_busy_database_raises_the_named_error(
    busy_file: tuple[Path, sqlcipher3.Connection],
) -> None:
    from desktop_app.store.database import open_database

    path, _holder = busy_file
    database = open_database(path, KEY)
    database.connection.execute("PRAGMA busy_timeout = 0")
    try:
        with pytest.raises(DatabaseBusy), database.transaction():
            pass
    finally:
        database.close()


def _coded(kind: type[sqlcipher3.DatabaseError], code: int) -> sqlcipher3.DatabaseError:
    exc = kind("from SQLite")
    exc.sqlite_errorcode = code  # type: ignore[attr-defined]
    return exc


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        (sqlcipher3.SQLITE_BUSY, DatabaseBusy),
        (sqlcipher3.SQLITE_LOCKED, DatabaseBusy),
        (sqlcipher3.SQLITE_BUSY | (1 << 8), DatabaseBusy),  # an extended code (SQLITE_BUSY_RECOVERY)
        (sqlcipher3.SQLITE_FULL, DiskFull),
        (sqlcipher3.SQLITE_READONLY, DatabaseReadOnly),
        (sqlcipher3.SQLITE_CORRUPT, CorruptDatabase),
        (sqlcipher3.SQLITE_NOTADB, CorruptDatabase),
    ],
)
def test_each_meaning_has_one_class_and_gui_and_cli_say_the_same(
    code: int, expected: type[BranchVaultError], capsys: pytest.CaptureFixture[str]
) -> None:
    from desktop_app.cli.failures import report_failure

    exc = _coded(sqlcipher3.OperationalError, code)
    known = known_database_error(exc)
    assert type(known) is expected
    assert report_failure(exc, lambda: Output(as_json=False)) == 1
    printed = capsys.readouterr().err
    for language in ("zh_CN", "en"):
        assert error_text(exc, language) == known.message(language)
        assert known.message(language) in printed


def test_a_programming_error_is_not_given_a_database_meaning() -> None:
    exc = sqlcipher3.OperationalError("no such table: clients")
    assert known_database_error(exc) is None
    assert "unexpected error" in error_text(exc, "en")
