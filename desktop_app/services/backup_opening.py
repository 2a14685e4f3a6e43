"""Opening a backup file without touching the live data: extract it into a private temporary
folder (0700, never inside a data directory), open it with one of its *own* slots — a staff password
slot (which needs this PC's device secret, as the slot itself says) or the recovery slot (any PC) —
or with a signed-in session's current database key, then check the manifest's MAC and every
member's SHA-256 and run the integrity check (services/integrity_check.py) on the copy.

``clients.db``'s contents are checked only when the opener holds the client-data key *in that
backup* (their grant, sealed to their slot); otherwise its hash against the signed manifest is what
is checked and the report says so (separation of duties: IT and auditors never hold that key). A
wrong password or recovery code gives the same message as signing in. The folder is removed when
the caller is done.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop_app.domain.errors import BranchVaultError, InvalidInput, WrongCredentials
from desktop_app.domain.recovery_code import normalize_code
from desktop_app.services.backup_results import BackupNotOpened, BackupVerification
from desktop_app.services.context import AppContext
from desktop_app.services.integrity_check import CheckFinding, IntegrityReport, check_open_database
from desktop_app.store import backup_archive
from desktop_app.store.backup_archive import read_head
from desktop_app.store.client_key_repository import CURRENT, FINGERPRINT, ClientKeyRepository
from desktop_app.store.client_keys import GrantOpenFailed, open_client_key
from desktop_app.store.data_dir import DataPaths
from desktop_app.store.database import Database, DatabaseOpenError, open_database
from desktop_app.store.device_secret import DeviceSecretMissing, KeyringUnavailable
from desktop_app.store.key_slots import (
    KeySlotFile,
    KeySlotFileError,
    SlotOpenFailed,
    X25519PrivateKey,
    load_key_slots,
    open_slot_full,
)
from desktop_app.store.output_paths import inspect_output
from desktop_app.store.staff_repository import StaffRepository

TEMP_PREFIX = "branchvault-backup-"


def private_temp_dir(data_dir: Path | None, work_dir: Path | None = None) -> Path:
    """A new 0700 folder for copies of encrypted files, never inside a data directory."""
    path = Path(tempfile.mkdtemp(prefix=TEMP_PREFIX, dir=str(work_dir) if work_dir else None))
    os.chmod(path, 0o700)
    _, refusal = inspect_output(path / "probe", data_dir)
    if refusal is not None:
        shutil.rmtree(path, ignore_errors=True)
        raise refusal
    return path


@dataclass
class OpenedBackup:
    """A backup extracted into a private folder and opened with one of its own slots."""

    path: Path
    work: Path
    manifest: dict[str, Any]
    slots: KeySlotFile
    db_key: bytes
    private: X25519PrivateKey | None
    db: Database | None
    findings: list[CheckFinding]
    extracted: dict[str, tuple[int, str, str]]
    clients_checked: bool = False

    @property
    def paths(self) -> DataPaths:
        return DataPaths(self.work)

    @property
    def branch_id(self) -> str:
        return str(self.manifest.get("branch_id", ""))


def finding(name: str, ok: bool, zh: str, en: str, detail: str = "") -> CheckFinding:
    return CheckFinding(name, ok, zh, en, detail)


def _member_findings(
    manifest: dict[str, Any], extracted: dict[str, tuple[int, str, str]]
) -> list[CheckFinding]:
    listed = manifest.get("members")
    findings: list[CheckFinding] = []
    if not isinstance(listed, dict):
        return [finding("backup:manifest", False, "备份清单缺少成员列表。", "The manifest lists no members.")]
    for name in backup_archive.MEMBERS:
        entry = listed.get(name)
        got = extracted.get(name)
        if entry is None and got is None:
            if name in backup_archive.REQUIRED_MEMBERS and name != "clients.db":
                findings.append(
                    finding(
                        f"backup:{name}", False, f"备份中缺少 {name}。", f"{name} is missing from the backup."
                    )
                )
            continue
        if entry is None:
            findings.append(
                finding(
                    f"backup:{name}",
                    False,
                    f"{name} 不在备份清单中（被加入了备份）。",
                    f"{name} is not in the manifest (it was added to the backup).",
                )
            )
            continue
        if got is None:
            findings.append(
                finding(
                    f"backup:{name}", False, f"备份中缺少 {name}。", f"{name} is missing from the backup."
                )
            )
            continue
        size, digest, error = got
        if error or size != entry.get("size") or digest != entry.get("sha256"):
            findings.append(
                finding(
                    f"backup:{name}",
                    False,
                    f"{name} 与备份清单记录的 SHA-256 不符：文件已损坏或被替换。",
                    f"{name} does not match the SHA-256 the manifest records: damaged or replaced.",
                    error or f"size {size}",
                )
            )
        else:
            findings.append(
                finding(
                    f"backup:{name}",
                    True,
                    f"{name} 与备份清单一致。",
                    f"{name} matches the manifest.",
                    f"size {size}",
                )
            )
    return findings


def _device_secret(branch_id: str, ctx: AppContext) -> bytes:
    """This PC's device secret for a device-bound slot (the slot says so, authenticated; never the
    backup's unauthenticated branch.toml)."""
    try:
        return ctx.secrets.get(branch_id)
    except (DeviceSecretMissing, KeyringUnavailable):
        raise BackupNotOpened(
            "本机的密钥环中没有该门店的设备密钥，员工密码无法打开这份备份（例如在另一台电脑上）。请改用数据库恢复码。",
            "This PC's keyring has no device secret for that branch, so a staff password cannot open this "
            "backup (on another PC, say). Use the database recovery code instead.",
        ) from None


