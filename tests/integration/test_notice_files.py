"""Notice files on disk: the bundled versions and files the company supplies."""

from __future__ import annotations

import os
import shutil
import tomllib
from pathlib import Path

import pytest
import tomli_w

from desktop_app.domain.privacy_notice import parse_notice, render_notice
from desktop_app.store.branch_config import BranchConfig, load_config, save_config
from desktop_app.store.notice_files import (
    MAX_NOTICE_FILE_BYTES,
    NOTICES_DIR,
    NoticeFileError,
    bundled_versions,
    load_bundled,
    load_notice_file,
    notice_values,
)

V1 = NOTICES_DIR / "2026-11-v1.toml"


def test_bundled_versions_load_and_match_their_file_names() -> None:
    versions = bundled_versions()
    assert "2026-11-v1" in versions
    for version in versions:
        notice = load_bundled(version)
        assert notice.version == version
    assert (
        load_bundled("2026-11-v1").content_hash == parse_notice(V1.read_text(encoding="utf-8")).content_hash
    )


def test_unknown_bundled_version_is_refused() -> None:
    with pytest.raises(NoticeFileError) as caught:
        load_bundled("1999-01-v9")
    assert "1999-01-v9" in caught.value.zh and "no privacy notice" in caught.value.en


def test_bundled_file_whose_name_and_version_disagree_is_refused(tmp_path: Path) -> None:
    shutil.copy(V1, tmp_path / "2027-01-v2.toml")
    assert bundled_versions(tmp_path) == ("2027-01-v2",)
    with pytest.raises(NoticeFileError) as caught:
        load_bundled("2027-01-v2", tmp_path)
    assert "2026-11-v1" in caught.value.en and "file name" in caught.value.en
    assert bundled_versions(tmp_path / "missing") == ()


def test_company_file_with_bom_and_windows_line_endings(tmp_path: Path) -> None:
    path = tmp_path / "公司告知书.toml"
    text = V1.read_text(encoding="utf-8").replace("\n", "\r\n")
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert load_notice_file(path).content_hash == load_bundled("2026-11-v1").content_hash


def _refusal(path: Path) -> NoticeFileError:
    with pytest.raises(NoticeFileError) as caught:
        load_notice_file(path)
    assert path.name in caught.value.zh and path.name in caught.value.en
    return caught.value


def test_bad_company_files_are_refused_clearly(tmp_path: Path) -> None:
    assert "does not exist" in _refusal(tmp_path / "nothing.toml").en
    assert "not a regular file" in _refusal(tmp_path).en

    big = tmp_path / "big.toml"
    big.write_bytes(b"#" * (MAX_NOTICE_FILE_BYTES + 1))
    assert "too large" in _refusal(big).en and "256 KB" in _refusal(big).zh

    gbk = tmp_path / "gbk.toml"
    gbk.write_bytes(V1.read_text(encoding="utf-8").encode("gbk"))
    assert "UTF-8" in _refusal(gbk).zh

    binary = tmp_path / "scan.pdf"
    binary.write_bytes(b"%PDF-1.7\x00\x01\x02")
    assert "not a text file" in _refusal(binary).en

    garbled = tmp_path / "garbled.toml"
    garbled.write_text("[processor\ntitle_zh = ", encoding="utf-8")
    assert "TOML" in _refusal(garbled).en


def test_company_file_missing_a_section_names_it(tmp_path: Path) -> None:
    data = tomllib.loads(V1.read_text(encoding="utf-8"))
    del data["rights"]
    del data["recipients"]["headquarters"]["method_en"]
    path = tmp_path / "company.toml"
    path.write_text(tomli_w.dumps(data), encoding="utf-8")
    error = _refusal(path)
    assert "“行使权利的方式”部分（rights）" in error.zh
    assert "'how to exercise rights' section (rights)" in error.en
    assert "recipients.headquarters.method_en" in error.en


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs file permissions")
def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "locked.toml"
    shutil.copy(V1, path)
    path.chmod(0)
    try:
        assert "cannot be read" in _refusal(path).en
    finally:
        path.chmod(0o600)


def test_branch_config_values_fill_the_notice(tmp_path: Path) -> None:
    path = tmp_path / "branch.toml"
    save_config(
        path,
        BranchConfig(
            branch_id="b1",
            branch_code="SZ001",
            branch_name="深圳南山店",
            company_name="示例地产经纪有限公司",
            company_contact="400-000-0000 privacy@example.cn",
            retention={"lead_months": 12},
        ),
    )
    values = notice_values(load_config(path), hq_name="示例集团总部", hq_contact="hq@example.cn")
    text = render_notice(load_bundled("2026-11-v1"), values).plain_text()
    assert "个人信息处理者：示例地产经纪有限公司" in text and "服务门店：深圳南山店" in text
    assert "线索（首次到访）客户：12个月" in text and "hq@example.cn" in text
