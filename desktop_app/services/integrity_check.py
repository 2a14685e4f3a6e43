"""The database integrity check: is every page of the branch's files intact, does every row still
point at what it names, does the audit chain hold, and do the key slots match the staff list.

Rule: a damaged page must be found by the branch, not by the first person who happens to read it.
SQLCipher keeps a 64-byte HMAC at the end of every page and only verifies it when the page is read,
so a file with a few flipped bytes in a page no query touches opens, lists its staff and passes
``audit verify``'s chain walk. This check reads every page (``PRAGMA cipher_integrity_check``, which
names the damaged page numbers), then asks SQLite for its b-tree and index consistency
(``PRAGMA integrity_check``) and for rows whose foreign keys point nowhere (``PRAGMA
foreign_key_check``), on ``branch.db`` and, when the session holds the client-data key, on
``clients.db``. Then the audit hash chain (domain/audit_chain.verify_chain) and the key slots
(``keyslots.json`` parses, one slot per active staff member whose public key the database recorded,
none for anybody else, the recovery slot present and the one the database recorded).

Without the client-data key (IT admin, auditor) ``clients.db`` cannot be decrypted; the check says
so and only checks what it honestly can: the file exists, it is not a plaintext SQLite file, and its
size is a whole number of 4096-byte pages (a truncated or padded file is not).

Each pragma is its own statement, outside any transaction: it holds a read lock only while it runs
and never the write lock, so other windows and commands keep writing between the steps.

Legal basis: GB/T 22239-2019 (MLPS 2.0) level 3, 8.1.4.7 data integrity (detect damage to important
data and take recovery measures) and 8.1.4.9 data backup and recovery; PIPL art. 51 (security measures
against loss or tampering of personal information).
"""

from __future__ import annotations

import contextlib
import json
import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import sqlcipher3
from filelock import Timeout

from desktop_app.domain.audit_chain import verify_chain
from desktop_app.domain.errors import BranchVaultError
from desktop_app.domain.permissions import Action
from desktop_app.services.audit_trail import check_permission, record
from desktop_app.services.security_alerts import raise_alert
from desktop_app.services.signed_in import SignedIn
from desktop_app.store.audit_repository import AuditRepository
from desktop_app.store.client_key_repository import FINGERPRINT, ClientKeyRepository
from desktop_app.store.data_dir import DataPaths
from desktop_app.store.database import (
    CLIENT_SCHEMA,
    SQLITE_HEADER,
    Database,
    DatabaseBusy,
    known_database_error,
)
from desktop_app.store.integrity_reader import integrity_reader, integrity_snapshot
from desktop_app.store.key_slot_changes import slot_lock
from desktop_app.store.key_slots import RECOVERY_NAME, KeySlotFileError, load_key_slots
from desktop_app.store.meta_repository import RECOVERY_PUBLIC_KEY, MetaRepository
from desktop_app.store.staff_repository import StaffRepository

PAGE_SIZE = 4096  # SQLCipher 4 default, as store/database.py opens every file
log = logging.getLogger(__name__)
SLOT_LOCK_WAIT_SECONDS = 30
MAX_ROWS = 50  # rows kept from one pragma's answer: enough to name the damage, bounded
ADVICE = (
    "请立即告知 IT：IT 用最近一份已验证的备份恢复（branchvault backup restore），恢复前不要再录入数据。",
    "Tell IT now: IT restores the latest verified backup (branchvault backup restore); "
    "enter nothing more until then.",
)


@dataclass(frozen=True)
class CheckFinding:
    """One check on one file. ``name`` is ``<file>:<check>``, e.g. ``branch.db:cipher_integrity_check``.
    ``skipped`` marks a check this session could not run (clients.db without the client-data key):
    it is not a failure, and says so."""

    name: str
    ok: bool
    zh: str
    en: str
    detail: str = ""
    skipped: bool = False

    def to_dict(self) -> dict[str, object]:
        return {
            "name": self.name,
            "ok": self.ok,
            "skipped": self.skipped,
            "zh": self.zh,
            "en": self.en,
            "detail": self.detail,
        }


