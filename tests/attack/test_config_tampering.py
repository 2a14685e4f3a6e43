"""Attacks on ``branch.toml``: a local administrator opens it in a text editor to weaken the security
settings or to change the company printed on consent forms, and runs ``provision`` over an existing
branch without IT's password.

Each test does what such a person can do with the data folder and the app's own modules, and fails
on a branch where the file is the authoritative copy (before issue 10)."""

from __future__ import annotations

import tomllib
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import tomli_w

from desktop_app.domain.errors import AccountLocked, PasswordRejected, PermissionDenied, WrongCredentials
from desktop_app.domain.machine_config import parse_machine_config
from desktop_app.domain.roles import Role
from desktop_app.services.audit_review import verify
from desktop_app.services.client_consents import print_blank_form
from desktop_app.services.sign_in import sign_in, sign_out
from desktop_app.services.signed_in import SignedIn
from desktop_app.services.staff_accounts import add_staff
from desktop_app.store.audit_repository import AuditRepository
from desktop_app.store.branch_config import load_config
from tests.conftest import Branch, Clock
from tests.documents.pdf_tools import flat_text, requires_poppler
from tests.support.branch_settings import save_branch_settings

WRONG = "Wrong!Password#1"
GENUINE_COMPANY = "示例地产经纪有限公司"
FAKE_COMPANY = "冒名顶替数据服务有限公司"


def edit_branch_toml(path: Path, table: str, **values: Any) -> None:
    """What a text editor does: change values in one table of the file, keep everything else."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    data.setdefault(table, {}).update(values)
    path.write_text(tomli_w.dumps(data), encoding="utf-8")


def actions(ctx: SignedIn, action: str) -> list[Any]:
    db = ctx.db
    return [entry for entry in AuditRepository(db).iter_all() if entry.action == action]


def test_a_weakened_lockout_in_the_file_is_not_honoured_before_sign_in(branch: Branch, clock: Clock) -> None:
    """Raise lockout_attempts to 10 to guess a manager's password twice as often: still locked at 5."""
    edit_branch_toml(branch.ctx.paths.config, "security", lockout_attempts=10, lockout_minutes=15)
    for _ in range(4):
        with pytest.raises(WrongCredentials):
            sign_in(branch.context(), "lina", WRONG)
    with pytest.raises(AccountLocked) as locked:
        sign_in(branch.context(), "lina", WRONG)
    assert locked.value.minutes_left == 15
    with pytest.raises(AccountLocked):  # even the right password now
        sign_in(branch.context(), *branch.users[Role.MANAGER])


def test_a_shortened_lockout_in_the_file_is_not_honoured(branch: Branch, clock: Clock) -> None:
    """IT set a 60-minute lockout; the file is edited back to the minimum of 15."""
    save_branch_settings(branch.ctx, replace(branch.ctx.require_config(), security={"lockout_minutes": 60}))
    edit_branch_toml(branch.ctx.paths.config, "security", lockout_minutes=15)
    for _ in range(4):
        with pytest.raises(WrongCredentials):
            sign_in(branch.context(), "lina", WRONG)
    with pytest.raises(AccountLocked) as locked:
        sign_in(branch.context(), "lina", WRONG)
    assert locked.value.minutes_left == 60


def test_weakened_idle_lock_and_password_rules_are_not_used_once_signed_in(branch: Branch) -> None:
    path = branch.ctx.paths.config
    genuine = load_config(path).security
    edit_branch_toml(
        path,
        "security",
        idle_lock_minutes=15,
        password_min_length=8,
        password_min_classes=1,
        password_max_age_days=365,
    )
    ctx = sign_in(branch.context(), *branch.users[Role.IT_ADMIN])
    session = ctx.session
    policy = ctx.policy
    assert (policy.idle_lock_minutes, policy.password_min_length, policy.password_min_classes) == (5, 10, 3)
    assert policy.password_max_age_days == 90
    with pytest.raises(PasswordRejected):
        add_staff(ctx, "wang.new", "王新", Role.AGENT, password="abcdefgh12", must_change=False)

    tampered = actions(ctx, "config.file_tampered")
    assert len(tampered) == 1 and tampered[0].actor_username == branch.users[Role.IT_ADMIN][0]
    assert tampered[0].details["changed"] == [
        "security.idle_lock_minutes",
        "security.password_max_age_days",
        "security.password_min_classes",
        "security.password_min_length",
    ]
    assert tampered[0].details["values"]["security.idle_lock_minutes"] == {"file": 15, "database": 5}
    assert verify(ctx).ok
    assert load_config(path).security == genuine  # the file is rewritten from the database
    assert len(session.notices) == 1
    notice = session.notices[0]
    assert "branch.toml" in notice.zh and "idle_lock_minutes" in notice.en and "restored" in notice.en
    sign_out(ctx)

    again = sign_in(branch.context(), *branch.users[Role.AGENT])
    assert not again.session.notices  # repaired: nothing more to report
    assert again.policy.idle_lock_minutes == 5
    sign_out(again)


