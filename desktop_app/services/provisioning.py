"""Applying a machine-wide branch configuration (``branchvault provision``), idempotently.

- No branch in the data directory: set it up as ``init`` does (first IT admin, recovery code),
  with the file's keyring choice and security settings, and audit ``branch.provision``.
- The same branch code already there: compare the descriptive values (branch name, company and
  headquarters name/contact, HQ address) with the branch's; nothing changed reports "unchanged"
  and needs no password. A change is applied only by an IT administrator who signs in
  (``--admin`` and their password): through the audited configuration service
  (services/branch_settings.py), so the database copy, its ``branch.provision`` audit entry (IT as
  the actor, the names of the changed values) and the rewritten ``branch.toml`` go together.
  Without that sign-in the change is refused and nothing is written. Keyring choice and security
  settings are fixed once the branch exists: a difference is reported as not applied (IT uses
  ``branchvault config set``, or tightens with the machine policy file).
- Another branch code: refused; nothing is touched (never re-initialise over existing data).

Why IT's password and not "the machine-wide file is owned by the administrator account": the
threat is exactly a local administrator (who owns that file); the password puts a named IT
account and its audit entry behind every change, the same on Windows, macOS and Linux, and needs
no queued record in ``signin-state.json``, which anyone who can write the data folder can forge.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from desktop_app.domain.errors import BranchVaultError, InvalidInput
from desktop_app.domain.machine_config import MachineConfig
from desktop_app.domain.security_policy import SecurityPolicy, apply_settings
from desktop_app.services.audit_trail import record
from desktop_app.services.branch_settings import change_settings
from desktop_app.services.branch_setup import BranchDetails, init_branch
from desktop_app.services.context import AppContext
from desktop_app.services.second_factor import SecondFactorRequired
from desktop_app.services.sign_in import sign_in, sign_out
from desktop_app.store.branch_config import BranchConfig, KdfParams
from desktop_app.store.device_secret import KeyringUnavailable
from desktop_app.store.settings_witness import identity_before_sign_in

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
    second_factor_code: Callable[[], str] | None = None,
) -> ProvisionOutcome:
    """Apply ``machine`` to the branch in ``ctx.paths`` (see the module doc). ``admin_password`` is
    called only when a branch is set up or changed, ``second_factor_code`` only when the IT
    administrator signing in is enrolled for two-factor sign-in. Leaves ``ctx`` signed out."""
    if ctx.paths.is_initialised():
        return _update(ctx, machine, admin_username, admin_password, second_factor_code)
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
    me = result.signed_in
    try:
        db = me.db
        with db.transaction():
            record(
                me,
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
        sign_out(me)
    return ProvisionOutcome(INITIALISED, result.config, recovery_code=result.recovery_code)


class ProvisionNotAuthorised(BranchVaultError):
    code = "provision_not_authorised"

    def __init__(self) -> None:
        super().__init__(
            "门店已建立：更改门店信息须由 IT 管理员登录授权。请用 --admin 指定 IT 管理员，并提供其密码"
            "（从标准输入或 --admin-password-file）。未作任何更改。",
            "The branch exists: changing its values needs an IT administrator's sign-in. Name one with "
            "--admin and give their password (on standard input or with --admin-password-file). "
            "Nothing was changed.",
        )


class AdminMustChangePassword(BranchVaultError):
    code = "must_change_password"

    def __init__(self) -> None:
        super().__init__(
            "该 IT 管理员须先修改密码（临时密码或密码已过期）：请运行 branchvault passwd。未作任何更改。",
            "That IT administrator must change their password first (temporary or expired): run "
            "`branchvault passwd`. Nothing was changed.",
        )


def _changes(config: BranchConfig, machine: MachineConfig) -> dict[str, tuple[str, str]]:
    current = {name: str(getattr(config, name)) for name in machine.descriptive()}
    return {name: (current[name], new) for name, new in machine.descriptive().items() if current[name] != new}


def _update(
    ctx: AppContext,
    machine: MachineConfig,
    admin_username: str | None,
    admin_password: Callable[[], str],
    second_factor_code: Callable[[], str] | None = None,
) -> ProvisionOutcome:
    config = ctx.require_config()  # a partial or damaged branch raises here: nothing is touched
    if config.branch_code != machine.branch_code:
        raise DifferentBranch(config.branch_code, machine.branch_code, ctx.paths.root)
    not_applied = []
    if config.use_keyring != machine.use_keyring:
        not_applied.append("keyring")
    if _policy(config.security) != _policy(dict(machine.security)):
        not_applied.append("security")
    # Before sign-in: compared with the names the database last held (the keyring copy, if kept),
    # so an edited branch.toml that matches the file cannot hide a change as "unchanged".
    if not _changes(identity_before_sign_in(config), machine):
        return ProvisionOutcome(UNCHANGED, config, not_applied=tuple(not_applied))
    if not admin_username or not admin_username.strip():
        raise ProvisionNotAuthorised()
    password = admin_password()
    try:
        me = sign_in(ctx, admin_username.strip(), password)
    except SecondFactorRequired:
        if second_factor_code is None:
            raise
        me = sign_in(ctx, admin_username.strip(), password, totp_code=second_factor_code())
    try:
        if me.session.must_change_password:
            raise AdminMustChangePassword()
        config = me.config  # signed in: the database's values, not the file's
        changed = _changes(config, machine)
        if changed:
            change_settings(
                me,
                identity={name: new for name, (_, new) in changed.items()},
                action=ACTION,
                audit_details={"changed": sorted(changed)},  # names only: the values are in the file
            )
        config = me.config
    finally:
        sign_out(me)
    return ProvisionOutcome(UPDATED if changed else UNCHANGED, config, changed, tuple(not_applied))


def _policy(settings: dict[str, object]) -> SecurityPolicy | None:
    try:
        return apply_settings(SecurityPolicy(), dict(settings))
    except ValueError:
        return None
