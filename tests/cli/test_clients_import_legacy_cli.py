"""``branchvault clients import`` with old and hostile files: an .xls imports; a WPS .et file, a
password-protected workbook, a Big5 CSV and a zip bomb exit 1 with a bilingual message and no
traceback."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.cli.support import CliBranch, assert_exit, assert_message
from tests.support import hostile_sheets as hs


def test_an_xls_list_imports(cli_branch: CliBranch, tmp_path: Path) -> None:
    path = hs.client_list_xls(tmp_path / "2016客户.xls", rows=8)
    result = cli_branch.as_role("manager", "clients", "import", str(path))
    assert_exit(result, 0)


def _et(tmp: Path) -> Path:
    et = tmp / "客户.et"
    shutil.copyfile(hs.client_list_xls(tmp / "a.xls", rows=2), et)
    return et


def _big5(tmp: Path) -> Path:
    path = tmp / "台北.csv"
    path.write_bytes("姓名,電話\r\n陳大文,0912345678\r\n".encode("big5"))
    return path


CASES = {
    "a WPS .et file": (_et, "另存为 .xlsx", "save it as .xlsx"),
    "an encrypted .xlsx": (lambda t: hs.encrypted_xlsx(t / "密.xlsx"), "取消密码", "remove the password"),
    "an encrypted .xls": (lambda t: hs.encrypted_xls(t / "密.xls"), "取消密码", "remove the password"),
    "a Big5 CSV": (_big5, "无法识别文件的文字编码", "encoding is not recognised"),
    "a zip bomb": (lambda t: hs.zip_bomb(t / "z.xlsx"), "压缩炸弹", "zip bomb"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_refused_file_exits_1_with_a_bilingual_message(
    cli_branch: CliBranch, tmp_path: Path, case: str
) -> None:
    make, zh, en = CASES[case]
    result = cli_branch.as_role("agent", "clients", "import", str(make(tmp_path)))
    assert_message(result, zh, en, code=1)
    assert "Traceback" not in result.stderr
