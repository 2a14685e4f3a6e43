"""The machine-wide branch config: parsing and validation (with properties), its per-OS location, reading it."""

from __future__ import annotations

import string
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.domain.errors import InvalidInput
from desktop_app.domain.machine_config import (
    BRANCH_CODE_MAX,
    MachineConfig,
    MachineConfigError,
    parse_machine_config,
)
from desktop_app.store.machine_config_file import (
    ENV_MACHINE_CONFIG,
    MAX_BYTES,
    MachineConfigMissing,
    load_machine_config,
    machine_config_path,
    read_machine_config,
)

FULL = """\
# written by the installer
[branch]
code = "sz001"
name = "  深圳南山店 "

[company]
name = "示例地产经纪有限公司"
contact = "400-000-0000 privacy@example.cn"

[headquarters]
name = "示例地产集团总部"
contact = "021-0000-0000"
url = "https://hq.example.cn:8443/sync"

[install]
data_dir = "/srv/branchvault"
keyring = "none"

[security]
idle_lock_minutes = 10
kdf_target_seconds = 0.25
"""


def problems(text: str) -> list[tuple[str, int | None]]:
    with pytest.raises(MachineConfigError) as caught:
        parse_machine_config(text, "/etc/branchvault/branch-config.toml")
    assert caught.value.exit_code == 2
    assert "/etc/branchvault/branch-config.toml" in caught.value.zh
    assert "/etc/branchvault/branch-config.toml" in caught.value.en
    return [(p.key, p.line) for p in caught.value.problems]


def test_a_full_file_gives_every_value_trimmed_and_the_code_upper_case() -> None:
    config = parse_machine_config(FULL)
    assert config == MachineConfig(
        branch_code="SZ001",
        branch_name="深圳南山店",
        company_name="示例地产经纪有限公司",
        company_contact="400-000-0000 privacy@example.cn",
        hq_name="示例地产集团总部",
        hq_contact="021-0000-0000",
        hq_url="https://hq.example.cn:8443/sync",
        data_dir="/srv/branchvault",
        use_keyring=False,
        security={"idle_lock_minutes": 10, "kdf_target_seconds": 0.25},
    )


def test_only_the_branch_table_is_needed_and_the_keyring_defaults_to_required() -> None:
    config = parse_machine_config('[branch]\ncode = "GZ-02"\nname = "广州天河店"\n')
    assert (config.branch_code, config.branch_name, config.use_keyring) == ("GZ-02", "广州天河店", True)
    assert config.hq_url == config.data_dir == config.company_name == ""
    assert dict(config.security) == {}


def test_a_byte_order_mark_is_accepted() -> None:
    assert parse_machine_config("\ufeff" + FULL).branch_code == "SZ001"


def test_the_descriptive_values_are_the_ones_provision_may_update() -> None:
    assert set(parse_machine_config(FULL).descriptive()) == {
        "branch_name",
        "company_name",
        "company_contact",
        "hq_name",
        "hq_contact",
        "hq_url",
    }


def test_bad_toml_names_the_line() -> None:
    assert problems('[branch]\ncode = "SZ001"\nname = 深圳\n') == [("TOML", 3)]


def test_missing_code_and_name_are_named() -> None:
    assert problems("[company]\nname = 'x'\n") == [("branch.code", None), ("branch.name", None)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('[branch]\ncode = "SZ001"\nname = "x"\ncolour = "red"\n', [("branch.colour", 4)]),
        ('[branch]\ncode = "SZ001"\nname = "x"\n[sync]\nurl = "https://x.cn"\n', [("sync", 4)]),
        (
            '[branch]\ncode = "SZ001"\nname = "x"\n[security]\nidle_lock_minutes = 60\n',
            [("security.idle_lock_minutes", 5)],
        ),
        ('[branch]\ncode = "SZ001"\nname = "x"\n[security]\nno_such = 1\n', [("security.no_such", 5)]),
        ('[branch]\ncode = "SZ 001"\nname = "x"\n', [("branch.code", 2)]),
        ('[branch]\ncode = 1\nname = "x"\n', [("branch.code", 2)]),
        ('[branch]\ncode = "SZ001"\nname = ""\n', [("branch.name", 3)]),
        ('[branch]\ncode = "SZ001"\nname = "a\\u0007b"\n', [("branch.name", 3)]),
        ('[branch]\ncode = "SZ001"\nname = "x"\n[install]\nkeyring = "maybe"\n', [("install.keyring", 5)]),
        ('[branch]\ncode = "SZ001"\nname = "x"\n[install]\ndata_dir = "data"\n', [("install.data_dir", 5)]),
        (  # absolute only on Windows: relative on the Linux machine reading it
            '[branch]\ncode = "SZ001"\nname = "x"\n[install]\ndata_dir = "D:\\\\BV"\n',
            [("install.data_dir", 5)],
        ),
        (
            '[branch]\ncode = "SZ001"\nname = "x"\n[security]\nidle_lock_minutes = nan\n',
            [("security.idle_lock_minutes", 5)],
        ),
        ('branch = "SZ001"\n', [("branch", 1), ("branch.code", None), ("branch.name", None)]),
    ],
)
def test_each_problem_names_its_key_and_line(text: str, expected: list[tuple[str, int | None]]) -> None:
    assert problems(text) == expected


