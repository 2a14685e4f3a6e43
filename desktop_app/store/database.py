"""Opening the branch's SQLCipher databases with raw 32-byte keys, and transactions.

Two files: ``branch.db`` (staff, audit log, key grants; every staff key opens it) and ``clients.db``
(client personal data; only the client-data key opens it), attached to the same connection as the
schema ``client_data`` for sessions that hold that key. Both use a rollback journal (``TRUNCATE``),
not WAL: SQLite then commits a transaction that spans both files atomically through a super-journal,
so a client change and its audit entry survive or vanish together across a crash (in WAL mode each
file would commit on its own). SQLCipher 4 defaults, ``secure_delete=ON``, ``foreign_keys=ON``.
Opening tells apart, with distinct bilingual messages: a wrong key, a file that is not a BranchVault
database, a corrupted file, and a schema newer than this app.

SQLite's result codes are named here and nowhere else (``known_database_error``): busy or locked
(another window or command holds the file: try again), disk full, read-only, and corrupt / not a
database (restore from a backup). Every statement run through ``Database`` raises the bilingual
error; the GUI and the CLI ask the same function about anything that escaped (a row fetched later),
so both say the same thing — a busy database is never reported as a damaged one.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import sqlcipher3

from desktop_app.domain.errors import BranchVaultError
from desktop_app.store import migration_backup, migrations
from desktop_app.store.data_dir import restrict_file

APPLICATION_ID = 0x42564C54  # "BVLT"
CLIENT_APPLICATION_ID = 0x4256434C  # "BVCL": the client-data database
CLIENT_SCHEMA = "client_data"
JOURNAL_MODE = "TRUNCATE"
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


class SlotFileMismatch(DatabaseOpenError):
    code = "keyslots_do_not_match_database"

    def __init__(self) -> None:
        super().__init__(
            "密钥槽文件（keyslots.json）与门店数据库（branch.db）不匹配：很可能是数据库密钥轮换后放回了旧的密钥槽文件，"
            "或只恢复了其中一个文件（也可能是数据库文件开头损坏）。不要只恢复一个文件：请 IT 从同一份备份同时恢复"
            " keyslots.json、branch.db 和 clients.db。",
            "The key-slot file (keyslots.json) does not match the branch database (branch.db): most likely "
            "an old slot file was put back after a key rotation, or only one of the files was restored (or "
            "the start of the database is damaged). Do not restore just one file: ask IT to restore "
            "keyslots.json, branch.db and clients.db together from the same backup.",
        )


class DiskFull(BranchVaultError):
    code = "disk_full"

    def __init__(self) -> None:
        super().__init__(
            "磁盘空间不足，操作未完成，数据没有改变。请清理磁盘或联系 IT。",
            "The disk is full. The action was not completed and nothing was changed. Free some space "
            "or contact IT.",
        )


class DatabaseReadOnly(BranchVaultError):
    code = "database_read_only"

    def __init__(self) -> None:
        super().__init__(
            "门店数据库文件只读，无法保存，数据没有改变。请联系 IT 检查数据文件夹的权限。",
            "The branch database file is read-only, so nothing could be saved and nothing was changed. "
            "Ask IT to check the data folder's permissions.",
        )


class DatabaseBusy(BranchVaultError):
    code = "database_busy"

    def __init__(self) -> None:
        super().__init__(
            "门店数据库正被另一个 BranchVault 窗口或命令占用，请稍后再试。",
            "The branch database is busy (another BranchVault window or command is using it). Try again shortly.",
        )


class DatabaseMissing(DatabaseOpenError):
    code = "database_missing"

    def __init__(self) -> None:
        super().__init__(
            "找不到门店数据库文件。请联系 IT 从备份恢复。",
            "The branch database file is missing. Ask IT to restore it.",
        )


class ClientDatabaseMissing(DatabaseOpenError):
    code = "client_database_missing"

    def __init__(self) -> None:
        super().__init__(
            "找不到客户资料数据库文件（clients.db）。请联系 IT 从备份恢复该文件。",
            "The client-data database file (clients.db) is missing. Ask IT to restore it from a backup.",
        )


class ClientTablesShadowed(DatabaseOpenError):
    """branch.db holds a table or view named like a client table: someone who can write branch.db
    (IT) planted it to catch client data. Queries name client tables with their schema, so nothing
    was written there; the branch is told instead of carrying on beside it."""

    code = "client_tables_shadowed"

    def __init__(self, names: list[str]) -> None:
        self.names = names
        listed = ", ".join(names)
        super().__init__(
            f"门店数据库 branch.db 中出现了与客户资料表同名的表（{listed}）：有人在程序之外改动了它。客户资料仍在 clients.db 中，"
            "未写入这些表。请立即告知店长和 IT 主管，由 IT 在见证下删除这些表或从备份恢复 branch.db。",
            f"The branch database branch.db contains tables named like client tables ({listed}): it was "
            "changed outside the app. Client data is still in clients.db and was not written there. Tell "
            "the branch manager and IT's supervisor at once; IT removes those tables under supervision or "
            "restores branch.db from a backup.",
        )


def _check_not_plain(path: Path) -> None:
    with path.open("rb") as handle:
        head = handle.read(16)
    if head == SQLITE_HEADER or len(head) < 16:
        raise NotBranchVaultDatabase()


_PAGE_SIZE = 4096  # SQLCipher 4 defaults: each page ends with a 16-byte IV and a 64-byte HMAC
_RESERVE = 16 + 64
_BTREE_PAGE_TYPES = {0x02, 0x05, 0x0A, 0x0D}


def _key_reads_later_pages(path: Path, key: bytes, pages: int = 8) -> bool:
    """Whether ``key`` decrypts pages 2.. of ``path`` into plausible SQLite b-tree pages: tells a
    damaged first page (the key is right) from a key of another time (nothing decrypts). Uses
    SQLCipher's page layout with AES-256-CBC under the raw key; it only reads, never writes."""
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

    with path.open("rb") as handle:
        handle.seek(_PAGE_SIZE)
        data = handle.read(_PAGE_SIZE * pages)
    for offset in range(0, len(data) - _PAGE_SIZE + 1, _PAGE_SIZE):
        page = data[offset : offset + _PAGE_SIZE]
        iv = page[_PAGE_SIZE - _RESERVE : _PAGE_SIZE - _RESERVE + 16]
        decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
        plain = decryptor.update(page[: _PAGE_SIZE - _RESERVE]) + decryptor.finalize()
        cells = int.from_bytes(plain[3:5], "big")
        content = int.from_bytes(plain[5:7], "big")
        if plain[0] in _BTREE_PAGE_TYPES and cells < _PAGE_SIZE // 4 and content <= _PAGE_SIZE - _RESERVE:
            return True
    return False


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
        # Set by the signed-in session (services/key_refresh.py): called when another session rotated a
        # key, it returns a fresh connection opened with the new keys (sealed to the same slot), or
        # raises DatabaseKeyChanged when this user no longer holds them (disabled, reset).
        self.reopen: Callable[[], sqlcipher3.Connection] | None = None
        self._commit_hooks: list[Callable[[], None]] = []
        self._close_hooks: list[Callable[[], None]] = []

    def _follow_key_change(self) -> None:
        assert self.reopen is not None
        old = self.connection
        self.connection = self.reopen()
        with contextlib.suppress(sqlcipher3.Error):
            old.close()

    def add_commit_hook(self, callback: Callable[[], None]) -> None:
        """Run ``callback`` after each outermost COMMIT succeeds (on the committing thread, still
        holding the transaction lock). The data is already committed: a hook must not raise."""
        self._commit_hooks.append(callback)

    def add_close_hook(self, callback: Callable[[], None]) -> None:
        """Run ``callback`` in ``close()`` before the connection closes; it must not raise."""
        self._close_hooks.append(callback)

    def execute(self, sql: str, params: tuple[object, ...] | dict[str, object] = ()) -> sqlcipher3.Cursor:
        try:
            return self._execute(sql, params)
        except DatabaseKeyChanged:
            if self.reopen is None or self._depth:
                raise
            self._follow_key_change()
            return self._execute(sql, params)

    def _execute(self, sql: str, params: tuple[object, ...] | dict[str, object]) -> sqlcipher3.Cursor:
        try:
            return self.connection.execute(sql, params)
        except sqlcipher3.DatabaseError as exc:
            if (
                _error_code(exc) == sqlcipher3.SQLITE_NOTADB
            ):  # pages no longer decrypt: another session ran rekey
                raise DatabaseKeyChanged() from exc
            known = known_database_error(exc)
            if known is not None:
                raise known from exc
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
        self._begin()
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

    def _begin(self) -> None:
        """BEGIN IMMEDIATE, first checking the keys still open every attached file; when another
        session rotated one, follow it (``reopen``) before anything is written."""
        if self.reopen is None:
            self._execute("BEGIN IMMEDIATE", ())  # a busy file says so
            return
        try:
            self._execute("BEGIN IMMEDIATE", ())
            for row in self.connection.execute("PRAGMA database_list").fetchall():
                if row[1] != "temp":
                    self._execute(f"SELECT count(*) FROM {row[1]}.sqlite_master", ())
        except DatabaseKeyChanged:
            if self.connection.in_transaction:
                self.connection.execute("ROLLBACK")
            self._follow_key_change()
            self.connection.execute("BEGIN IMMEDIATE")

    @property
    def in_transaction(self) -> bool:
        return self._depth > 0

    def rekey(self, new_key: bytes, schema: str = "main") -> None:
        """Re-encrypt every page of one attached file under ``new_key`` (its own transaction)."""
        self.connection.execute(f"PRAGMA {schema}.rekey = \"x'{new_key.hex()}'\"")

    def checkpoint(self) -> None:
        """Make everything committed so far durable before a dependent step (a key-slot file
        replaced after a rekey). The rollback journal syncs at every commit; this also leaves a file
        that was still in WAL mode (an old branch) with an empty WAL."""
        with contextlib.suppress(sqlcipher3.Error):
            self.connection.execute("PRAGMA main.wal_checkpoint(TRUNCATE)")

    @property
    def has_client_data(self) -> bool:
        """Whether the client-data database is attached to this connection."""
        rows = self.connection.execute("PRAGMA database_list").fetchall()
        return any(row[1] == CLIENT_SCHEMA for row in rows)

    def attach_client_data(self, path: Path, key: bytes, *, create: bool = False) -> None:
        """Attach ``clients.db`` under ``key`` as ``client_data`` and bring its schema up to date,
        or raise one of the DatabaseOpenError subclasses (the connection is left as it was)."""
        from desktop_app.store import client_schema  # local: avoids an import cycle

        if create:
            if path.exists():
                raise FileExistsError(path)
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        elif not path.exists():
            raise ClientDatabaseMissing()
        else:
            migration_backup.restore_left_over(
                path
            )  # a migration that crashed: back to the version before it
            _check_not_plain(path)
        lock = contextlib.ExitStack()  # the migration lock, held while a copy of the file exists
        copied = False
        try:
            self.connection.execute(
                f"ATTACH DATABASE ? AS {CLIENT_SCHEMA} KEY \"x'{key.hex()}'\"", (str(path),)
            )
            self.connection.execute(f"SELECT count(*) FROM {CLIENT_SCHEMA}.sqlite_master").fetchone()
            if create:
                self.connection.execute(f"PRAGMA {CLIENT_SCHEMA}.application_id = {CLIENT_APPLICATION_ID}")
            app_id = self.connection.execute(f"PRAGMA {CLIENT_SCHEMA}.application_id").fetchone()[0]
            if app_id != CLIENT_APPLICATION_ID:
                raise NotBranchVaultDatabase()
            version = client_schema.current_version(self)
            if version > client_schema.LATEST_VERSION:
                raise SchemaTooNew(version, client_schema.LATEST_VERSION)
            _apply_pragmas(self.connection, CLIENT_SCHEMA)
            if not create and version < client_schema.LATEST_VERSION:
                lock.enter_context(migration_backup.migration_lock(path))
                migration_backup.take(path)  # store/migration_backup.py
                copied = True
            client_schema.migrate(self)
            if copied:
                if self.connection.execute(f"PRAGMA {CLIENT_SCHEMA}.quick_check").fetchone()[0] != "ok":
                    raise CorruptDatabase()
                migration_backup.discard(path)  # the new version opened cleanly
                copied = False
                lock.close()
            shadows = self.connection.execute(
                "SELECT name FROM main.sqlite_master WHERE type IN ('table', 'view') AND name IN "
                f"(SELECT name FROM {CLIENT_SCHEMA}.sqlite_master WHERE type IN ('table', 'view'))"
            ).fetchall()
            if shadows and not create:  # at creation an old branch's own tables are still there, moving
                raise ClientTablesShadowed(sorted(str(row[0]) for row in shadows))
        except sqlcipher3.DatabaseError as exc:
            self._detach_after_failure(path, copied, lock)
            raise (
                WrongDatabaseKey() if _error_code(exc) == sqlcipher3.SQLITE_NOTADB else CorruptDatabase()
            ) from exc
        except BaseException:
            self._detach_after_failure(path, copied, lock)
            raise
        restrict_file(path)

    def _detach_after_failure(self, path: Path, copied: bool, lock: contextlib.ExitStack) -> None:
        """Leave the connection as it was; a failed migration puts the original file back."""
        self.detach_client_data()
        with lock:
            if copied:
                migration_backup.restore(path)

    def detach_client_data(self) -> None:
        with contextlib.suppress(sqlcipher3.Error):
            self.connection.execute(f"DETACH DATABASE {CLIENT_SCHEMA}")

    def close(self) -> None:
        """Close after any transaction another thread is in has ended (a worker job's write: closing
        the connection under it aborts the process)."""
        with self._thread_lock:
            for hook in list(self._close_hooks):
                hook()
            self.connection.close()