@dataclass(frozen=True)
class IntegrityReport:
    findings: tuple[CheckFinding, ...]
    duration_ms: int = field(default=0, compare=False)

    @property
    def ok(self) -> bool:
        return all(finding.ok for finding in self.findings)

    @property
    def problems(self) -> tuple[CheckFinding, ...]:
        return tuple(finding for finding in self.findings if not finding.ok)

    def to_dict(self) -> dict[str, object]:
        return {
            "ok": self.ok,
            "duration_ms": self.duration_ms,
            "findings": [finding.to_dict() for finding in self.findings],
        }


class IntegrityCheckFailed(BranchVaultError):
    """For the CLI and the GUI: the check ran and found damage (names the failing checks)."""

    code = "integrity_check_failed"

    def __init__(self, report: IntegrityReport) -> None:
        self.report = report
        names = "、".join(problem.name for problem in report.problems)
        super().__init__(
            f"完整性检查发现问题：{names}。{ADVICE[0]}",
            f"The integrity check found problems: {', '.join(p.name for p in report.problems)}. {ADVICE[1]}",
        )


def _read_failed(name: str, zh_what: str, en_what: str, exc: BaseException) -> CheckFinding:
    """A check that could not even read its file (SQLITE_CORRUPT and the like) failed. A busy file is
    not damage: that error goes up (the check could not run; try again)."""
    busy = exc if isinstance(exc, DatabaseBusy) else known_database_error(exc)
    if isinstance(busy, DatabaseBusy):
        raise busy
    detail = str(exc) if not isinstance(exc, BranchVaultError) else exc.en
    return CheckFinding(
        name,
        False,
        f"{zh_what}：读取时出错（文件已损坏）。{ADVICE[0]}",
        f"{en_what}: the check could not read the file (it is damaged). {ADVICE[1]}",
        detail[:500],
    )


def _pragma_rows(db: Database, sql: str) -> list[tuple[Any, ...]]:
    cursor = db.connection.execute(sql)
    rows: list[tuple[Any, ...]] = []
    for row in cursor:
        rows.append(tuple(row))
        if len(rows) >= MAX_ROWS:
            break
    cursor.close()
    return rows


def _cipher_check(db: Database, file: str, schema: str) -> CheckFinding:
    name = f"{file}:cipher_integrity_check"
    zh_what, en_what = f"{file} 逐页校验（HMAC）", f"{file} page check (HMAC)"
    try:
        rows = _pragma_rows(db, f"PRAGMA {schema}.cipher_integrity_check")
    except (sqlcipher3.Error, BranchVaultError) as exc:
        return _read_failed(name, zh_what, en_what, exc)
    if not rows:
        return CheckFinding(name, True, f"{zh_what}：每一页完好。", f"{en_what}: every page is intact.")
    lines = [str(row[0]) for row in rows]
    pages = _page_numbers(lines)
    page_text = ", ".join(str(p) for p in pages) if pages else "?"
    return CheckFinding(
        name,
        False,
        f"{zh_what}：第 {page_text} 页已损坏（内容被改动或磁盘出错）。{ADVICE[0]}",
        f"{en_what}: page(s) {page_text} are damaged (altered or a disk fault). {ADVICE[1]}",
        "; ".join(lines),
    )


def _page_numbers(lines: Sequence[str]) -> list[int]:
    pages: list[int] = []
    for line in lines:
        words = line.replace(",", " ").split()
        for index, word in enumerate(words[:-1]):
            if word.lower() == "page" and words[index + 1].isdigit():
                number = int(words[index + 1])
                if number not in pages:
                    pages.append(number)
    return pages


