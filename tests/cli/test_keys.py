"""``rekey`` and ``recover``, and a keyring that lost the branch's device secret."""

from __future__ import annotations

import json

import pytest

from desktop_app.store.database import DatabaseOpenError, open_database
from tests.cli.support import (
    ADMIN,
    AGENT,
    RECOVERY_CODE,
    STAFF,
    TEMP_PASSWORD,
    CliBranch,
    Result,
    assert_exit,
    assert_message,
    database_key,
    lines,
)
from tests.support.file_keyring import device_secret_entries

NEW_ADMIN_PASSWORD = "Adm1n!Renewed#2027"


def slot_names(cli_branch: CliBranch) -> set[str]:
    data = json.loads((cli_branch.data_dir / "keyslots.json").read_text())
    return {slot["name"] for slot in data["slots"]}


def recovery_slot_opens(cli_branch: CliBranch, code: str) -> bool:
    from desktop_app.domain.recovery_code import normalize_code
    from desktop_app.store.key_slots import SlotOpenFailed, load_key_slots, open_slot

    slots = load_key_slots(cli_branch.data_dir / "keyslots.json", cli_branch.branch_id)
    slot = slots.recovery_slot()
    assert slot is not None
    try:
        open_slot(slot, branch_id=cli_branch.branch_id, secret=normalize_code(code), device_secret=None)
    except SlotOpenFailed:
        return False
    return True


def assert_everyone_signs_in(cli_branch: CliBranch) -> None:
    for role in ("it_admin", "manager", "auditor"):
        assert_exit(cli_branch.as_role(role, "audit", "verify"), 0)
    # An agent may run no staff or audit command; a permission refusal proves the sign-in worked.
    agent = cli_branch.as_role("agent", "audit", "verify")
    assert_message(agent, "您的角色无权执行此操作", "Your role is not allowed to do this", code=1)


def recover(cli_branch: CliBranch, code: str, username: str = ADMIN[0], *extra: str) -> Result:
    return cli_branch.run("recover", "--username", username, "--password-stdin", *extra, stdin=lines(code))


def test_rekey_rotates_the_key_and_everyone_still_signs_in(cli_branch: CliBranch) -> None:
    old_key = database_key(cli_branch.data_dir, *ADMIN)
    result = cli_branch.as_role("it_admin", "rekey", "--json")
    assert_exit(result, 0)
    assert result.json() == {"rekeyed": True, "slots": len(STAFF) + 1}  # every user plus recovery
    assert not (cli_branch.data_dir / "keyslots.next.json").exists()
    new_key = database_key(cli_branch.data_dir, *ADMIN)
    assert new_key != old_key
    with pytest.raises(DatabaseOpenError):
        open_database(cli_branch.data_dir / "branch.db", old_key)
    open_database(cli_branch.data_dir / "branch.db", new_key).close()
    assert_everyone_signs_in(cli_branch)
    # The recovery slot was re-sealed too.
    assert_exit(recover(cli_branch, cli_branch.recovery_code), 0)


def test_rekey_text_output(cli_branch: CliBranch) -> None:
    result = cli_branch.as_role("it_admin", "rekey")
    assert_exit(result, 0)
    assert "数据库密钥已轮换" in result.stdout and "database key rotated (5 slots)" in result.stdout


def test_recover_gives_a_temporary_password_and_a_new_code(cli_branch: CliBranch) -> None:
    result = recover(cli_branch, cli_branch.recovery_code)
    assert_exit(result, 0)
    temporary = TEMP_PASSWORD.search(result.stdout)
    assert temporary is not None, result.stdout
    codes = RECOVERY_CODE.findall(result.stdout)
    assert len(codes) == 1 and codes[0] != cli_branch.recovery_code
    assert "新恢复码" in result.stdout and "the old one no longer works" in result.stdout
    # The old code is spent.
    again = recover(cli_branch, cli_branch.recovery_code)
    assert_message(again, "恢复码不正确", "The recovery code is wrong", code=1)
    assert recovery_slot_opens(cli_branch, codes[0])
    # The admin must change the temporary password; then everything works, for everyone.
    must = cli_branch.run("user", "list", as_user=ADMIN[0], password=temporary.group(0))
    assert_message(must, "必须先修改密码", "You must change your password first", code=1)
    changed = cli_branch.run(
        "passwd", as_user=ADMIN[0], password=temporary.group(0), stdin=lines(NEW_ADMIN_PASSWORD)
    )
    assert_exit(changed, 0)
    assert_exit(cli_branch.run("user", "list", as_user=ADMIN[0], password=NEW_ADMIN_PASSWORD), 0)
    for role in ("manager", "auditor"):
        assert_exit(cli_branch.as_role(role, "audit", "verify"), 0)
    # The new code works (accepted in lower case, without dashes).
    newer = recover(cli_branch, codes[0].replace("-", "").lower(), ADMIN[0], "--json")
    assert_exit(newer, 0)