@requires_poppler
def test_a_company_name_changed_in_the_file_is_not_printed_on_the_consent_form(
    branch: Branch, tmp_path: Path
) -> None:
    config = branch.ctx.require_config()
    save_branch_settings(  # IT names headquarters, which the bundled notice needs
        branch.ctx,
        replace(config, hq_name="示例地产集团总部", hq_contact="021-1"),
    )
    edit_branch_toml(branch.ctx.paths.config, "branch", company_name=FAKE_COMPANY, hq_name="冒名总部")

    ctx = sign_in(branch.context(), *branch.users[Role.AGENT])
    session = ctx.session
    text = flat_text(print_blank_form(ctx).pdf, tmp_path)
    assert GENUINE_COMPANY in text and "示例地产集团总部" in text
    assert FAKE_COMPANY not in text and "冒名总部" not in text
    assert ctx.require_config().company_name == GENUINE_COMPANY
    assert session.notices and "company_name" in session.notices[0].en
    [entry] = actions(ctx, "config.file_tampered")
    assert entry.details["changed"] == ["branch.company_name", "branch.hq_name"]
    assert entry.details["values"]["branch.company_name"] == {
        "file": FAKE_COMPANY,
        "database": GENUINE_COMPANY,
    }
    sign_out(ctx)
    assert load_config(branch.ctx.paths.config).company_name == GENUINE_COMPANY


@requires_poppler
def test_a_blank_form_printed_without_sign_in_names_the_genuine_company(
    branch: Branch, tmp_path: Path
) -> None:
    """``consent blank-form`` needs no sign-in: it prints the identity the database last held."""
    from desktop_app.cli.main import main

    config = branch.ctx.require_config()
    save_branch_settings(
        branch.ctx,
        replace(config, hq_name="示例地产集团总部", hq_contact="021-1"),
    )
    edit_branch_toml(branch.ctx.paths.config, "branch", company_name=FAKE_COMPANY)
    out = tmp_path / "blank.pdf"
    assert main(["consent", "blank-form", "--data-dir", str(branch.ctx.paths.root), "--out", str(out)]) == 0
    text = flat_text(out.read_bytes(), tmp_path)
    assert GENUINE_COMPANY in text and FAKE_COMPANY not in text


def _machine_file(company: str) -> Any:
    return parse_machine_config(
        '[branch]\ncode = "SZ001"\nname = "深圳南山店"\n'
        f'[company]\nname = "{company}"\ncontact = "400-000-0000"\n[install]\nkeyring = "required"\n'
    )


def test_provision_on_an_existing_branch_without_authorisation_is_refused(branch: Branch) -> None:
    from desktop_app.services.provisioning import provision

    path = branch.ctx.paths.config
    before = path.read_bytes()
    state_before = branch.ctx.paths.lockout.read_bytes() if branch.ctx.paths.lockout.exists() else b""
    with pytest.raises(Exception) as refused:
        provision(
            branch.context(), _machine_file(FAKE_COMPANY), admin_username=None, admin_password=lambda: ""
        )
    assert getattr(refused.value, "code", "") == "provision_not_authorised"
    assert "IT" in refused.value.zh and "--admin" in refused.value.en  # type: ignore[attr-defined]
    assert path.read_bytes() == before
    assert (
        branch.ctx.paths.lockout.read_bytes() if branch.ctx.paths.lockout.exists() else b""
    ) == state_before

    ctx = sign_in(branch.context(), *branch.users[Role.AGENT])
    assert ctx.require_config().company_name == GENUINE_COMPANY
    assert not actions(ctx, "branch.provision")
    sign_out(ctx)


def test_provision_with_a_manager_instead_of_it_is_refused_and_audited(branch: Branch) -> None:
    from desktop_app.services.provisioning import provision

    before = branch.ctx.paths.config.read_bytes()
    manager, password = branch.users[Role.MANAGER]
    with pytest.raises(PermissionDenied):
        provision(
            branch.context(),
            _machine_file(FAKE_COMPANY),
            admin_username=manager,
            admin_password=lambda: password,
        )
    assert branch.ctx.paths.config.read_bytes() == before
    ctx = sign_in(branch.context(), *branch.users[Role.IT_ADMIN])
    denied = actions(ctx, "access.denied")
    assert [(e.actor_username, e.target_id) for e in denied] == [(manager, "config.edit")]
    sign_out(ctx)


def test_an_edited_file_matching_the_provisioning_file_does_not_pass_as_unchanged(branch: Branch) -> None:
    """Edit branch.toml first, then provision the same values: still a change, still refused."""
    from desktop_app.services.provisioning import provision

    edit_branch_toml(
        branch.ctx.paths.config, "branch", company_name=FAKE_COMPANY, company_contact="400-000-0000"
    )
    with pytest.raises(Exception) as refused:  # on a branch that trusts the file: "unchanged"
        provision(
            branch.context(), _machine_file(FAKE_COMPANY), admin_username=None, admin_password=lambda: ""
        )
    assert getattr(refused.value, "code", "") == "provision_not_authorised"
    ctx = sign_in(branch.context(), *branch.users[Role.AGENT])
    assert ctx.require_config().company_name == GENUINE_COMPANY
    sign_out(ctx)
