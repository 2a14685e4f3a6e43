"""A throw-away demo branch with one user per role and known passwords (no keyring entry is made)."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from desktop_app.domain.roles import Role
from desktop_app.services.branch_setup import BranchDetails, init_branch
from desktop_app.services.context import AppContext, build_context
from desktop_app.services.sign_in import sign_out
from desktop_app.services.staff_accounts import add_staff
from desktop_app.store.device_secret import DeviceSecretStore
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


def create_demo_profile(
    data_dir: Path | None = None, *, secrets: DeviceSecretStore | None = None
) -> AppContext:
    """Create the demo branch (in a new temporary directory unless given); returns a signed-out context."""
    root = data_dir or Path(tempfile.mkdtemp(prefix="branchvault-demo-"))
    ctx = build_context(root, secrets=secrets)
    admin = DEMO_USERS[0]
    init_branch(
        ctx,
        BranchDetails(
            "DEMO01", "演示门店（深圳南山）", "演示地产经纪有限公司", "400-000-0000 privacy@example.cn"
        ),
        admin_username=admin.username,
        admin_display_name=admin.display_name,
        admin_password=admin.password,
        use_keyring=False,
        security={"kdf_target_seconds": 0.2},
    )
    for user in DEMO_USERS[1:]:
        add_staff(ctx, user.username, user.display_name, user.role, password=user.password, must_change=False)
    sign_out(ctx)
    save_user_settings(ctx.paths.user_settings, UserSettings(language="zh_CN"))
    return ctx
