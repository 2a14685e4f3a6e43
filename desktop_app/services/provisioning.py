"""Applying a machine-wide branch configuration (``branchvault provision``), idempotently.

- No branch in the data directory: set it up as ``init`` does (first IT admin, recovery code),
  with the file's keyring choice and security settings, and audit ``branch.provision``.
- The same branch code already there: update only the descriptive values (branch name, company
  and headquarters name/contact, HQ address); nothing changed reports "unchanged". A change is
  queued as a pending audit event (no one is signed in) and written to the audit log at the next
  sign-in, like sign-in failures (services/sign_in_attempts.py). Keyring choice and security
  settings are fixed once the branch exists: a difference is reported as not applied.
- Another branch code: refused; nothing is touched (never re-initialise over existing data).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from desktop_app.domain.errors import BranchVaultError, InvalidInput
from desktop_app.domain.machine_config import MachineConfig
from desktop_app.domain.security_policy import SecurityPolicy, apply_settings
from desktop_app.services import sign_in_attempts
from desktop_app.services.audit_trail import record
from desktop_app.services.branch_setup import BranchDetails, init_branch
from desktop_app.services.context import AppContext
from desktop_app.services.sign_in import sign_out
from desktop_app.store.branch_config import BranchConfig, KdfParams, save_config
from desktop_app.store.device_secret import KeyringUnavailable

ACTION = "branch.provision"
INITIALISED, UPDATED, UNCHANGED = "initialised", "updated", "unchanged"
# Values whose change alters what the privacy notice names (processor, recipient: PIPL Art. 17, 23).
NOTICE_NAMES = ("company_name", "company_contact", "hq_name", "hq_contact")


class DifferentBranch(BranchVaultError):
    code = "different_branch"

    def __init__(self, existing: str, wanted: str, root: object) -> None:
        super().__init__(
            f"数据目录 {root} 中已是门店 {existing}，配置文件却是门店 {wanted}：拒绝执行，未作任何更改。"
            "门店编码不能更改；如确需在这台电脑上换门店，请先由 IT 备份并移走原数据目录。",
            f"{root} already holds branch {existing}, but the file is for branch {wanted}: refused, "
            "nothing was changed. A branch code cannot change; to move this PC to another branch, IT "
            "first backs up and moves the existing data directory away.",
        )


class AdminRequired(InvalidInput):
    code = "admin_required"

    def __init__(self) -> None:
        super().__init__(
            "这台电脑还没有门店：首次部署须用 --admin 指定第一位 IT 管理员，并提供其密码"
            "（从标准输入或 --admin-password-file）。",
            "No branch on this PC yet: the first provisioning needs --admin naming the first IT "
            "administrator, and their password (on standard input or with --admin-password-file).",
        )


@dataclass(frozen=True)
class ProvisionOutcome:
    status: str  # INITIALISED, UPDATED or UNCHANGED
    config: BranchConfig
    changed: dict[str, tuple[str, str]] = field(default_factory=dict)
    """Field -> (old, new) for the descriptive values updated on an existing branch."""
    not_applied: tuple[str, ...] = ()
    """``keyring`` / ``security``: differ from the existing branch and were left as they are."""
    recovery_code: str | None = None

    @property
    def notice_names_changed(self) -> bool:
        return any(name in self.changed for name in NOTICE_NAMES)


def provision(
    ctx: AppContext,
    machine: MachineConfig,
    *,
    admin_username: str | None,
    admin_password: Callable[[], str],
    kdf: KdfParams | None = None,
) -> ProvisionOutcome:
    """Apply ``machine`` to the branch in ``ctx.paths`` (see the module doc). ``admin_password`` is
    called only when a branch is set up. Leaves ``ctx`` signed out."""
    if ctx.paths.is_initialised():
        return _update(ctx, machine)
    return _initialise(ctx, machine, admin_username, admin_password, kdf)


def _initialise(
    ctx: AppContext,
    machine: MachineConfig,
    admin_username: str | None,
    admin_password: Callable[[], str],
    kdf: KdfParams | None,
) -> ProvisionOutcome:
    if not admin_username or not admin_username.strip():
        raise AdminRequired()
    if machine.use_keyring:  # before reading the password: no point providing it for nothing
        status = ctx.secrets.status()
        if not status.usable:
            raise KeyringUnavailable(f"{status.backend}: {status.reason}")
    details = BranchDetails(
        machine.branch_code,
        machine.branch_name,
        machine.company_name,
        machine.company_contact,
        machine.hq_url,
        machine.hq_name,
        machine.hq_contact,
    )
    result = init_branch(
        ctx,
        details,
        admin_username=admin_username,
        admin_display_name=admin_username,
        admin_password=admin_password(),
        use_keyring=machine.use_keyring,
        security=dict(machine.security),
        kdf=kdf,
    )
    try:
        _, db = ctx.require_session()
        with db.transaction():
            record(
                ctx,
                ACTION,
                target_type="branch",
                target_id=machine.branch_code,
                details={
                    "initialised": True,
                    "keyring": machine.use_keyring,
                    "hq_url_set": bool(machine.hq_url),
                },
            )
    finally:
        sign_out(ctx)
    return ProvisionOutcome(INITIALISED, result.config, recovery_code=result.recovery_code)


def _update(ctx: AppContext, machine: MachineConfig) -> ProvisionOutcome:
    config = ctx.require_config()  # a partial or damaged branch raises here: nothing is touched
    if config.branch_code != machine.branch_code:
        raise DifferentBranch(config.branch_code, machine.branch_code, ctx.paths.root)
    current = {name: str(getattr(config, name)) for name in machine.descriptive()}
    changed = {
        name: (current[name], new) for name, new in machine.descriptive().items() if current[name] != new
    }
    not_applied = []
    if config.use_keyring != machine.use_keyring:
        not_applied.append("keyring")
    if _policy(config.security) != _policy(dict(machine.security)):
        not_applied.append("security")
    if not changed:
        return ProvisionOutcome(UNCHANGED, config, not_applied=tuple(not_applied))
    new_values: dict[str, Any] = {name: new for name, (_, new) in changed.items()}
    updated = replace(config, **new_values)
    _queue_audit(ctx, machine.branch_code, sorted(changed))  # first: never a change without its record
    save_config(ctx.paths.config, updated)
    ctx.config = updated
    return ProvisionOutcome(UPDATED, updated, changed, tuple(not_applied))


def _policy(settings: dict[str, object]) -> SecurityPolicy | None:
    try:
        return apply_settings(SecurityPolicy(), dict(settings))
    except ValueError:
        return None


def _queue_audit(ctx: AppContext, branch_code: str, fields: list[str]) -> None:
    """Queue the change for the audit log (written at the next sign-in, marked ``recorded_late``).
    Only field names: the values are in the branch configuration file itself."""
    event: dict[str, object] = {
        "id": uuid.uuid4().hex,
        "ts": ctx.clock(),
        "action": ACTION,
        "username": "",
        "outcome": "success",
        "target_type": "branch",
        "target_id": branch_code,
        "details": {"changed": fields},
    }
    sign_in_attempts.queue_event(ctx, event)  # needs the device secret: refused without it