def _wrong_recovery_code() -> BranchVaultError:
    from desktop_app.services.key_rotation import RecoveryFailed

    return RecoveryFailed("恢复码不正确。", "The recovery code is wrong.")


def _open_slot(
    ctx: AppContext, opened: OpenedBackup, *, username: str, password: str, recovery_code: str
) -> None:
    branch_id = opened.branch_id
    if recovery_code:
        try:
            code = normalize_code(recovery_code)
        except ValueError:
            raise InvalidInput(
                "恢复码格式不正确（应为 25 个字符，5 个一组）。",
                "That is not a recovery code (25 characters in groups of 5).",
            ) from None
        slot = opened.slots.recovery_slot()
        if slot is None:
            raise _wrong_recovery_code()
        try:
            result = open_slot_full(slot, branch_id=branch_id, secret=code, device_secret=None)
        except SlotOpenFailed:
            raise _wrong_recovery_code() from None
    else:
        slot = opened.slots.password_slot(username.strip())
        if slot is None:
            raise WrongCredentials()
        secret = _device_secret(branch_id, ctx) if slot.device_bound else None
        try:
            result = open_slot_full(slot, branch_id=branch_id, secret=password, device_secret=secret)
        except SlotOpenFailed:
            raise WrongCredentials() from None
    opened.db_key, opened.private = result.db_key, result.private


def _check_clients(opened: OpenedBackup, username: str) -> None:
    """Attach clients.db when the opener holds the client-data key in this backup (their grant)."""
    db = opened.db
    if db is None or opened.private is None or not username or "clients.db" not in opened.extracted:
        return
    staff = StaffRepository(db).get(username.strip())
    if staff is None:
        return
    grant = ClientKeyRepository(db).grant(staff.id, CURRENT)
    if grant is None:
        return
    from desktop_app.services.client_key_grants import grant_is_valid

    try:
        key = open_client_key(
            grant.sealed_key, opened.private, branch_id=opened.branch_id, holder_id=grant.holder_id
        )
    except GrantOpenFailed:
        return
    if not grant_is_valid(key, grant):
        return
    try:
        db.attach_client_data(opened.work / "clients.db", key)
    except DatabaseOpenError as exc:
        opened.findings.append(finding("clients.db:open", False, exc.zh, exc.en))
        return
    opened.clients_checked = True


