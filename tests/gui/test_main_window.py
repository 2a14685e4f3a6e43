"""The main window: exactly the areas each role may open, the Exports page, status bar, language switch."""

from __future__ import annotations

from dataclasses import replace

import pytest

from desktop_app.domain.navigation import Area
from desktop_app.domain.roles import Role
from desktop_app.ui import dialogs
from desktop_app.ui.exports.exports_page import ExportsPage
from desktop_app.ui.main_window import MainWindow
from tests.gui.conftest import signed_in, wait_idle

EXPECTED_AREAS = {
    Role.AGENT: [Area.CLIENTS, Area.CONSENT, Area.EXPORTS, Area.PROGRAMME],
    Role.MANAGER: [
        Area.CLIENTS,
        Area.REQUESTS,
        Area.CONSENT,
        Area.EXPORTS,
        Area.AUDIT,
        Area.PROGRAMME,
        Area.SECURITY,
    ],
    Role.IT_ADMIN: [Area.ADMIN, Area.PROGRAMME, Area.SECURITY],
    Role.AUDITOR: [Area.AUDIT, Area.PROGRAMME, Area.SECURITY],
}
ENGLISH_NAMES = {
    Area.CLIENTS: "Clients",
    Area.REQUESTS: "Requests and retention",
    Area.CONSENT: "Consent",
    Area.EXPORTS: "Exports",
    Area.PROGRAMME: "Privacy programme",
    Area.SECURITY: "Security",
    Area.AUDIT: "Audit",
    Area.ADMIN: "Admin",
}
CHINESE_NAMES = {
    Area.CLIENTS: "客户",
    Area.REQUESTS: "客户请求与保存期限",
    Area.CONSENT: "同意书",
    Area.EXPORTS: "导出",
    Area.PROGRAMME: "隐私保护",
    Area.SECURITY: "安全运维",
    Area.AUDIT: "审计",
    Area.ADMIN: "管理",
}


def _window(qtbot, shell) -> MainWindow:
    window = MainWindow(shell)
    qtbot.addWidget(window)
    window.show()
    wait_idle(qtbot, shell)
    return window


@pytest.mark.parametrize("role", list(Role))
def test_navigation_shows_exactly_the_roles_areas(qtbot, branch, make_shell, role: Role) -> None:
    ctx = signed_in(branch.context(), *branch.users[role])
    window = _window(qtbot, make_shell(ctx))
    assert window.area_ids() == EXPECTED_AREAS[role]
    assert window.area_names() == [ENGLISH_NAMES[a] for a in EXPECTED_AREAS[role]]
    assert set(window.page_by_area) == set(EXPECTED_AREAS[role])


def test_the_exports_area_is_the_exports_page(qtbot, branch, make_shell) -> None:
    ctx = signed_in(branch.context(), *branch.users[Role.MANAGER])
    window = _window(qtbot, make_shell(ctx))
    page = window.show_area(Area.EXPORTS)
    assert isinstance(page, ExportsPage)
    assert page.heading.text() == "Summaries for headquarters"


def test_the_consent_area_shows_the_privacy_notices(qtbot, branch, make_shell) -> None:
    from desktop_app.ui.notices.notices_page import NoticesPage

    ctx = signed_in(branch.context(), *branch.users[Role.AGENT])
    window = _window(qtbot, make_shell(ctx))
    assert isinstance(window.show_area(Area.CONSENT), NoticesPage)


def test_status_bar_names_user_role_branch_and_keyring(qtbot, branch, make_shell) -> None:
    ctx = signed_in(branch.context(), *branch.users[Role.MANAGER])
    window = _window(qtbot, make_shell(ctx))
    texts = window.status.texts()
    assert texts == ["lina", "Branch manager", "深圳南山店", "Keyring: in use"]
    assert window.status.no_keyring_warning.isHidden()
    assert "Demo" not in window.windowTitle()


def test_no_keyring_warning_is_permanent_and_visible(qtbot, branch, make_shell) -> None:
    ctx = signed_in(branch.context(), *branch.users[Role.AGENT])
    ctx.context.config = replace(ctx.require_config(), use_keyring=False)
    window = _window(qtbot, make_shell(ctx, demo=True))
    warning = window.status.no_keyring_warning
    assert warning.isVisible()
    assert "protected by staff passwords only" in warning.text()
    window.status.showMessage("a temporary message", 5000)  # temporary messages do not hide it
    assert warning.isVisible()
    assert "[Demo profile]" in window.windowTitle()
    assert "Demo profile" in window.status.texts()


def test_language_switch_retranslates_live_and_is_saved(qtbot, branch, make_shell) -> None:
    from desktop_app.store.user_settings import load_user_settings

    ctx = signed_in(branch.context(), *branch.users[Role.MANAGER])
    shell = make_shell(ctx, language="en")
    window = _window(qtbot, shell)
    window.language_actions["zh_CN"].trigger()  # LanguageChange events are posted: wait for them
    chinese = [CHINESE_NAMES[a] for a in EXPECTED_AREAS[Role.MANAGER]]
    qtbot.waitUntil(lambda: window.area_names() == chinese)
    assert window.session_menu.title() == "会话(&S)"
    assert "店长" in window.status.texts()
    page = window.show_area(Area.EXPORTS)
    assert isinstance(page, ExportsPage) and page.heading.text() == "发给总部的汇总"
    assert load_user_settings(ctx.paths.user_settings).language == "zh_CN"
    window.language_actions["en"].trigger()
    qtbot.waitUntil(lambda: window.area_names()[0] == "Clients")
    assert load_user_settings(ctx.paths.user_settings).language == "en"


def test_about_goes_through_the_dialog_seam(qtbot, branch, make_shell) -> None:
    ctx = signed_in(branch.context(), *branch.users[Role.AUDITOR])
    window = _window(qtbot, make_shell(ctx))
    window.about_action.trigger()
    shown = dialogs.history()[-1]
    assert shown.kind == "about" and "深圳南山店 (SZ001)" in shown.text