def _integrity(db: Database, file: str, schema: str) -> CheckFinding:
    name = f"{file}:integrity_check"
    zh_what, en_what = f"{file} 结构检查", f"{file} structure check"
    try:
        rows = _pragma_rows(db, f"PRAGMA {schema}.integrity_check({MAX_ROWS})")
    except (sqlcipher3.Error, BranchVaultError) as exc:
        return _read_failed(name, zh_what, en_what, exc)
    lines = [str(row[0]) for row in rows]
    if lines == ["ok"]:
        return CheckFinding(name, True, f"{zh_what}：表和索引一致。", f"{en_what}: tables and indexes agree.")
    return CheckFinding(
        name,
        False,
        f"{zh_what}：表或索引不一致（{len(lines)} 处）。{ADVICE[0]}",
        f"{en_what}: tables or indexes disagree ({len(lines)} problem(s)). {ADVICE[1]}",
        _first_lines(lines),
    )


DETAIL_LINES = 5  # a damaged page gives dozens of the same SQLite line: the first few name it


def _first_lines(lines: list[str]) -> str:
    """The first ``DETAIL_LINES`` distinct lines of a pragma's answer, and how many more there were."""
    distinct = list(dict.fromkeys(lines))
    shown = "; ".join(distinct[:DETAIL_LINES])
    more = len(lines) - min(len(distinct), DETAIL_LINES)
    return f"{shown}; … (+{more})" if more > 0 else shown


