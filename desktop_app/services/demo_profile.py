"""A throw-away demo branch with one user per role and known passwords (no keyring entry is made),
filled with synthetic clients (domain/synthetic_clients.py: invented, no real person's data).

The clients go through the real services, so each one is validated and audited: ``create_client``
signed in as the demo agent (three in five) or the manager (the rest), then ``add_followup`` for
each past follow-up. Each user's clients are written in batches of one transaction each (the
services' own transactions join the outer one), so the demo does not pay a commit per row.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from desktop_app.domain.branch_time import branch_day
from desktop_app.domain.confirmation_code import confirmation_code
from desktop_app.domain.consent_form_number import new_form_number
from desktop_app.domain.consent_purposes import PurposeId
from desktop_app.domain.consent_records import ConsentFormDraft
from desktop_app.domain.roles import Role
from desktop_app.domain.synthetic_clients import DEFAULT_SEED, SyntheticClient, synthetic_clients
from desktop_app.services.branch_setup import BranchDetails, init_branch
from desktop_app.services.client_access import confirm_member, set_up_client_key
from desktop_app.services.client_followups import add_followup
from desktop_app.services.client_intake import create_client
from desktop_app.services.context import AppContext, build_context
from desktop_app.services.sign_in import sign_in, sign_out
from desktop_app.services.signed_in import SignedIn
from desktop_app.services.staff_accounts import add_staff
from desktop_app.store.device_secret import DeviceSecretStore
from desktop_app.store.key_slots import load_key_slots
from desktop_app.store.user_settings import UserSettings, save_user_settings


@dataclass(frozen=True)
class DemoUser:
    username: str
    display_name: str
    role: Role
    password: str


DEMO_USERS = (
    DemoUser("it.wang", "王工（IT）", Role.IT_ADMIN, "Demo#Vault2026"),
    DemoUser("lina", "李娜（店长）", Role.MANAGER, "Demo#Branch2026"),
    DemoUser("zhangwei", "张伟（置业顾问）", Role.AGENT, "Demo#Sales2026"),
    DemoUser("audit.chen", "陈静（审计）", Role.AUDITOR, "Demo#Check2026"),
)
DEMO_AGENT, DEMO_MANAGER = DEMO_USERS[2], DEMO_USERS[1]
DEFAULT_DEMO_CLIENTS = 500
_BATCH = 100  # clients per transaction


def demo_client_owner(index: int) -> DemoUser:
    """Who registers the demo client at ``index``: the agent three times in five, else the manager."""
    return DEMO_AGENT if index % 5 < 3 else DEMO_MANAGER


def demo_client_counts(clients: int) -> dict[str, int]:
    """How many of ``clients`` demo clients each demo user registers (username → count)."""
    agent = sum(1 for i in range(clients) if demo_client_owner(i) is DEMO_AGENT)
    return {DEMO_AGENT.username: agent, DEMO_MANAGER.username: clients - agent}


def _demo_consent(ctx: SignedIn, client: SyntheticClient, index: int) -> ConsentFormDraft | None:
    """A signed consent form for every demo client past the first visit: the sensitive-data consent
    as the synthetic draft says, HQ sharing for one in two, marketing for one in three."""
    if client.draft.stage == "lead" and not client.draft.sensitive_consent:
        return None
    return ConsentFormDraft(
        form_number=str(new_form_number(ctx.config.branch_code, ctx.clock())),
        answers={
            PurposeId.SENSITIVE_DATA.value: bool(client.draft.sensitive_consent),
            PurposeId.HQ_SHARING.value: index % 2 == 0,
            PurposeId.MARKETING_CONTACT.value: index % 3 == 0,
        },
        signed_on=branch_day(ctx.clock()),
    )


def _register(ctx: AppContext, user: DemoUser, clients: list[SyntheticClient]) -> None:
    me = sign_in(ctx, user.username, user.password)
    try:
        db = me.db
        now = datetime.fromtimestamp(me.clock(), UTC)
        for start in range(0, len(clients), _BATCH):
            with db.transaction():
                for offset, client in enumerate(clients[start : start + _BATCH]):
                    record = create_client(
                        me, client.draft, consent=_demo_consent(me, client, start + offset)
                    )
                    for followup in client.followups:
                        add_followup(me, record.id, followup.kind, followup.note, at=now - followup.ago)
    finally:
        sign_out(me)


def _confirm_demo_staff(ctx: AppContext) -> None:
    """As a branch does it: the manager creates the client-data key (the demo keeps no recovery
    code: it is thrown away) and confirms the agent with the code of the agent's key pair (the demo
    plays both people, so it reads the code from the agent's slot instead of a password change)."""
    slot = load_key_slots(ctx.paths.key_slots, ctx.require_config().branch_id).password_slot(
        DEMO_AGENT.username
    )
    assert slot is not None
    me = sign_in(ctx, DEMO_MANAGER.username, DEMO_MANAGER.password)
    try:
        set_up_client_key(me)
        confirm_member(me, DEMO_AGENT.username, confirmation_code(slot.public_key))
    finally:
        sign_out(me)


def create_demo_profile(
    data_dir: Path | None = None,
    *,
    secrets: DeviceSecretStore | None = None,
    clients: int = DEFAULT_DEMO_CLIENTS,
    seed: int = DEFAULT_SEED,
    programme_history: bool = True,
    security_history: bool = True,
) -> AppContext:
    """Create the demo branch (in a new temporary directory unless given) with ``clients`` synthetic
    clients (see demo_client_counts for who has which) and, with ``programme_history``, a year of
    privacy-programme history (services/demo_programme.py) and, with ``security_history``, the
    security-operations history (services/demo_security.py); returns a signed-out context."""
    if clients < 0:
        raise ValueError("clients must not be negative")
    root = data_dir or Path(tempfile.mkdtemp(prefix="branchvault-demo-"))
    ctx = build_context(root, secrets=secrets)
    admin = DEMO_USERS[0]
    me = init_branch(
        ctx,
        BranchDetails(
            "DEMO01",
            "演示门店（深圳南山）",
            "演示地产经纪有限公司",
            "400-000-0000 privacy@example.cn",
            hq_name="演示地产集团总部",
            hq_contact="400-000-0001 hq-privacy@example.cn",
        ),
        admin_username=admin.username,
        admin_display_name=admin.display_name,
        admin_password=admin.password,
        use_keyring=False,
        security={"kdf_target_seconds": 0.2},
    ).signed_in
    for user in DEMO_USERS[1:]:
        add_staff(me, user.username, user.display_name, user.role, password=user.password, must_change=False)
    sign_out(me)
    _confirm_demo_staff(ctx)
    if clients:
        generated = synthetic_clients(
            clients, seed=seed, today=datetime.fromtimestamp(ctx.clock(), UTC).date()
        )
        for user in (DEMO_AGENT, DEMO_MANAGER):
            _register(ctx, user, [c for i, c in enumerate(generated) if demo_client_owner(i) is user])
    if programme_history:
        _seed_programme(ctx, seed)
    if security_history:
        import random

        from desktop_app.services.demo_security import seed_security_history

        seed_security_history(ctx, random.Random(seed))
    save_user_settings(ctx.paths.user_settings, UserSettings(language="zh_CN"))
    return ctx


def _seed_programme(ctx: AppContext, seed: int) -> None:
    """The demo manager, signed in with the client-data key, writes the programme's history."""
    import random

    from desktop_app.services.demo_programme import seed_programme_history

    me = sign_in(ctx, DEMO_MANAGER.username, DEMO_MANAGER.password)
    try:
        seed_programme_history(me, random.Random(seed))
    finally:
        sign_out(me)
