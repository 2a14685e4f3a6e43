"""Setting up a branch (``init``): configuration, device secret, database, first IT admin, recovery slot.

Either everything is created or nothing is left behind. Whoever runs ``init`` (IT) never holds the
client-data key, and the recovery code printed here opens only the branch database: the client-data
key is born later, at the first manager's set-up (services/client_access.py).
"""

from __future__ import annotations

import contextlib
import os
import re
import uuid
from dataclasses import dataclass

from desktop_app.domain.branch_settings import validate_identity
from desktop_app.domain.branch_time import utc_timestamp
from desktop_app.domain.errors import BranchVaultError, InvalidInput
from desktop_app.domain.password_rules import require_acceptable
from desktop_app.domain.recovery_code import new_recovery_code
from desktop_app.domain.roles import Role
from desktop_app.domain.security_policy import PolicyError, SecurityPolicy, apply_settings
from desktop_app.services import sign_in_attempts
from desktop_app.services.audit_trail import record
from desktop_app.services.audit_witness import start_witness
from desktop_app.services.branch_settings import forget_initial_settings, store_initial_settings
from desktop_app.services.context import AppContext, common_passwords
from desktop_app.services.session import Session
from desktop_app.services.signed_in import SignedIn
from desktop_app.services.staff_accounts import validate_display_name, validate_username
from desktop_app.store.branch_config import BranchConfig, KdfParams, save_config
from desktop_app.store.client_key_repository import ClientKeyRepository
from desktop_app.store.database import Database, create_database, read_file_salt
from desktop_app.store.kdf_calibration import calibrate
from desktop_app.store.key_slots import (
    KIND_PASSWORD,
    KIND_RECOVERY,
    RECOVERY_NAME,
    KeySlotFile,
    key_fingerprint,
    make_slot,
    new_database_key,
)
from desktop_app.store.legacy_client_tables import drop_legacy_client_tables
from desktop_app.store.machine_policy import apply_machine_policy
from desktop_app.store.meta_repository import RECOVERY_PUBLIC_KEY, MetaRepository
from desktop_app.store.signin_witness import SequenceWitness
from desktop_app.store.staff_repository import StaffRepository

BRANCH_CODE_MAX = 16


class AlreadyInitialised(BranchVaultError):
    code = "already_initialised"


@dataclass(frozen=True)
class BranchDetails:
    branch_code: str
    branch_name: str
    company_name: str = ""
    company_contact: str = ""
    hq_url: str = ""
    hq_name: str = ""  # headquarters as the recipient named in the privacy notice (PIPL Art. 23)
    hq_contact: str = ""


@dataclass(frozen=True)
class InitResult:
    config: BranchConfig
    recovery_code: str
    signed_in: SignedIn  # the new IT administrator


def validate_branch(details: BranchDetails) -> BranchDetails:
    code = details.branch_code.strip()
    code = code.upper() if code.isascii() else code
    if not re.fullmatch(rf"[A-Z0-9_-]{{1,{BRANCH_CODE_MAX}}}", code):
        raise InvalidInput(
            f"门店编码须为 1–{BRANCH_CODE_MAX} 位字母、数字、连字符或下划线。",
            f"The branch code is 1–{BRANCH_CODE_MAX} letters, digits, hyphens or underscores.",
        )
    name = details.branch_name.strip()
    if not name or len(name) > 60:
        raise InvalidInput(
            "门店名称不能为空，且不超过 60 个字符。", "The branch name must be 1–60 characters."
        )
    # The same rules as ``config set`` and ``provision`` (lengths, no control characters, an
    # https:// HQ address only).
    return BranchDetails(
        code,
        validate_identity("branch_name", name),
        validate_identity("company_name", details.company_name),
        validate_identity("company_contact", details.company_contact),
        validate_identity("hq_url", details.hq_url),
        validate_identity("hq_name", details.hq_name),
        validate_identity("hq_contact", details.hq_contact),
    )