@contextlib.contextmanager
def open_backup(
    ctx: AppContext,
    path: Path,
    *,
    username: str = "",
    password: str = "",
    recovery_code: str = "",
    db_key: bytes | None = None,
    work_dir: Path | None = None,
) -> Iterator[OpenedBackup]:
    """Extract ``path`` into a private temporary folder and open it with one of its own slots (or
    ``db_key``, a signed-in session's current key); check the manifest's MAC and every member's
    hash. Raises WrongCredentials / RecoveryFailed like sign-in; damage is in ``findings``. The
    folder and everything in it is removed afterwards."""
    path = Path(path)
    head = read_head(path)
    manifest = head.manifest
    branch_id = str(manifest.get("branch_id", ""))
    work = private_temp_dir(ctx.paths.root, work_dir)
    opened: OpenedBackup | None = None
    try:
        extracted = backup_archive.extract_members(path, work)
        findings = _member_findings(manifest, extracted)
        bad = {f.name for f in findings if not f.ok}
        if "backup:keyslots.json" in bad:
            raise KeySlotsDamaged(findings)
        try:
            slots = load_key_slots(work / "keyslots.json", branch_id)
        except KeySlotFileError as exc:
            raise KeySlotsDamaged([*findings, finding("keyslots.json:file", False, exc.zh, exc.en)]) from None
        opened = OpenedBackup(path, work, manifest, slots, b"", None, None, findings, extracted)
        if db_key is not None:
            opened.db_key = db_key
        else:
            _open_slot(ctx, opened, username=username, password=password, recovery_code=recovery_code)
        if backup_archive.mac_matches(head.manifest_bytes, head.mac, opened.db_key, branch_id):
            findings.insert(
                0,
                finding(
                    "backup:manifest.mac",
                    True,
                    "备份清单的签名正确（未被改动）。",
                    "The manifest's MAC is correct (not altered).",
                ),
            )
        else:
            findings.insert(
                0,
                finding(
                    "backup:manifest.mac",
                    False,
                    "备份清单的签名不正确：清单或密钥槽文件被改动或替换。",
                    "The manifest's MAC is wrong: the manifest or the key-slot file was altered or replaced.",
                ),
            )
        if "backup:branch.db" not in bad or (work / "branch.db").exists():
            try:
                opened.db = open_database(
                    work / "branch.db",
                    opened.db_key,
                    expected_fingerprint=slots.key_fingerprint,
                    expected_salt=slots.db_salt,
                )
            except DatabaseOpenError as exc:
                findings.append(finding("branch.db:open", False, exc.zh, exc.en))
        if opened.db is not None:
            _check_clients(opened, username)
        yield opened
    finally:
        if opened is not None and opened.db is not None:
            with contextlib.suppress(Exception):
                opened.db.close()
        shutil.rmtree(work, ignore_errors=True)


class KeySlotsDamaged(Exception):
    """The backup's key slots are damaged: it cannot be opened, and the findings say why."""

    def __init__(self, findings: list[CheckFinding]) -> None:
        super().__init__("backup cannot be opened")
        self.findings = findings


def _clients_hash_note(opened: OpenedBackup) -> list[CheckFinding]:
    if opened.clients_checked or "clients.db" not in opened.extracted:
        return []
    return [
        CheckFinding(
            "clients.db:contents",
            True,
            "clients.db 内容：打开者没有客户资料密钥，只核对了它与已签名清单的 SHA-256；内容需由经理用自己的密码验证。",
            "clients.db contents: the opener holds no client-data key, so only its SHA-256 against the "
            "signed manifest was checked; a manager verifies the contents with their own password.",
            skipped=True,
        )
    ]


def integrity_findings(opened: OpenedBackup) -> list[CheckFinding]:
    """The archive's findings and the integrity check on the opened copy. A branch whose client
    data was never set up has no clients.db to find; that is not damage."""
    findings = list(opened.findings)
    if opened.db is None:
        return findings
    report = check_open_database(
        opened.db, opened.paths, opened.branch_id, clients_attached=opened.clients_checked
    )
    not_set_up = (
        "clients.db" not in opened.extracted and ClientKeyRepository(opened.db).text(FINGERPRINT) is None
    )
    for finding in report.findings:
        if finding.name == "clients.db:contents" or (not_set_up and finding.name.startswith("clients.db:")):
            continue
        findings.append(finding)
    if not_set_up:
        findings.append(
            CheckFinding(
                "clients.db:file",
                True,
                "客户资料库尚未建立（还没有经理设置客户资料密钥），备份中没有 clients.db。",
                "Client data is not set up yet (no manager has created the client-data key): no clients.db.",
            )
        )
    return findings + _clients_hash_note(opened)


def verification_of(
    path: Path, opened: OpenedBackup | None, findings: list[CheckFinding]
) -> BackupVerification:
    report = IntegrityReport(tuple(findings))
    manifest = opened.manifest if opened is not None else {}
    size = path.stat().st_size if path.exists() else 0
    return BackupVerification(
        ok=report.ok,
        findings=report,
        manifest=manifest,
        path=path,
        clients_checked=bool(opened and opened.clients_checked),
        sha256=backup_archive.file_sha256(path) if path.exists() else "",
        size=size,
    )