def _foreign_keys(db: Database, file: str, schema: str) -> CheckFinding:
    name = f"{file}:foreign_key_check"
    zh_what, en_what = f"{file} 外键检查", f"{file} foreign-key check"
    try:
        tables = [
            str(row[0])
            for row in db.connection.execute(
                f"SELECT name FROM {schema}.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        rows: list[tuple[Any, ...]] = []
        for table in tables:
            rows.extend(_pragma_rows(db, f'PRAGMA {schema}.foreign_key_check("{table}")'))
            if len(rows) >= MAX_ROWS:
                break
    except (sqlcipher3.Error, BranchVaultError) as exc:
        return _read_failed(name, zh_what, en_what, exc)
    if not rows:
        return CheckFinding(
            name, True, f"{zh_what}：每条引用都有对象。", f"{en_what}: every reference resolves."
        )
    tables_hit = sorted({str(row[0]) for row in rows})
    detail = "; ".join(f"{row[0]} rowid {row[1]} -> {row[2]}" for row in rows)
    return CheckFinding(
        name,
        False,
        f"{zh_what}：表 {', '.join(tables_hit)} 有 {len(rows)} 行引用了不存在的记录。{ADVICE[0]}",
        f"{en_what}: table(s) {', '.join(tables_hit)} have {len(rows)} row(s) pointing at nothing. {ADVICE[1]}",
        detail,
    )


def _audit_chain(db: Database) -> CheckFinding:
    name = "branch.db:audit_chain"
    zh_what, en_what = "branch.db 审计日志哈希链", "branch.db audit hash chain"
    try:
        chain = verify_chain(AuditRepository(db).iter_all())
    except (sqlcipher3.Error, BranchVaultError) as exc:
        return _read_failed(name, zh_what, en_what, exc)
    if chain.ok:
        return CheckFinding(
            name,
            True,
            f"{zh_what}：{chain.checked} 条记录连续完整。",
            f"{en_what}: {chain.checked} entries intact.",
        )
    return CheckFinding(
        name,
        False,
        f"{zh_what}：在第 {chain.first_broken_seq} 条处断开（记录被改动或删除）。请告知审计员和 IT。",
        f"{en_what}: broken at entry {chain.first_broken_seq} (altered or deleted). Tell the auditor and IT.",
        chain.problem,
    )


def _key_slots(db: Database, paths: DataPaths, branch_id: str) -> CheckFinding:
    """Under the key-slot lock: every slot change commits the database and replaces the file while
    holding it, so the two are compared at a moment when they agree unless something is wrong."""
    lock = slot_lock(paths)
    try:
        lock.acquire(timeout=SLOT_LOCK_WAIT_SECONDS)
    except Timeout:  # a rekey of a large database: compare anyway (a rare false alarm, never a miss)
        return _key_slots_now(db, paths, branch_id)
    try:
        return _key_slots_now(db, paths, branch_id)
    finally:
        lock.release()


def _key_slots_now(db: Database, paths: DataPaths, branch_id: str) -> CheckFinding:
    name = "keyslots.json:slots"
    zh_what, en_what = "keyslots.json 密钥槽", "keyslots.json key slots"
    try:
        slots = load_key_slots(paths.key_slots, branch_id)
    except KeySlotFileError as exc:
        return CheckFinding(name, False, exc.zh, exc.en, exc.detail)
    try:
        recorded = StaffRepository(db).slot_public_keys()
        recovery = MetaRepository(db).get(RECOVERY_PUBLIC_KEY)
    except (sqlcipher3.Error, BranchVaultError) as exc:
        return _read_failed(name, zh_what, en_what, exc)
    problems_zh: list[str] = []
    problems_en: list[str] = []
    missing = sorted(n for n, key in recorded.items() if key and (n not in slots.slots))
    unsealed = sorted(n for n, key in recorded.items() if not key)
    mismatched = sorted(
        n for n, key in recorded.items() if key and n in slots.slots and slots.slots[n].public_key != key
    )
    extra = sorted(n for n in slots.slots if n != RECOVERY_NAME and n not in recorded)
    if missing or unsealed:
        who = ", ".join(missing + unsealed)
        problems_zh.append(f"在职人员没有密钥槽：{who}（无法登录）")
        problems_en.append(f"active staff without a slot: {who} (cannot sign in)")
    if mismatched:
        who = ", ".join(mismatched)
        problems_zh.append(f"密钥槽与数据库记录的公钥不符：{who}（被替换）")
        problems_en.append(f"slot does not match the public key the database recorded: {who} (replaced)")
    if extra:
        who = ", ".join(extra)
        problems_zh.append(f"不属于任何在职人员的密钥槽：{who}（已停用或被植入）")
        problems_en.append(f"slot for no active staff member: {who} (disabled or planted)")
    recovery_slot = slots.recovery_slot()
    if recovery_slot is None:
        problems_zh.append("没有恢复槽（恢复码无法使用）")
        problems_en.append("no recovery slot (the recovery code cannot work)")
    elif recovery is not None and recovery.decode("ascii", "replace") != recovery_slot.public_key:
        problems_zh.append("恢复槽与数据库记录的公钥不符（被替换）")
        problems_en.append("the recovery slot does not match the public key the database recorded (replaced)")
    if not problems_zh:
        return CheckFinding(
            name,
            True,
            f"{zh_what}：{len(recorded)} 位在职人员各有一个槽，恢复槽在。",
            f"{en_what}: one slot for each of {len(recorded)} active staff, recovery slot present.",
        )
    return CheckFinding(
        name,
        False,
        f"{zh_what}：{'；'.join(problems_zh)}。请 IT 从与 branch.db 同一份备份恢复 keyslots.json，或运行 branchvault rekey。",
        f"{en_what}: {'; '.join(problems_en)}. Ask IT to restore keyslots.json from the backup branch.db "
        "came from, or run branchvault rekey.",
        json.dumps({"missing": missing + unsealed, "mismatched": mismatched, "extra": extra}),
    )


def _client_data_set_up(db: Database) -> bool:
    try:
        return ClientKeyRepository(db).text(FINGERPRINT) is not None
    except (sqlcipher3.Error, BranchVaultError):
        return True  # unreadable: the file must then be there


def _client_file_shape(db: Database, paths: DataPaths) -> list[CheckFinding]:
    """What can honestly be checked in clients.db without its key: that it exists, is not plaintext
    SQLite, and is a whole number of pages. Its contents are reported as not checked."""
    path = paths.client_database
    name = "clients.db:file"
    findings: list[CheckFinding] = []
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(16)
    except FileNotFoundError:
        if not _client_data_set_up(db):
            return [
                CheckFinding(
                    name,
                    True,
                    "客户资料库尚未建立（还没有经理设置客户资料密钥），没有 clients.db。",
                    "Client data is not set up yet (no manager has created the client-data key): no clients.db.",
                )
            ]
        return [
            CheckFinding(
                name,
                False,
                f"找不到 clients.db（客户资料文件）。{ADVICE[0]}",
                f"clients.db (the client-data file) is missing. {ADVICE[1]}",
            )
        ]
    except OSError as exc:
        return [_read_failed(name, "clients.db 文件", "clients.db file", exc)]
    if head == SQLITE_HEADER or size == 0 or size % PAGE_SIZE:
        findings.append(
            CheckFinding(
                name,
                False,
                f"clients.db 文件形状不对（{size} 字节，不是整页数或未加密）。{ADVICE[0]}",
                f"clients.db has the wrong shape ({size} bytes: not whole pages, or not encrypted). {ADVICE[1]}",
                f"size={size}",
            )
        )
    else:
        findings.append(
            CheckFinding(
                name,
                True,
                f"clients.db 文件存在、已加密，大小为整页数（{size // PAGE_SIZE} 页）。",
                f"clients.db exists, is encrypted and is a whole number of pages ({size // PAGE_SIZE}).",
                f"size={size}",
            )
        )
    findings.append(
        CheckFinding(
            "clients.db:contents",
            True,
            "clients.db 内容：本角色没有客户资料密钥，未检查（由经理或经纪人登录后检查）。",
            "clients.db contents: not checked by this role (no client-data key; a manager's check covers it).",
            skipped=True,
        )
    )
    return findings


def check_open_database(
    db: Database, paths: DataPaths, branch_id: str, *, clients_attached: bool
) -> IntegrityReport:
    """Run every check on an open database (the live one, or a backup's opened copy); never raises
    for damage found — a damaged page is a failed finding."""
    started = time.monotonic()
    findings: list[CheckFinding] = [
        _cipher_check(db, "branch.db", "main"),
        _integrity(db, "branch.db", "main"),
        _foreign_keys(db, "branch.db", "main"),
        _audit_chain(db),
        _key_slots(db, paths, branch_id),
    ]
    if clients_attached:
        findings += [
            _cipher_check(db, "clients.db", CLIENT_SCHEMA),
            _integrity(db, "clients.db", CLIENT_SCHEMA),
            _foreign_keys(db, "clients.db", CLIENT_SCHEMA),
        ]
    else:
        findings += _client_file_shape(db, paths)
    return IntegrityReport(tuple(findings), int((time.monotonic() - started) * 1000))


def _raise_alert(me: SignedIn, report: IntegrityReport, *, run_id: int) -> None:
    head = AuditRepository(me.db).head()  # the integrity.check entry just written: the evidence
    raise_alert(
        me,
        "integrity_failure",
        subject=", ".join(p.name for p in report.problems)[:200],
        evidence=(head.seq,) if head is not None else (),
        details={"check_id": run_id, "failed": [p.name for p in report.problems]},
        dedup_key=f"integrity_failure:{run_id}",
    )


def _check_live(me: SignedIn) -> IntegrityReport:
    """The checks on a private snapshot read by a connection of its own (store/integrity_reader.py):
    other sessions keep writing while the long pragmas run, and a damaged page leaves the session's
    connection able to record, audit and alert. The key slots are compared with the live database.
    Without room for the snapshot the live files are read on a fresh connection; when the session's
    keys do not open one (another session rotated a key just now), on the session's connection."""
    db = me.db
    paths = me.paths
    branch_id = me.require_config().branch_id
    clients = db.has_client_data
    with contextlib.suppress(sqlcipher3.Error, BranchVaultError):
        db.execute("SELECT count(*) FROM main.sqlite_master").fetchone()  # follows a rotated key
    session = me.session
    client_key = session.client_key if clients else b""
    if not session.db_key or (clients and not client_key):
        return check_open_database(db, paths, branch_id, clients_attached=clients)
    started = time.monotonic()
    try:
        with integrity_reader(paths, session.db_key, client_key) as live:
            live.connection.execute("SELECT count(*) FROM main.sqlite_master").fetchone()
            slots = _key_slots(live, paths, branch_id)
    except sqlcipher3.Error:
        return check_open_database(db, paths, branch_id, clients_attached=clients)
    try:
        with integrity_snapshot(paths, session.db_key, client_key) as snapshot:
            report = check_open_database(snapshot, paths, branch_id, clients_attached=clients)
    except OSError:
        log.warning("no room for the integrity snapshot: reading the live files", exc_info=True)
        with integrity_reader(paths, session.db_key, client_key) as live:
            report = check_open_database(live, paths, branch_id, clients_attached=clients)
    findings = tuple(slots if f.name == slots.name else f for f in report.findings)
    return IntegrityReport(findings, int((time.monotonic() - started) * 1000))


def run_integrity_check(
    me: SignedIn, *, scheduled: bool = False, after_unclean_shutdown: bool = False
) -> IntegrityReport:
    """The check on the live database for the signed-in member (INTEGRITY_CHECK unless the app runs
    it on its schedule or after an unclean shutdown). Kept in ``integrity_checks``, audited
    ``integrity.check``; a failure raises the ``integrity_failure`` alert."""
    if not scheduled and not after_unclean_shutdown:
        check_permission(me, Action.INTEGRITY_CHECK)
    db = me.db
    report = _check_live(me)
    failed = [p.name for p in report.problems]
    summary = json.dumps([f.to_dict() for f in report.findings], ensure_ascii=False)
    try:
        with db.transaction():
            cursor = db.execute(
                "INSERT INTO integrity_checks (at, staff_id, scheduled, after_unclean_shutdown, ok, "
                "findings, duration_ms) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    me.now_utc(),
                    me.session.staff_id,
                    int(scheduled or after_unclean_shutdown),
                    int(after_unclean_shutdown),
                    int(report.ok),
                    summary,
                    report.duration_ms,
                ),
            )
            run_id = int(cursor.lastrowid or 0)
            record(
                me,
                "integrity.check",
                target_type="database",
                target_id=str(run_id),
                outcome="success" if report.ok else "failure",
                details={
                    "failed": failed,
                    "scheduled": scheduled or after_unclean_shutdown,
                    "after_unclean_shutdown": after_unclean_shutdown,
                    "client_data_checked": db.has_client_data,
                    "duration_ms": report.duration_ms,
                },
            )
            if not report.ok:
                _raise_alert(me, report, run_id=run_id)
    except (sqlcipher3.Error, BranchVaultError):
        # branch.db too damaged to record in (the page the write needs): the report still tells
        if report.ok:
            raise
        log.warning("integrity check failed and could not be recorded", exc_info=True)
    return report


@dataclass(frozen=True)
class CheckRun:
    id: int
    at: str
    staff_id: int | None
    scheduled: bool
    after_unclean_shutdown: bool
    ok: bool
    findings: tuple[CheckFinding, ...]
    duration_ms: int


def recent_checks(me: SignedIn, limit: int = 20) -> list[CheckRun]:
    """The latest checks, newest first (INTEGRITY_CHECK)."""
    check_permission(me, Action.INTEGRITY_CHECK)
    rows = me.db.execute(
        "SELECT id, at, staff_id, scheduled, after_unclean_shutdown, ok, findings, duration_ms "
        "FROM integrity_checks ORDER BY id DESC LIMIT ?",
        (limit,),
    ).fetchall()
    runs: list[CheckRun] = []
    for row in rows:
        try:
            items = json.loads(row[6])
            findings = tuple(
                CheckFinding(
                    str(i["name"]),
                    bool(i["ok"]),
                    str(i["zh"]),
                    str(i["en"]),
                    str(i.get("detail", "")),
                    bool(i.get("skipped", False)),
                )
                for i in items
            )
        except (ValueError, KeyError, TypeError):
            findings = ()
        runs.append(
            CheckRun(
                int(row[0]),
                str(row[1]),
                None if row[2] is None else int(row[2]),
                bool(row[3]),
                bool(row[4]),
                bool(row[5]),
                findings,
                int(row[7]),
            )
        )
    return runs


def last_check_at(me: SignedIn) -> str | None:
    """When the last check ran (any outcome), for the schedule: no permission needed (the app's own)."""
    row = me.db.execute("SELECT max(at) FROM integrity_checks").fetchone()
    return None if row is None or row[0] is None else str(row[0])
