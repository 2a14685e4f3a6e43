"""Old formats a branch still has (issue 11, section 1, "Old formats"): Excel 97-2003 .xls is read;
a WPS .et file and a password-protected workbook (.xlsx or .xls) are refused with "save it as
.xlsx"; a workbook is read by its content, whatever its name says."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest

from desktop_app.domain.roles import Role
from desktop_app.services.client_import import import_clients, preview_import
from desktop_app.services.signed_in import SignedIn
from desktop_app.store.spreadsheet_reader import SpreadsheetError, read_sheet
from tests.support import hostile_sheets as hs

SignIn = Callable[[Role], SignedIn]


def _expected_row(n: int) -> tuple[object, ...]:
    values: list[object] = [value or None for value in hs.client_row(n)]
    values[1] = int(str(values[1]))
    return tuple(values)


def test_an_xls_list_is_read_like_an_xlsx(tmp_path: Path) -> None:
    xls = read_sheet(hs.client_list_xls(tmp_path / "客户.xls", rows=50))
    xlsx = read_sheet(hs.client_list_xlsx(tmp_path / "客户.xlsx", rows=50))
    assert xls.encoding == "xls" and xlsx.encoding == "xlsx"
    assert xls.rows[1] == hs.HEADER
    assert xls.rows[2] == _expected_row(0) and xls.rows[-1] == _expected_row(49)
    assert xls.rows[1:] == xlsx.rows[1:]


def test_dates_and_numbers_in_an_xls_keep_their_types(tmp_path: Path) -> None:
    import xlwt

    workbook = xlwt.Workbook(encoding="utf-8")
    sheet = workbook.add_sheet("客户")
    sheet.write(0, 0, "登记日期")
    sheet.write(0, 1, "预算")
    sheet.write(1, 0, datetime(2016, 3, 8), xlwt.easyxf(num_format_str="yyyy-mm-dd"))
    sheet.write(1, 1, 285.5)
    workbook.save(str(tmp_path / "d.xls"))
    assert read_sheet(tmp_path / "d.xls").rows[1] == (datetime(2016, 3, 8), 285.5)


@pytest.mark.parametrize(
    ("made", "named"), [("xls", "list.xlsx"), ("xlsx", "list.xls"), ("xlsx", "list.csv")]
)
def test_a_renamed_workbook_is_read_by_its_content(tmp_path: Path, made: str, named: str) -> None:
    source = (
        hs.client_list_xls(tmp_path / "a.xls", rows=3)
        if made == "xls"
        else hs.client_list_xlsx(tmp_path / "a.xlsx", rows=3)
    )
    renamed = tmp_path / named
    shutil.copyfile(source, renamed)
    sheet = read_sheet(renamed)
    assert sheet.encoding == made and sheet.rows[2] == _expected_row(0)


def _refusal(path: Path) -> SpreadsheetError:
    with pytest.raises(SpreadsheetError) as caught:
        read_sheet(path)
    return caught.value


def test_a_wps_et_file_is_asked_to_be_saved_as_xlsx(tmp_path: Path) -> None:
    et = tmp_path / "客户.et"
    shutil.copyfile(hs.client_list_xls(tmp_path / "a.xls", rows=3), et)
    error = _refusal(et)
    assert error.code == "spreadsheet_type"
    assert "WPS" in error.zh and ".xlsx" in error.zh and "WPS" in error.en and "save it as .xlsx" in error.en


@pytest.mark.parametrize("kind", ["xlsx", "xls"])
def test_a_password_protected_workbook_is_asked_to_be_saved_without_it(tmp_path: Path, kind: str) -> None:
    path = (hs.encrypted_xlsx if kind == "xlsx" else hs.encrypted_xls)(tmp_path / f"加密.{kind}")
    error = _refusal(path)
    assert error.code == "spreadsheet_encrypted", error.en
    assert "密码" in error.zh and ".xlsx" in error.zh
    assert "remove the password" in error.en and ".xlsx" in error.en


def test_a_web_page_saved_as_xls_is_named_for_what_it_is(tmp_path: Path) -> None:
    page = tmp_path / "导出.xls"
    page.write_text("<html><table><tr><td>姓名</td></tr></table></html>", encoding="utf-8")
    error = _refusal(page)
    assert "not a real Excel workbook" in error.en and ".xlsx" in error.zh


def test_a_damaged_xls_gets_a_clear_message(tmp_path: Path) -> None:
    good = hs.client_list_xls(tmp_path / "a.xls", rows=30).read_bytes()
    broken = tmp_path / "b.xls"
    broken.write_bytes(good[: len(good) // 2])
    assert _refusal(broken).code == "spreadsheet_unreadable"


def test_a_legacy_xls_imports_every_client(signed_in: SignIn, tmp_path: Path) -> None:
    manager = signed_in(Role.MANAGER)
    path = hs.client_list_xls(tmp_path / "2016客户.xls", rows=40)
    preview = preview_import(manager, path)
    assert preview is not None
    report = import_clients(manager, path)
    assert report.imported == 40 and not report.rejected