def init_branch(
    ctx: AppContext,
    details: BranchDetails,
    *,
    admin_username: str,
    admin_display_name: str,
    admin_password: str,
    use_keyring: bool = True,
    security: dict[str, object] | None = None,
    kdf: KdfParams | None = None,
) -> InitResult:
    """Create the branch in ``ctx.paths``. Signs the new admin in (``InitResult.signed_in``)."""
    paths = ctx.paths
    if paths.config.exists() or paths.database.exists() or paths.key_slots.exists():
        raise AlreadyInitialised(
            f"数据目录 {paths.root} 中已有门店，不会覆盖。",
            f"{paths.root} already holds a branch; it is not overwritten.",
        )
    details = validate_branch(details)
    admin_username = validate_username(admin_username.strip())
    admin_display_name = validate_display_name(admin_display_name or admin_username)
    security = dict(security or {})
    try:
        policy: SecurityPolicy = ctx.policy_override or apply_machine_policy(
            apply_settings(SecurityPolicy(), security)
        )
    except PolicyError as exc:
        raise InvalidInput(f"安全设置无效：{exc}", f"Invalid security setting: {exc}") from None
    require_acceptable(admin_password, admin_username, policy, common_passwords())

    branch_id = str(uuid.uuid4())
    paths.ensure_private_dir()
    device_secret = ctx.secrets.create(branch_id) if use_keyring else None
    created: list[os.PathLike[str]] = []
    db: Database | None = None
    me: SignedIn | None = None
    try:
        kdf = kdf or calibrate(policy.kdf_target_seconds, policy.kdf_min_memory_kib)
        config = BranchConfig(
            branch_id=branch_id,
            branch_code=details.branch_code,
            branch_name=details.branch_name,
            company_name=details.company_name,
            company_contact=details.company_contact,
            hq_url=details.hq_url,
            hq_name=details.hq_name,
            hq_contact=details.hq_contact,
            use_keyring=use_keyring,
            kdf=kdf,
            security=security,
        )
        db_key = new_database_key()
        created.append(paths.database)
        db = create_database(paths.database, db_key)
        recovery_code = new_recovery_code()
        slots = KeySlotFile(branch_id, key_fingerprint(db_key), read_file_salt(paths.database), {})
        slots.put(
            make_slot(
                branch_id=branch_id,
                name=admin_username,
                kind=KIND_PASSWORD,
                secret=admin_password,
                db_key=db_key,
                kdf=kdf,
                device_secret=device_secret,
            )
        )
        slots.put(
            make_slot(
                branch_id=branch_id,
                name=RECOVERY_NAME,
                kind=KIND_RECOVERY,
                secret=recovery_code,
                db_key=db_key,
                kdf=kdf,
                device_secret=None,
            )
        )
        now = ctx.clock()
        with db.transaction():
            admin = StaffRepository(db).add(
                username=admin_username,
                display_name=admin_display_name,
                role=Role.IT_ADMIN,
                must_change_password=False,
                password_changed_at=now,
                created_at=utc_timestamp(now),
                created_by=None,
            )
            staff_repo = StaffRepository(db)
            staff_repo.set_slot_public_key(admin.id, slots.slots[admin_username].public_key)
            recovery_public = slots.slots[RECOVERY_NAME].public_key.encode("ascii")
            MetaRepository(db).set(RECOVERY_PUBLIC_KEY, recovery_public)
            drop_legacy_client_tables(db)  # client data lives in clients.db, made by the first manager
            ClientKeyRepository(db).mark_separate()
        me = SignedIn(
            ctx,
            db,
            Session(admin.id, admin.username, admin.display_name, admin.role, now, now, False, db_key),
        )
        with db.transaction():
            record(
                me,
                "branch.init",
                target_type="branch",
                target_id=details.branch_code,
                details={"keyring": use_keyring, "kdf": kdf.as_dict()},
            )
            record(
                me,
                "staff.add",
                target_type="staff",
                target_id=admin_username,
                details={"role": Role.IT_ADMIN.value},
            )
            store_initial_settings(me, config)  # the authoritative copy, with the branch.init entry
        created.append(paths.lockout)
        sign_in_attempts.start_state_file(me, config)
        created.append(paths.key_slots)
        slots.save(paths.key_slots)
        created.append(paths.config)
        save_config(paths.config, config)
    except BaseException:
        if me is not None:
            me.close()
        elif db is not None:
            db.close()
        for path in created:
            for suffix in ("", "-wal", "-shm", "-journal"):
                with contextlib.suppress(OSError):  # not FileNotFoundError only: finish the clean-up
                    os.unlink(os.fspath(path) + suffix)
        if device_secret is not None:
            ctx.secrets.delete(branch_id)
            forget_initial_settings(branch_id)
            SequenceWitness(branch_id).delete()
        raise
    ctx.config = config
    start_witness(me)  # the new audit log's head, kept in the keyring (services/audit_witness.py)
    return InitResult(config, recovery_code, me)
