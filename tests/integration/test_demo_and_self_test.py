"""The demo profile and the core self-test checks."""

from __future__ import annotations

import json
from pathlib import Path

from desktop_app.services.demo_profile import DEMO_USERS, create_demo_profile
from desktop_app.services.self_test import check_keyring, check_sqlcipher
from desktop_app.services.sign_in import sign_in, sign_out
from desktop_app.store.user_settings import load_user_settings
from tests.support.contexts import context_of
from tests.support.second_factor import demo_code


def test_demo_profile_has_one_user_per_role_and_no_keyring_entry(tmp_path: Path, _test_keyring: Path) -> None:
    ctx = create_demo_profile(tmp_path / "demo")
    assert ctx.config is not None and not ctx.config.use_keyring
    assert not _test_keyring.exists() or json.loads(_test_keyring.read_text()) == {}
    assert {user.role for user in DEMO_USERS} == {"agent", "manager", "it_admin", "auditor"}
    for user in DEMO_USERS:
        ctx = sign_in(context_of(ctx), user.username, user.password, totp_code=demo_code(user.username))
        session = ctx.session
        assert (session.role, session.display_name) == (user.role, user.display_name)
        sign_out(ctx)
    assert load_user_settings(ctx.paths.user_settings).language == "zh_CN"


def test_self_test_sqlcipher_and_keyring_checks() -> None:
    sqlcipher = check_sqlcipher()
    assert sqlcipher.ok and "file encrypted: True" in sqlcipher.detail
    keyring = check_keyring()
    assert keyring.ok and "TestKeyring" in keyring.detail