@pytest.mark.parametrize(
    "url",
    [
        "http://hq.example.cn",
        "ftp://hq.example.cn",
        "hq.example.cn",
        "https://",
        "https://user:pw@hq.example.cn",
        "https://hq.example.cn/a b",
        "https://hq.example.cn:99999",
    ],
)
def test_the_hq_url_must_be_a_plain_https_address(url: str) -> None:
    text = f'[branch]\ncode = "SZ001"\nname = "x"\n[headquarters]\nurl = "{url}"\n'
    assert problems(text) == [("headquarters.url", 5)]


def test_every_problem_is_reported_at_once_in_both_languages() -> None:
    text = '[branch]\ncode = "SZ001!"\nname = "x"\n[headquarters]\nurl = "http://x"\nfax = "1"\n'
    with pytest.raises(MachineConfigError) as caught:
        parse_machine_config(text)
    error = caught.value
    assert [p.key for p in error.problems] == ["headquarters.fax", "branch.code", "headquarters.url"]
    assert "第 6 行 headquarters.fax" in error.zh and "line 6, headquarters.fax" in error.en
    assert "https://" in error.zh and "https://" in error.en


# --- properties -------------------------------------------------------------------------------

CODES = st.text(string.ascii_letters + string.digits + "-_", min_size=1, max_size=BRANCH_CODE_MAX)
SAFE_TEXT = st.text(
    st.characters(
        blacklist_categories=("Cc", "Cs", "Zs", "Zl", "Zp"),
        blacklist_characters="\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069",
    ),
    max_size=60,
)
HOSTS = st.from_regex(r"[a-z][a-z0-9]{0,20}(\.[a-z][a-z0-9]{0,10}){1,3}", fullmatch=True)


@st.composite
def valid_files(draw: st.DrawFn) -> dict[str, Any]:
    data: dict[str, Any] = {
        "branch": {"code": draw(CODES), "name": draw(SAFE_TEXT.filter(lambda s: s.strip() != ""))}
    }
    if draw(st.booleans()):
        data["company"] = {"name": draw(SAFE_TEXT), "contact": draw(SAFE_TEXT)}
    if draw(st.booleans()):
        data["headquarters"] = {"name": draw(SAFE_TEXT), "url": "https://" + draw(HOSTS)}
    if draw(st.booleans()):
        data["install"] = {"keyring": draw(st.sampled_from(["required", "none"]))}
    if draw(st.booleans()):
        data["security"] = {"idle_lock_minutes": draw(st.integers(1, 15))}
    return data


@given(valid_files())
def test_every_valid_file_parses_to_its_values(data: dict[str, Any]) -> None:
    config = parse_machine_config(tomli_w.dumps(data))
    assert config.branch_code == data["branch"]["code"].upper()
    assert config.branch_name == data["branch"]["name"].strip()
    assert config.company_name == data.get("company", {}).get("name", "").strip()
    assert config.hq_url == data.get("headquarters", {}).get("url", "")
    assert config.use_keyring == (data.get("install", {}).get("keyring", "required") == "required")
    assert dict(config.security) == data.get("security", {})