def _error_code(exc: BaseException) -> int | None:
    """The primary SQLite result code of ``exc`` (SQLITE_CORRUPT, SQLITE_NOTADB, ...)."""
    code = getattr(exc, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


_KNOWN_FAILURES: dict[int, Callable[[], BranchVaultError]] = {
    sqlcipher3.SQLITE_BUSY: DatabaseBusy,
    sqlcipher3.SQLITE_LOCKED: DatabaseBusy,
    sqlcipher3.SQLITE_FULL: DiskFull,
    sqlcipher3.SQLITE_READONLY: DatabaseReadOnly,
    sqlcipher3.SQLITE_CORRUPT: CorruptDatabase,  # a damaged page found after opening: same as at open
    sqlcipher3.SQLITE_NOTADB: CorruptDatabase,
}


def known_database_error(exc: BaseException) -> BranchVaultError | None:
    """The bilingual error an SQLite failure stands for, or None when it is not one we can name
    (a programming error such as a missing table stays "unexpected")."""
    if not isinstance(exc, sqlcipher3.DatabaseError):
        return None
    code = _error_code(exc)
    make = _KNOWN_FAILURES.get(code) if code is not None else None
    return make() if make is not None else None


def _connect(path: Path, key: bytes) -> sqlcipher3.Connection:
    connection = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=False, timeout=10)
    connection.execute("PRAGMA cipher_log_level = NONE")
    connection.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    return connection


