"""The branch configuration file and the machine-wide policy file (which can only tighten)."""

from __future__ import annotations

import dataclasses
import os
import stat
from pathlib import Path

import pytest

from desktop_app.domain.errors import AccountLocked, WrongCredentials
from desktop_app.domain.security_policy import SecurityPolicy
from desktop_app.services.context import build_context
from desktop_app.services.sign_in import sign_in
from desktop_app.store.branch_config import BranchConfig, ConfigError, KdfParams, load_config, save_config
from desktop_app.store.machine_policy import (
    ENV_POLICY,
    apply_machine_policy,
    machine_policy_paths,
    site_policy_path,
)
from tests.conftest import Branch
from tests.support.branch_settings import save_branch_settings
from tests.support.contexts import context_of

CONFIG = BranchConfig(
    branch_id="3b0d9c1e-1111-4222-8333-444455556666",
    branch_code="SZ001",
    branch_name="深圳南山店",
    company_name="示例地产经纪有限公司",
    company_contact="400-000-0000 privacy@example.cn",
    hq_url="https://hq.example.cn",
    use_keyring=False,
    kdf=KdfParams(4, 128 * 1024, 2),
    security={"lockout_attempts": 3, "kdf_target_seconds": 0.8, "audit_retention_days": 365},
)


def test_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "branch.toml"
    save_config(path, CONFIG)
    assert load_config(path) == CONFIG
    assert load_config(path).policy().lockout_attempts == 3
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_round_trip_with_defaults(tmp_path: Path) -> None:
    path = tmp_path / "branch.toml"
    minimal = BranchConfig("id-1", "C1", "店")
    save_config(path, minimal)
    assert load_config(path) == minimal
    assert load_config(path).policy() == SecurityPolicy()


def test_missing_kdf_table_uses_the_default(tmp_path: Path) -> None:
    path = tmp_path / "branch.toml"
    path.write_text('[branch]\nid = "x"\ncode = "C"\nname = "店"\n', encoding="utf-8")
    assert load_config(path).kdf == KdfParams(3, 64 * 1024, 1)


def assert_config_error(path: Path, *fragments: str) -> ConfigError:
    with pytest.raises(ConfigError) as info:
        load_config(path)
    error = info.value
    assert error.zh.strip() and error.en.strip() and error.zh != error.en
    assert "门店配置文件" in error.zh and "configuration file" in error.en
    for fragment in fragments:
        assert fragment in error.en
    assert error.code == "config_invalid"
    return error


@pytest.mark.parametrize(
    "text",
    [
        "[branch\nid = 1",
        "this is not toml",
        '[branch]\nid = "x"\nname = "no code"\n',
        '[branch]\nid = "x"\ncode = "C"\nname = "n"\n[keys.kdf]\ntime_cost = "many"\nmemory_kib = 1\nparallelism = 1\n',
        '[branch]\nid = "x"\ncode = "C"\nname = "n"\n[keys.kdf]\ntime_cost = 1\n',
    ],
)
def test_invalid_file(tmp_path: Path, text: str) -> None:
    path = tmp_path / "branch.toml"
    path.write_text(text, encoding="utf-8")
    assert_config_error(path, str(path))


def test_unknown_security_setting(tmp_path: Path) -> None:
    path = tmp_path / "branch.toml"
    save_config(path, dataclasses.replace(CONFIG, security={"lockout_atempts": 3}))
    assert_config_error(path, "lockout_atempts")


@pytest.mark.parametrize(
    "security", [{"kdf_min_memory_kib": 1024}, {"audit_retention_days": 30}, {"lockout_attempts": "five"}]
)
def test_security_values_below_floors(tmp_path: Path, security: dict[str, object]) -> None:
    path = tmp_path / "branch.toml"
    save_config(path, dataclasses.replace(CONFIG, security=security))
    assert_config_error(path)


def test_missing_file(tmp_path: Path) -> None:
    assert_config_error(tmp_path / "branch.toml", "file missing")


def test_broken_config_stops_the_context(branch: Branch) -> None:
    branch.ctx.paths.config.write_text("[branch\n", encoding="utf-8")
    ctx = build_context(branch.ctx.paths.root)  # building the context never fails; using it does
    with pytest.raises(ConfigError):
        ctx.require_config()
    with pytest.raises(ConfigError):
        ctx = sign_in(context_of(ctx), "it.admin", "Adm1n!Secure#2026")


# Machine policy.


def write_policy(text: str) -> Path:
    path = Path(os.environ[ENV_POLICY])
    path.write_text(text, encoding="utf-8")
    return path


def test_policy_paths_are_the_site_file_then_the_environment_file() -> None:
    assert machine_policy_paths() == [site_policy_path(), Path(os.environ[ENV_POLICY])]


def test_empty_policy_file_changes_nothing() -> None:
    assert Path(os.environ[ENV_POLICY]).read_text() == ""
    assert apply_machine_policy(SecurityPolicy()) == SecurityPolicy()


def test_a_missing_policy_file_named_by_the_environment_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pointing BRANCHVAULT_POLICY at nothing must not be a way to skip IT's policy."""
    monkeypatch.setenv(ENV_POLICY, str(tmp_path / "nowhere.toml"))
    with pytest.raises(ConfigError) as caught:
        apply_machine_policy(SecurityPolicy())
    assert "BRANCHVAULT_POLICY" in caught.value.zh and "does not exist" in caught.value.en


