"""The branch settings kept inside the encrypted database: stored at ``init``, reconciled with
``branch.toml`` at every sign-in, shown and changed by IT only through an audited command.

Rule (domain/branch_settings.py): the security settings, the KDF cost and the branch identity
printed on consent forms and notices have their authoritative copy in the database. At sign-in
the file is compared with it; any difference is audited (``config.file_tampered``, with the names
and both values — none is personal data), the database values are used and the file is rewritten
from them, and the signed-in user is told (``Session.notices``). A branch set up before the copy
existed gets it from the file at the first sign-in after the upgrade (``config.copied_to_database``).
Only IT changes the copy (``config set``: ``Action.CONFIG_EDIT``), in the same transaction as the
``config.edit`` entry; the machine policy file still only tightens what is in force.

Reason: MLPS 2.0 (GB/T 22239-2019) 8.1.4.1 — security settings protected from unauthorised change
and changes audited; PIPL Art. 17, 23 — the processor and recipient named to clients are the true ones.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from desktop_app.domain.branch_settings import (
    BranchSettings,
    differences,
    validate_identity,
)
from desktop_app.domain.errors import InvalidInput
from desktop_app.domain.password_rules import password_expired
from desktop_app.domain.permissions import Action
from desktop_app.domain.privacy_notice import refuse_cleared_notice_details
from desktop_app.domain.security_policy import PolicyError, SecurityPolicy, apply_settings
from desktop_app.services.audit_trail import check_permission, record
from desktop_app.services.session import SessionNotice
from desktop_app.services.signed_in import SignedIn
from desktop_app.store.branch_config import BranchConfig, ConfigError, KdfParams, load_config, save_config
from desktop_app.store.branch_settings_copy import (
    read_settings_copy,
    settings_of,
    with_settings,
    write_settings_copy,
)
from desktop_app.store.machine_policy import apply_machine_policy
from desktop_app.store.settings_witness import delete_last_known, write_last_known

TAMPERED = "config.file_tampered"
COPIED = "config.copied_to_database"
EDITED = "config.edit"


def file_restored_notice(names: list[str]) -> SessionNotice:
    listed = ", ".join(names)
    return SessionNotice(
        "config_file_restored",
        f"门店配置文件 branch.toml 在程序之外被修改过（{listed}）。已按加密数据库中的设置恢复该文件，"
        "本次使用的是数据库中的设置；此事已记入审计日志。如非 IT 所为，请告知 IT。",
        f"The branch configuration file branch.toml was changed outside the app ({listed}). It has been "
        "restored from the settings in the encrypted database, which are the ones in use; this is "
        "recorded in the audit log. Tell IT if they did not make this change.",
    )


def _remember(config: BranchConfig, settings: BranchSettings) -> None:
    """Keep the settings beside the device secret (keyring branches only): store/settings_witness.py."""
    if config.use_keyring:
        write_last_known(config.branch_id, settings)


def store_initial_settings(ctx: SignedIn, config: BranchConfig) -> None:
    """At ``init``: store ``config``'s settings in the database, inside the caller's transaction
    (the one holding the ``branch.init`` audit entry)."""
    db = ctx.db
    settings = settings_of(config)
    write_settings_copy(db, settings)
    _remember(config, settings)


def forget_initial_settings(branch_id: str) -> None:
    """A failed ``init``: remove the keyring copy stored for the branch that was not created."""
    delete_last_known(branch_id)


def _file_settings(ctx: SignedIn) -> tuple[BranchConfig | None, str]:
    """The file as it is now (re-read: it may have been edited since the context loaded it)."""
    try:
        return load_config(ctx.paths.config), ""
    except ConfigError:
        return None, "unreadable"


def reconcile_branch_settings(ctx: SignedIn) -> None:
    """Right after sign-in: make the database copy the one in use, audit and repair an edited file."""
    session, db = ctx.session, ctx.db
    in_use = ctx.config
    on_disk, problem = _file_settings(ctx)
    base = on_disk or in_use
    stored = read_settings_copy(db)
    if stored is None:  # a branch set up before the copy existed: the file is all there is
        stored = settings_of(base)
        with db.transaction():
            write_settings_copy(db, stored)
            record(
                ctx,
                COPIED,
                target_type="branch",
                target_id=base.branch_code,
                details={"security": dict(stored.security), "identity": dict(stored.identity)},
            )
    changed = {"file": ("unreadable", "")} if on_disk is None else differences(settings_of(on_disk), stored)
    ctx.context.config = with_settings(base, stored)
    if changed:
        names = sorted(changed)
        with db.transaction():
            record(
                ctx,
                TAMPERED,
                target_type="branch",
                target_id=ctx.config.branch_code,
                outcome="failure",
                details={
                    "changed": names,
                    "values": {name: {"file": old, "database": new} for name, (old, new) in changed.items()},
                    "restored": True,
                    **({"problem": problem} if problem else {}),
                },
            )
        save_config(ctx.paths.config, ctx.config)
        session.notices.append(file_restored_notice(names))
    _remember(ctx.config, stored)
    ctx.context.settings_changed()  # the witness read before sign-in changed
    if not session.must_change_password:  # the expiry read before sign-in came from the file
        from desktop_app.store.staff_repository import StaffRepository

        staff = StaffRepository(db).get(session.username)
        if staff is not None and password_expired(staff.password_changed_at, ctx.clock(), ctx.policy):
            session.must_change_password = True


@dataclass(frozen=True)
class SettingsView:
    """What ``config show`` prints: the stored values, the values in force, and where they differ
    because the machine policy file is stricter."""

    identity: dict[str, str]
    security: dict[str, Any]
    """The ``[security]`` values IT set (others are at their defaults)."""
    in_force: dict[str, Any]
    """Every security setting as the app applies it (stored values, tightened by the machine policy)."""
    machine_policy_stricter: tuple[str, ...]
    kdf: dict[str, int]


def show_settings(ctx: SignedIn) -> SettingsView:
    check_permission(ctx, Action.CONFIG_EDIT)
    db = ctx.db
    stored = read_settings_copy(db) or settings_of(ctx.config)
    return _view(stored)


def _view(stored: BranchSettings) -> SettingsView:
    branch_policy = stored.policy()
    in_force = apply_machine_policy(branch_policy)
    names = [item.name for item in fields(SecurityPolicy)]
    return SettingsView(
        identity=dict(stored.identity),
        security=dict(stored.security),
        in_force={name: getattr(in_force, name) for name in names},
        machine_policy_stricter=tuple(
            name for name in names if getattr(in_force, name) != getattr(branch_policy, name)
        ),
        kdf=dict(stored.kdf),
    )


@dataclass(frozen=True)
class SettingsChange:
    changed: dict[str, tuple[object, object]]
    """``security.<name>`` / ``branch.<name>`` -> (old, new) for every value that changed."""
    view: SettingsView


def change_settings(
    ctx: SignedIn,
    *,
    security: dict[str, object] | None = None,
    identity: dict[str, str] | None = None,
    kdf: KdfParams | None = None,
    action: str = EDITED,
    audit_details: dict[str, Any] | None = None,
) -> SettingsChange:
    """IT changes security settings, identity values and/or the KDF cost: validated, stored in the database with
    the audit entry ``action`` in one transaction, then the file and the keyring copy are rewritten.
    Nothing changed: nothing is written. ``audit_details`` replaces the default details (the
    changed names with their old and new values)."""
    check_permission(ctx, Action.CONFIG_EDIT)
    db = ctx.db
    config = ctx.config
    current = read_settings_copy(db) or settings_of(config)
    new_identity = dict(current.identity)
    for name, value in (identity or {}).items():
        new_identity[name] = validate_identity(name, value)
    refuse_cleared_notice_details(current.identity, new_identity)
    new_security = dict(current.security)
    new_security.update(security or {})
    try:
        apply_settings(SecurityPolicy(), new_security)
    except PolicyError as exc:
        raise InvalidInput(f"安全设置无效：{exc}", f"Invalid security setting: {exc}") from None
    new_kdf = kdf.as_dict() if kdf is not None else dict(current.kdf)
    if min(new_kdf.values(), default=1) < 1:
        raise InvalidInput("KDF 参数须为正整数。", "The KDF parameters must be positive whole numbers.")
    updated = BranchSettings(new_identity, new_security, new_kdf)
    changed = {name: (old, new) for name, (new, old) in differences(updated, current).items()}
    if not changed:
        return SettingsChange({}, _view(current))
    with db.transaction():
        write_settings_copy(db, updated)
        details = audit_details or {
            "changed": sorted(changed),
            "values": {name: {"old": old, "new": new} for name, (old, new) in changed.items()},
        }
        record(ctx, action, target_type="branch", target_id=config.branch_code, details=details)
    ctx.context.config = with_settings(config, updated)
    save_config(ctx.paths.config, ctx.config)
    _remember(ctx.config, updated)
    ctx.context.settings_changed()  # the witness read before sign-in changed
    return SettingsChange(changed, _view(updated))