def test_recover_json(cli_branch: CliBranch) -> None:
    result = recover(cli_branch, cli_branch.recovery_code, ADMIN[0], "--json")
    assert_exit(result, 0)
    data = result.json()
    assert data["username"] == ADMIN[0]
    assert TEMP_PASSWORD.fullmatch(data["temporary_password"])
    assert RECOVERY_CODE.fullmatch(data["recovery_code"])
    assert data["device_secret_replaced"] is False and data["users_needing_reset"] == []


@pytest.mark.parametrize(
    ("code", "username", "exit_code", "zh", "en"),
    [
        ("not a code", ADMIN[0], 2, "恢复码格式不正确", "That is not a recovery code"),
        ("ABCDE-FGHJK-LMNPQ-RSTUV-WXYZ2", ADMIN[0], 1, "恢复码不正确", "The recovery code is wrong"),
        (None, AGENT[0], 1, f"{AGENT[0]} 不是 IT 管理员账户", f"{AGENT[0]} is not an IT administrator"),
        (None, "nobody", 1, "nobody 不是 IT 管理员账户", "nobody is not an IT administrator"),
    ],
    ids=["malformed", "wrong-code", "not-an-admin", "unknown-user"],
)
def test_recover_refusals(
    cli_branch: CliBranch, code: str | None, username: str, exit_code: int, zh: str, en: str
) -> None:
    result = recover(cli_branch, code or cli_branch.recovery_code, username)
    assert_message(result, zh, en, code=exit_code)
    assert RECOVERY_CODE.search(result.stdout) is None
    # A refused recovery spends nothing: the code still opens the recovery slot.
    assert recovery_slot_opens(cli_branch, cli_branch.recovery_code)


def test_recover_needs_the_code_on_stdin(cli_branch: CliBranch) -> None:
    result = cli_branch.run("recover", "--username", ADMIN[0], "--password-stdin")
    assert_message(result, "标准输入中缺少恢复码", "Expected the recovery code on standard input", code=2)


def test_a_lost_device_secret_blocks_sign_in_until_recovery(cli_branch: CliBranch) -> None:
    cli_branch.keyring_file.write_text("{}")  # the PC's keyring lost the entry (new PC, cleared keyring)
    for role in ("it_admin", "manager"):
        result = cli_branch.as_role(role, "user", "list", "--json")
        assert_message(result, "找不到本门店的设备密钥", "device secret is missing", code=1)
        assert result.json()["error"] == "device_secret_missing"
    # Without IT's explicit confirmation nothing changes (the secret may only be invisible here).
    refused = recover(cli_branch, cli_branch.recovery_code, ADMIN[0], "--json")
    assert_message(refused, "--new-device-secret", "--new-device-secret", code=1)
    assert slot_names(cli_branch) == {name for name, _ in STAFF.values()} | {"__recovery__"}
    recovered = recover(cli_branch, cli_branch.recovery_code, ADMIN[0], "--new-device-secret", "--json")
    assert_exit(recovered, 0)
    data = recovered.json()
    assert data["device_secret_replaced"] is True
    assert data["users_needing_reset"] == sorted(name for name, _ in STAFF.values() if name != ADMIN[0])
    assert device_secret_entries(cli_branch.keyring_file) == [f"BranchVault\0{cli_branch.branch_id}"]
    assert slot_names(cli_branch) == {ADMIN[0], "__recovery__"}
    temporary = data["temporary_password"]
    assert_exit(
        cli_branch.run("passwd", as_user=ADMIN[0], password=temporary, stdin=lines(NEW_ADMIN_PASSWORD)), 0
    )
    # The others' slots were bound to the lost secret: IT gives them new passwords.
    lost = cli_branch.as_role("manager", "user", "list")
    assert_message(lost, "用户名或密码错误", "Wrong username or password", code=1)
    reset = cli_branch.run(
        "user", "reset-password", "lina", "--json", as_user=ADMIN[0], password=NEW_ADMIN_PASSWORD
    )
    assert_exit(reset, 0)
    manager_temp = reset.json()["temporary_password"]
    assert_exit(
        cli_branch.run("passwd", as_user="lina", password=manager_temp, stdin=lines("Mgr!Again#2027x")), 0
    )
    assert_exit(cli_branch.run("user", "list", as_user="lina", password="Mgr!Again#2027x"), 0)
