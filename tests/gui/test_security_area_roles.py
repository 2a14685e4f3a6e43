"""The 安全运维 (Security) area as each role sees it: the manager, the IT administrator and the auditor
each get exactly their tabs, titled in Chinese (an agent has no Security area: test_main_window).

With ``BRANCHVAULT_SHOTS=DIR`` one more test opens every role's tabs on the demo branch (with its
security history) in Chinese and saves a PNG of the main window per tab into DIR
(``<role>-<n>-<tab title>.png``), for a person to look at; nothing is written otherwise.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from desktop_app.domain.navigation import Area
from desktop_app.domain.roles import Role
from desktop_app.services.context import AppContext
from desktop_app.services.signed_in import SignedIn
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.security.area import SecurityArea
from tests.conftest import Branch
from tests.gui.conftest import MakeShell, signed_in, wait_idle

ALERTS, LOG_REVIEW, ACCESS_REVIEW = "异常告警", "日志审查", "权限审查"
BACKUPS, INTEGRITY = "备份", "完整性检查"
# managers and auditors review alerts; the log review is the auditor's (managers read it); the
# access review is the manager's (IT and auditors read it); backups are IT's and managers'.
EXPECTED_TABS = {
    Role.MANAGER: [ALERTS, LOG_REVIEW, ACCESS_REVIEW, INTEGRITY, BACKUPS],
    Role.IT_ADMIN: [ACCESS_REVIEW, INTEGRITY, BACKUPS],
    Role.AUDITOR: [ALERTS, LOG_REVIEW, ACCESS_REVIEW, INTEGRITY],
}
SHOTS = os.environ.get("BRANCHVAULT_SHOTS", "")


def _security_area(qtbot, make_shell: MakeShell, me: SignedIn) -> tuple[MainWindow, SecurityArea]:  # type: ignore[no-untyped-def]
    shell = make_shell(me, language="zh_CN")
    window = MainWindow(shell)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    wait_idle(qtbot, shell)
    area = window.show_area(Area.SECURITY)
    assert isinstance(area, SecurityArea)
    wait_idle(qtbot, shell)
    return window, area


def _titles(area: SecurityArea) -> list[str]:
    return [area.tabs.tabText(i) for i in range(area.tabs.count())]


@pytest.mark.parametrize("role", [Role.MANAGER, Role.IT_ADMIN, Role.AUDITOR])
def test_each_role_gets_its_security_tabs_in_chinese(
    qtbot, branch: Branch, make_shell: MakeShell, role: Role
) -> None:  # type: ignore[no-untyped-def]
    me = signed_in(branch.context(), *branch.users[role])
    window, area = _security_area(qtbot, make_shell, me)
    assert _titles(area) == EXPECTED_TABS[role]
    assert area.tabs.isVisible() and not area.empty.isVisible()
    for index in range(area.tabs.count()):
        area.tabs.setCurrentIndex(index)
        wait_idle(qtbot, window.shell)
        assert area.tabs.currentWidget().isVisible()


def _demo_sign_in(ctx: AppContext, username: str, password: str) -> SignedIn:
    """A demo member signed in; the IT administrator gives the demo authenticator's code."""
    from desktop_app.domain.errors import BranchVaultError
    from desktop_app.services.sign_in import sign_in

    try:
        return sign_in(ctx, username, password)
    except BranchVaultError as exc:
        if getattr(exc, "code", "") != "second_factor_required":
            raise
    import pyotp

    from desktop_app.services.demo_totp_security import DEMO_TOTP_SECRET

    return sign_in(ctx, username, password, totp_code=pyotp.TOTP(DEMO_TOTP_SECRET).at(ctx.clock()))


@pytest.mark.skipif(not SHOTS, reason="set BRANCHVAULT_SHOTS=DIR to save screenshots")
def test_screenshots_of_every_security_tab(qtbot, tmp_path: Path, make_shell: MakeShell) -> None:  # type: ignore[no-untyped-def]
    from desktop_app.services.context import build_context
    from desktop_app.services.demo_profile import DEMO_USERS, create_demo_profile

    out = Path(SHOTS)
    out.mkdir(parents=True, exist_ok=True)
    create_demo_profile(tmp_path / "demo", clients=40)
    for user in DEMO_USERS:
        if user.role is Role.AGENT:
            continue
        me = _demo_sign_in(build_context(tmp_path / "demo"), user.username, user.password)
        window, area = _security_area(qtbot, make_shell, me)
        for index in range(area.tabs.count()):
            area.tabs.setCurrentIndex(index)
            wait_idle(qtbot, window.shell)
            QApplication.processEvents()
            title = area.tabs.tabText(index)
            assert window.grab().save(str(out / f"{user.role.value}-{index + 1}-{title}.png"))
        window.close()
