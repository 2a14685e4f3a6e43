"""Opening the branch's SQLCipher database with a raw 32-byte key, and transactions.

SQLCipher 4 defaults, WAL, ``secure_delete=ON``, ``foreign_keys=ON``. Opening tells apart, with
distinct bilingual messages: a wrong key, a file that is not a BranchVault database, a corrupted
file, and a schema newer than this app.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import sqlcipher3

from desktop_app.domain.errors import BranchVaultError
from desktop_app.store import migrations
from desktop_app.store.data_dir import restrict_file

APPLICATION_ID = 0x42564C54  # "BVLT"
SQLITE_HEADER = b"SQLite format 3\x00"
DatabaseError = sqlcipher3.DatabaseError


class DatabaseOpenError(BranchVaultError):
    code = "database_open_failed"


class WrongDatabaseKey(DatabaseOpenError):
    code = "wrong_key"

    def __init__(self) -> None:
        super().__init__(
            "数据库密钥不正确，无法打开门店数据库。",
            "The database key is wrong; the branch database cannot be opened.",
        )


class NotBranchVaultDatabase(DatabaseOpenError):
    code = "not_branchvault_database"

    def __init__(self) -> None:
        super().__init__(
            "该文件不是本门店的 BranchVault 数据库（可能被替换成了其他文件）。请联系 IT 从备份恢复。",
            "This file is not this branch's BranchVault database (it may have been replaced). "
            "Ask IT to restore it from a backup.",
        )


class CorruptDatabase(DatabaseOpenError):
    code = "database_corrupt"

    def __init__(self) -> None:
        super().__init__(
            "门店数据库文件已损坏（完整性校验失败）。请勿继续使用，联系 IT 从备份恢复。",
            "The branch database file is corrupted (integrity check failed). Stop and ask IT to restore "
            "it from a backup.",
        )


class SchemaTooNew(DatabaseOpenError):
    code = "schema_too_new"

    def __init__(self, found: int, supported: int) -> None:
        super().__init__(
            f"数据库由更新版本的 BranchVault 创建（结构版本 {found}，本程序支持 {supported}）。请升级本程序。",
            f"The database was created by a newer BranchVault (schema {found}, this app supports "
            f"{supported}). Please upgrade the app.",
        )


class DatabaseKeyChanged(DatabaseOpenError):
    code = "database_key_changed"

    def __init__(self) -> None:
        super().__init__(
            "IT 刚刚更换了数据库密钥，请重新登录。",
            "IT has just rotated the database key. Please sign in again.",
        )


class DiskFull(BranchVaultError):
    code = "disk_full"

    def __init__(self) -> None:
        super().__init__(
            "磁盘空间不足，操作未完成，数据没有改变。请清理磁盘或联系 IT。",
            "The disk is full. The action was not completed and nothing was changed. Free some space "
            "or contact IT.",
        )


class DatabaseMissing(DatabaseOpenError):
    code = "database_missing"

    def __init__(self) -> None:
        super().__init__(
            "找不到门店数据库文件。请联系 IT 从备份恢复。",
            "The branch database file is missing. Ask IT to restore it.",
        )


def read_file_salt(path: Path) -> str:
    """SQLCipher keeps a random 16-byte salt at the start of the file; it is not secret."""
    with path.open("rb") as handle:
        return handle.read(16).hex()


class Database:
    """One open connection to the branch database."""

    def __init__(self, connection: sqlcipher3.Connection, path: Path) -> None:
        self.connection = connection
        self.path = path
        self._depth = 0
        self._thread_lock = threading.RLock()
        self._commit_hooks: list[Callable[[], None]] = []
        self._close_hooks: list[Callable[[], None]] = []

    def add_commit_hook(self, callback: Callable[[], None]) -> None:
        """Run ``callback`` after each outermost COMMIT succeeds (on the committing thread, still
        holding the transaction lock). The data is already committed: a hook must not raise."""
        self._commit_hooks.append(callback)

    def add_close_hook(self, callback: Callable[[], None]) -> None:
        """Run ``callback`` in ``close()`` before the connection closes; it must not raise."""
        self._close_hooks.append(callback)

    def execute(self, sql: str, params: tuple[object, ...] | dict[str, object] = ()) -> sqlcipher3.Cursor:
        try:
            return self.connection.execute(sql, params)
        except sqlcipher3.DatabaseError as exc:
            code = _error_code(exc)
            if code == sqlcipher3.SQLITE_CORRUPT:  # a damaged page found after opening: same as at open
                raise CorruptDatabase() from exc
            if code == sqlcipher3.SQLITE_FULL:
                raise DiskFull() from exc
            if code == sqlcipher3.SQLITE_NOTADB:  # pages no longer decrypt: another session ran rekey
                raise DatabaseKeyChanged() from exc
            raise

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Database]:
        """BEGIN IMMEDIATE ... COMMIT; rolls back on any exception. Nested calls on the same thread
        join the outer one; another thread waits until the open transaction ends."""
        with self._thread_lock:
            with self._transaction() as database:
                yield database

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[Database]:
        if self._depth:
            self._depth += 1
            try:
                yield self
            finally:
                self._depth -= 1
            return
        self.connection.execute("BEGIN IMMEDIATE")
        self._depth = 1
        try:
            yield self
        except BaseException:
            self._depth = 0
            self.connection.execute("ROLLBACK")
            raise
        self._depth = 0
        try:
            self.execute("COMMIT")
        except BaseException:
            with contextlib.suppress(sqlcipher3.Error):
                self.connection.execute("ROLLBACK")
            raise
        for hook in list(self._commit_hooks):
            hook()

    @property
    def in_transaction(self) -> bool:
        return self._depth > 0

    def rekey(self, new_key: bytes) -> None:
        self.connection.execute(f"PRAGMA rekey = \"x'{new_key.hex()}'\"")

    def checkpoint(self) -> None:
        """Copy the WAL into the database file and sync both (durability before a dependent step)."""
        self.connection.execute("PRAGMA synchronous = FULL")
        try:
            busy, _, _ = self.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            if busy:  # another connection is reading; FULL sync still made the WAL durable
                self.connection.execute("PRAGMA wal_checkpoint(PASSIVE)")
        finally:
            self.connection.execute("PRAGMA synchronous = NORMAL")

    def close(self) -> None:
        for hook in list(self._close_hooks):
            hook()
        with contextlib.suppress(sqlcipher3.Error):
            self.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self.connection.close()


def _error_code(exc: sqlcipher3.DatabaseError) -> int | None:
    """The primary SQLite result code of ``exc`` (SQLITE_CORRUPT, SQLITE_NOTADB, ...)."""
    code = getattr(exc, "sqlite_errorcode", None)
    return None if code is None else int(code) & 0xFF


def _connect(path: Path, key: bytes) -> sqlcipher3.Connection:
    connection = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=False, timeout=10)
    connection.execute("PRAGMA cipher_log_level = NONE")
    connection.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    return connection


def _apply_pragmas(connection: sqlcipher3.Connection) -> None:
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = NORMAL")
    connection.execute("PRAGMA secure_delete = ON")
    connection.execute("PRAGMA foreign_keys = ON")
    connection.execute("PRAGMA temp_store = MEMORY")  # sorts and temp tables never touch disk


def create_database(path: Path, key: bytes) -> Database:
    """Create a new encrypted database and apply every migration."""
    if path.exists():
        raise FileExistsError(path)
    # Create the file 0600 first: SQLite gives the -wal and -shm files the database file's mode.
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    connection = _connect(path, key)
    _apply_pragmas(connection)
    connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    database = Database(connection, path)
    migrations.migrate(database)
    restrict_file(path)
    return database


def open_database(
    path: Path, key: bytes, *, expected_fingerprint: str | None = None, expected_salt: str | None = None
) -> Database:
    """Open and migrate the database, or raise one of the DatabaseOpenError subclasses."""
    from desktop_app.store.key_slots import key_fingerprint  # local: avoids an import cycle

    if not path.exists():
        raise DatabaseMissing()
    with path.open("rb") as handle:
        head = handle.read(16)
    if head == SQLITE_HEADER or len(head) < 16:
        raise NotBranchVaultDatabase()
    if expected_fingerprint is not None and key_fingerprint(key) != expected_fingerprint:
        raise WrongDatabaseKey()
    connection = _connect(path, key)
    try:
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        app_id = connection.execute("PRAGMA application_id").fetchone()[0]
    except sqlcipher3.DatabaseError as exc:
        connection.close()
        if expected_salt and head.hex() != expected_salt:
            raise NotBranchVaultDatabase() from exc
        if expected_fingerprint is None:
            raise WrongDatabaseKey() from exc
        raise CorruptDatabase() from exc
    if app_id != APPLICATION_ID:
        connection.close()
        raise NotBranchVaultDatabase()
    version = connection.execute("PRAGMA user_version").fetchone()[0]
    if version > migrations.LATEST_VERSION:
        connection.close()
        raise SchemaTooNew(version, migrations.LATEST_VERSION)
    try:
        _apply_pragmas(connection)
        database = Database(connection, path)
        migrations.migrate(database)
    except sqlcipher3.DatabaseError as exc:
        connection.close()
        raise CorruptDatabase() from exc
    restrict_file(path)
    return database