def _apply_pragmas(connection: sqlcipher3.Connection, schema: str = "main") -> None:
    connection.execute(f"PRAGMA {schema}.journal_mode = {JOURNAL_MODE}")  # leaves WAL on an old branch
    connection.execute(f"PRAGMA {schema}.synchronous = NORMAL")
    connection.execute(f"PRAGMA {schema}.secure_delete = ON")
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
    migration_backup.restore_left_over(path)  # a migration that crashed: back to the version before it
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
        # The slot file is consistent with itself (its key matches its fingerprint) yet the first page
        # does not open: either page 1 is damaged (the key still reads the other pages) or the slot
        # file is from before a rekey, or the database from another time.
        if _key_reads_later_pages(path, key):
            raise CorruptDatabase() from exc
        raise SlotFileMismatch() from exc
    if app_id != APPLICATION_ID:
        connection.close()
        raise NotBranchVaultDatabase()
    version = connection.execute("PRAGMA user_version").fetchone()[0]
    if version > migrations.LATEST_VERSION:
        connection.close()
        raise SchemaTooNew(version, migrations.LATEST_VERSION)
    if version == migrations.LATEST_VERSION:
        try:
            _apply_pragmas(connection)
        except sqlcipher3.DatabaseError as exc:
            connection.close()
            raise CorruptDatabase() from exc
        restrict_file(path)
        return Database(connection, path)
    with migration_backup.migration_lock(path):
        database = _migrate_with_backup(connection, path)
    restrict_file(path)
    return database


def _migrate_with_backup(connection: sqlcipher3.Connection, path: Path) -> Database:
    """Migrate ``path`` (the migration lock held): an encrypted copy is taken first, put back when a
    migration fails, and removed once the new version passes ``quick_check``
    (store/migration_backup.py)."""
    try:
        _apply_pragmas(connection)  # an old branch leaves WAL here: the copy is the whole database
        migration_backup.take(path)
        database = Database(connection, path)
        migrations.migrate(database)
        if connection.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise CorruptDatabase()
    except BaseException as exc:
        connection.close()
        migration_backup.restore(path)
        if isinstance(exc, sqlcipher3.DatabaseError):
            raise CorruptDatabase() from exc
        raise
    migration_backup.discard(path)
    return database
