"""Importing a learning platform's results as exported, messy: merged title rows and merged date
cells (xlsx and xls), a GBK .csv, names instead of usernames, unknown and ambiguous staff, bad
scores and dates, repeated rows, a second import of the same file, a dry run; one audit entry."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import pytest

from desktop_app.domain.errors import PermissionDenied
from desktop_app.domain.programme_periods import Quarter
from desktop_app.domain.roles import Role
from desktop_app.services.signed_in import SignedIn
from desktop_app.services.staff_accounts import add_staff
from desktop_app.services.training_import import import_lms_results
from desktop_app.services.training_records import training_counts
from desktop_app.store.audit_repository import AuditRepository
from desktop_app.store.spreadsheet_reader import SpreadsheetError
from desktop_app.store.training_repository import TrainingRepository

SignIn = Callable[[Role], SignedIn]
TODAY = date(2027, 1, 15)  # the test clock's day (tests/conftest.py)


def _xlsx(path: Path) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["某某房产 隐私保护在线培训 考试成绩导出"])
    sheet.merge_cells("A1:E1")
    sheet.append(["导出人：系统管理员"])
    sheet.append(["序号", "姓名", "部门", "考试成绩", "交卷时间"])
    sheet.append([1, "lina", "南山店", 95, datetime(2027, 1, 15, 10, 5)])
    sheet.append([2, "zhangwei", "南山店", "72分", datetime(2027, 1, 15, 10, 9)])
    sheet.append([3, "zhangwei", "南山店", 88, datetime(2027, 1, 15, 11, 0)])
    sheet.merge_cells("E6:E7")  # the platform merged the exam time over two rows
    sheet.append([4, "audit.chen", "审计", 90, None])
    sheet.append([5, "王小明", "南山店", 99, datetime(2027, 1, 15, 11, 0)])
    sheet.append([6, "lina", "南山店", "优秀", datetime(2027, 1, 15, 11, 0)])
    sheet.append([7, "lina", "南山店", 95, datetime(2027, 1, 15, 10, 5)])  # repeats row 4
    sheet.append([8, "lina", "南山店", 90, datetime(2027, 2, 1)])  # future
    book.save(path)
    return path


def _outcomes(report: object) -> dict[int, str]:
    return {o.row: o.outcome for o in report.outcomes}  # type: ignore[attr-defined]


def test_messy_xlsx_report_row_by_row_then_written_once(signed_in: SignIn, tmp_path: Path) -> None:
    manager = signed_in(Role.MANAGER)
    path = _xlsx(tmp_path / "成绩.xlsx")
    checked = import_lms_results(manager, path, dry_run=True)
    assert checked.header_row == 3 and checked.staff_column == "name"
    assert _outcomes(checked) == {
        4: "imported",
        5: "imported",
        6: "imported",
        7: "imported",  # the date from the merged cell above
        8: "unknown_staff",
        9: "bad_score",
        10: "duplicate",
        11: "bad_date",
    }
    quarter = Quarter.of(TODAY)
    assert TrainingRepository(manager.db).attempts(quarter.key()) == []
    report = import_lms_results(manager, path)
    assert report.imported == 4 and report.passed == 3  # 72 < 80
    counts = training_counts(manager, quarter)
    assert counts.completed == 3 and counts.quiz_takers == 3 and counts.first_attempt_passed == 2
    entries = [e for e in AuditRepository(manager.db).iter_all() if e.action == "training.lms_import"]
    assert len(entries) == 1 and entries[0].details["imported"] == 4
    again = import_lms_results(manager, path)
    assert again.imported == 0 and set(_outcomes(again).values()) >= {"already_imported"}
    assert len(TrainingRepository(manager.db).attempts(quarter.key())) == 4


def test_names_usernames_and_ambiguous_names(signed_in: SignIn, tmp_path: Path) -> None:
    it = signed_in(Role.IT_ADMIN)
    add_staff(it, "wang.a", "王芳", Role.AGENT, password="Agt!WangA#2026xx", must_change=False)
    add_staff(it, "wang.b", "王芳", Role.AGENT, password="Agt!WangB#2026xx", must_change=False)
    manager = signed_in(Role.MANAGER)
    by_name = tmp_path / "names.csv"
    by_name.write_bytes(
        "员工姓名,得分,完成日期\r\nlina,90,2027-01-15\r\n王芳,90,2027-01-15\r\n陌生人,90,2027-01-15\r\n".encode(
            "gbk"
        )
    )
    report = import_lms_results(manager, by_name, dry_run=True)
    assert _outcomes(report) == {2: "imported", 3: "ambiguous_name", 4: "unknown_staff"}
    by_user = tmp_path / "users.csv"
    by_user.write_bytes(
        "账号,姓名,分数,日期,是否通过\r\nWang.B,王芳,85,2027/01/15,通过\r\nzhangwei,张伟,60,2027年1月15日,通过\r\n".encode(
            "gbk"
        )
    )
    report = import_lms_results(manager, by_user)
    assert report.staff_column == "username" and report.imported == 2 and report.passed == 1
    note = next(o for o in report.outcomes if o.username == "zhangwei")
    assert "pass mark" in note.reason_en  # the platform said passed; the branch's mark decides


def test_a_title_merged_xls_with_merged_dates(signed_in: SignIn, tmp_path: Path) -> None:
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("成绩")
    sheet.write_merge(0, 0, 0, 2, "2027年第一季度 培训考试")
    for column, title in enumerate(["用户名", "成绩", "考试日期"]):
        sheet.write(1, column, title)
    sheet.write(2, 0, "lina")
    sheet.write(2, 1, 100)
    sheet.write_merge(2, 3, 2, 2, "2027-01-15")
    sheet.write(3, 0, "zhangwei")
    sheet.write(3, 1, 81)
    path = tmp_path / "old.xls"
    book.save(str(path))
    manager = signed_in(Role.MANAGER)
    report = import_lms_results(manager, path)
    assert report.imported == 2 and {o.day for o in report.outcomes} == {date(2027, 1, 15)}


def test_a_member_not_yet_on_the_staff_that_day(signed_in: SignIn, tmp_path: Path) -> None:
    manager = signed_in(Role.MANAGER)
    path = tmp_path / "old.csv"
    path.write_text("用户名,成绩,日期\nlina,90,2026-06-01\n", encoding="utf-8")
    assert _outcomes(import_lms_results(manager, path)) == {2: "not_staff_then"}


def test_files_without_the_columns_or_by_the_wrong_role(signed_in: SignIn, tmp_path: Path) -> None:
    manager = signed_in(Role.MANAGER)
    path = tmp_path / "x.csv"
    path.write_text("部门,人数\n南山店,5\n", encoding="utf-8")
    with pytest.raises(SpreadsheetError):
        import_lms_results(manager, path)
    path.write_text("用户名,成绩\nlina,90\n", encoding="utf-8")
    with pytest.raises(Exception, match="date column"):
        import_lms_results(manager, path)
    agent = signed_in(Role.AGENT)
    with pytest.raises(PermissionDenied):
        import_lms_results(agent, path)