def test_policy_can_only_tighten() -> None:
    write_policy(
        "[security]\nlockout_attempts = 10\nlockout_minutes = 60\npassword_min_length = 8\n"
        "password_max_age_days = 0\nkdf_min_memory_kib = 1024\nidle_lock_minutes = 2\n"
    )
    policy = apply_machine_policy(SecurityPolicy())
    assert policy.lockout_attempts == 5  # 10 would be weaker
    assert policy.lockout_minutes == 60
    assert policy.password_min_length == 10
    assert policy.password_max_age_days == 90
    assert policy.kdf_min_memory_kib == 64 * 1024
    assert policy.idle_lock_minutes == 2


def test_policy_applies_over_the_branch_configuration(branch: Branch) -> None:
    config = branch.ctx.require_config()
    save_branch_settings(branch.ctx, dataclasses.replace(config, security={"lockout_attempts": 8}))
    assert build_context(branch.ctx.paths.root).policy.lockout_attempts == 8
    write_policy("[security]\nlockout_attempts = 3\n")
    ctx = build_context(branch.ctx.paths.root)
    assert ctx.policy.lockout_attempts == 3
    for _ in range(2):
        with pytest.raises(WrongCredentials):
            sign_in(build_context(branch.ctx.paths.root), "lina", "Wrong!Password#1")
    with pytest.raises(AccountLocked):
        sign_in(build_context(branch.ctx.paths.root), "lina", "Wrong!Password#1")


def test_policy_cannot_loosen_the_branch_configuration(branch: Branch) -> None:
    config = branch.ctx.require_config()
    save_config(branch.ctx.paths.config, dataclasses.replace(config, security={"lockout_attempts": 2}))
    write_policy("[security]\nlockout_attempts = 50\n")
    assert build_context(branch.ctx.paths.root).policy.lockout_attempts == 2


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("[security\n", "policy file"),
        ("[security]\nlockout_atempts = 3\n", "lockout_atempts"),  # regression: was a bare AttributeError
        ('[security]\nlockout_attempts = "3"\n', "must be a number"),
        ("[security]\nlockout_attempts = 0\n", "between 1 and 10"),
        ("security = 5\n", "policy file"),  # regression: was a bare TypeError
        ('security = "strict"\n', "policy file"),  # regression: was a bare ValueError
    ],
)
def test_invalid_policy_file(branch: Branch, text: str, fragment: str) -> None:
    write_policy(text)
    with pytest.raises(ConfigError) as info:
        apply_machine_policy(SecurityPolicy())
    assert fragment in info.value.en and info.value.zh
    with pytest.raises(ConfigError):
        sign_in(build_context(branch.ctx.paths.root), "lina", "anything")


# Retention rules ([retention] table).


def test_retention_table_round_trip_and_defaults(tmp_path: Path) -> None:
    path = tmp_path / "branch.toml"
    save_config(path, dataclasses.replace(CONFIG, retention={"lead_months": 12, "closed_months": 60}))
    loaded = load_config(path)
    assert loaded.retention == {"lead_months": 12, "closed_months": 60}
    rules = loaded.retention_rules()
    assert (rules.months_for("lead"), rules.months_for("closed"), rules.months_for("visiting")) == (
        12,
        60,
        24,
    )
    save_config(path, CONFIG)
    assert "[retention]" not in path.read_text(encoding="utf-8")  # nothing set: defaults, no table
    assert load_config(path).retention_rules().months_for("lead") == 24


@pytest.mark.parametrize(
    ("table", "fragment"),
    [
        ("lead_months = 0", "lead_months"),
        ("lead_months = 601", "lead_months"),
        ('visiting_months = "24"', "visiting_months"),
        ("lead_months = true", "lead_months"),
        ("lead_months = 24.5", "lead_months"),
        ("leed_months = 24", "leed_months"),
        ("lead = 24", "lead"),
    ],
)
def test_invalid_retention_settings_name_the_problem(tmp_path: Path, table: str, fragment: str) -> None:
    path = tmp_path / "branch.toml"
    path.write_text(f'[branch]\nid = "x"\ncode = "C"\nname = "店"\n[retention]\n{table}\n', encoding="utf-8")
    error = assert_config_error(path, fragment, str(path))
    assert fragment in error.zh and "保存期限" in error.zh


def test_a_retention_value_that_is_not_a_table_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "branch.toml"
    path.write_text('retention = 5\n[branch]\nid = "x"\ncode = "C"\nname = "店"\n', encoding="utf-8")
    assert_config_error(path, str(path))


def test_headquarters_recipient_round_trips(tmp_path: Path) -> None:
    path = tmp_path / "branch.toml"
    config = dataclasses.replace(
        CONFIG, hq_name="示例地产集团有限公司总部", hq_contact="021-0000-0000 hq-privacy@example.cn"
    )
    save_config(path, config)
    loaded = load_config(path)
    assert loaded == config
    assert (loaded.hq_name, loaded.hq_contact) == (config.hq_name, config.hq_contact)
    written = path.read_text(encoding="utf-8")
    assert 'hq_name = "示例地产集团有限公司总部"' in written  # in the [branch] table, readable by IT


def test_headquarters_fields_default_to_empty_and_can_be_written_by_hand(tmp_path: Path) -> None:
    path = tmp_path / "branch.toml"
    path.write_text('[branch]\nid = "x"\ncode = "C"\nname = "店"\n', encoding="utf-8")
    assert (load_config(path).hq_name, load_config(path).hq_contact) == ("", "")
    path.write_text(
        '[branch]\nid = "x"\ncode = "C"\nname = "店"\nhq_name = "集团总部"\nhq_contact = "400-1"\n',
        encoding="utf-8",
    )
    assert (load_config(path).hq_name, load_config(path).hq_contact) == ("集团总部", "400-1")