@given(st.text(max_size=300))
def test_any_text_parses_or_gives_the_bilingual_file_error(text: str) -> None:
    try:
        parse_machine_config(text)
    except MachineConfigError as error:
        assert error.problems and error.zh and error.en
        assert all(p.zh and p.en and p.key for p in error.problems)


@given(
    valid_files(),
    st.sampled_from(["branch", "company", "headquarters", "install"]),
    st.from_regex(r"[a-z]{1,12}", fullmatch=True),
)
def test_an_unknown_key_is_always_refused_by_name(data: dict[str, Any], table: str, key: str) -> None:
    known = {
        "branch": {"code", "name"},
        "company": {"name", "contact"},
        "headquarters": {"name", "contact", "url"},
        "install": {"data_dir", "keyring"},
    }
    if key in known[table]:
        return
    data.setdefault(table, {})[key] = "x"
    assert (f"{table}.{key}") in [k for k, _ in problems(tomli_w.dumps(data))]


@given(
    st.sampled_from(
        [
            ("branch", "name", 60),
            ("company", "name", 100),
            ("company", "contact", 200),
            ("headquarters", "contact", 200),
        ]
    ),
    st.integers(1, 50),
)
def test_text_longer_than_its_limit_is_refused(where: tuple[str, str, int], extra: int) -> None:
    table, key, limit = where
    data: dict[str, Any] = {"branch": {"code": "SZ001", "name": "x"}}
    data.setdefault(table, {})[key] = "店" * limit
    parse_machine_config(tomli_w.dumps(data))  # the limit itself is fine
    data[table][key] = "店" * (limit + extra)
    text = tomli_w.dumps(data)
    rows = text.splitlines()
    line = rows.index(f"[{table}]") + next(
        i for i, row in enumerate(rows[rows.index(f"[{table}]") :]) if row.startswith(f"{key} =")
    )
    assert problems(text) == [(f"{table}.{key}", line + 1)]


@given(st.sampled_from(["http", "ftp", "file", "javascript", "httpss", "wss"]), HOSTS)
def test_only_https_urls_pass(scheme: str, host: str) -> None:
    data = {"branch": {"code": "SZ001", "name": "x"}, "headquarters": {"url": f"{scheme}://{host}"}}
    assert [k for k, _ in problems(tomli_w.dumps(data))] == ["headquarters.url"]


# --- location and reading (store) ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("platform", "environ", "expected"),
    [
        ("linux", {}, "/etc/branchvault/branch-config.toml"),
        ("darwin", {}, "/Library/Application Support/BranchVault/branch-config.toml"),
        ("win32", {"ProgramData": "D:\\PD"}, "D:\\PD\\BranchVault\\branch-config.toml"),
        ("win32", {}, "C:\\ProgramData\\BranchVault\\branch-config.toml"),
        ("linux", {ENV_MACHINE_CONFIG: "/tmp/x.toml"}, "/tmp/x.toml"),
        ("win32", {ENV_MACHINE_CONFIG: "/tmp/x.toml"}, "/tmp/x.toml"),
    ],
)
def test_the_machine_wide_file_per_os(platform: str, environ: dict[str, str], expected: str) -> None:
    assert str(machine_config_path(platform, environ)) == expected


def test_reading_a_missing_large_or_non_utf8_file_is_an_exit_2_error(tmp_path: Path) -> None:
    with pytest.raises(MachineConfigMissing) as missing:
        read_machine_config(tmp_path / "nope.toml")
    assert isinstance(missing.value, InvalidInput) and missing.value.exit_code == 2
    large = tmp_path / "large.toml"
    large.write_text("# " + "x" * MAX_BYTES, encoding="utf-8")
    with pytest.raises(MachineConfigError, match="KiB"):
        read_machine_config(large)
    gbk = tmp_path / "gbk.toml"
    gbk.write_bytes('[branch]\ncode = "SZ001"\nname = "深圳南山店"\n'.encode("gbk"))
    with pytest.raises(MachineConfigError, match="UTF-8"):
        read_machine_config(gbk)


def test_load_gives_none_without_a_machine_wide_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_MACHINE_CONFIG, str(tmp_path / "absent.toml"))
    assert load_machine_config() is None
    (tmp_path / "absent.toml").write_text(FULL, encoding="utf-8")
    loaded = load_machine_config()
    assert loaded is not None and loaded.branch_code == "SZ001"
