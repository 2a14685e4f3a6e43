"""Where the app looks for the branch: --data-dir, then BRANCHVAULT_HOME, then the data directory
IT's machine-wide branch config names (so a branch provisioned into a custom folder is found), then
the per-user default."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.store.data_dir import default_data_dir, resolve_data_dir

CONFIG = """
[branch]
code = "SZ001"
name = "深圳南山店"
[company]
name = "示例地产经纪有限公司"
contact = "400-000-0000"
[install]
data_dir = "{data_dir}"
"""


def test_the_machine_wide_data_dir_comes_after_the_explicit_ones(tmp_path: Path, monkeypatch) -> None:
    provisioned = tmp_path / "provisioned"
    config = tmp_path / "branch-config.toml"
    config.write_text(CONFIG.format(data_dir=provisioned), encoding="utf-8")
    monkeypatch.setenv("BRANCHVAULT_MACHINE_CONFIG", str(config))
    monkeypatch.delenv("BRANCHVAULT_HOME", raising=False)

    assert resolve_data_dir() == provisioned.resolve()
    monkeypatch.setenv("BRANCHVAULT_HOME", str(tmp_path / "home"))
    assert resolve_data_dir() == (tmp_path / "home").resolve()
    assert resolve_data_dir(tmp_path / "explicit") == (tmp_path / "explicit").resolve()


@pytest.mark.parametrize("content", [None, "not toml [", '[branch]\ncode = "SZ001"\n'])
def test_no_or_an_unusable_machine_config_means_the_default(tmp_path: Path, monkeypatch, content) -> None:
    config = tmp_path / "branch-config.toml"
    if content is not None:
        config.write_text(content, encoding="utf-8")
    monkeypatch.setenv("BRANCHVAULT_MACHINE_CONFIG", str(config))
    monkeypatch.delenv("BRANCHVAULT_HOME", raising=False)
    assert resolve_data_dir() == default_data_dir()
