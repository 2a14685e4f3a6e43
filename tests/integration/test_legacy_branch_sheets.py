"""A ten-year-old branch brings its sheets: every valid client is kept, every problem is named.

The sheets are what a branch really keeps, made in code (no binary committed): a 2015 GBK CSV from
an old register program with a title line and district-only addresses, a 2018 Excel 97-2003 .xls with
a merged title and addresses without a province, a 市辖区 or a county-level city, and a 2023 .xlsx
with merged title cells, a blank row, phones written with spaces and dashes, clients repeated from the
older sheets, and a few truly bad rows. The manager imports them oldest first, as a branch would.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from pathlib import Path

from desktop_app.domain.roles import Role
from desktop_app.services.client_import import ImportReport, import_clients
from desktop_app.services.signed_in import SignedIn

fx = importlib.import_module("tests.fixtures.import.make_fixtures")
SignIn = Callable[[Role], SignedIn]

ID_IN_NOTES = fx.resident_id("32010219850412301")

SHEET_2015 = (  # GBK CSV: a title line, then the header; addresses at district level
    ("玄武店客户登记表（2015年）", "", "", ""),
    ("姓名", "电话", "住址", "备注"),
    ("王建国", "138 0000 0001", "江苏省南京市玄武区", "老客户介绍"),
    ("李秀英", "138-0000-0002", "成都 武侯区", ""),
    ("张桂兰", "+86 138 0000 0003", "北京市朝阳区", ""),
    ("刘德华", "13800000004", "江苏省 南京市 鼓楼区 中山路 1 号", ""),
)
SHEET_2018 = (  # .xls: merged title in row 1, header in row 3
    ("客户姓名", "手机号码", "联系地址", "意向等级", "来源"),
    ("陈志强", "13800000005", "深圳市南山区科技园路1号", "A", "到访"),
    ("杨丽", "13800000006", "天津市市辖区和平区南京路100号", "B", "来电"),
    ("赵敏", "13800000007", "江苏省苏州市昆山市玉山镇人民路8号", "C", "转介绍"),
    ("王建国", "138 0000 0001", "江苏省南京市玄武区", "A", "到访"),  # repeats 2015
    ("周杰", "13800000008", "新疆维吾尔自治区伊犁哈萨克自治州伊宁市解放路3号", "B", None),
)
SHEET_2023_HEADER = ("序号", "客户姓名", "联系电话", "家庭住址", "意向", "备注")
SHEET_2023 = (  # .xlsx: merged title, blank row, header in row 3; data from row 4 with a gap
    (4, (1, "孙小梅", "139 0000 0009", "内蒙古自治区锡林郭勒盟锡林浩特市", "A", "")),
    (5, (2, "李秀英", "13800000002", "四川省成都市武侯区", "B", "2015年老客户")),  # repeats 2015
    (7, (3, "吴刚", "1390000", "火星基地", "B", "")),  # bad phone AND bad address
    (8, (4, "郑爽", "13900000010", "广东省广州市天河区", "C", f"身份证{ID_IN_NOTES}")),  # ID in notes
    (9, (5, "孙小梅", "139-0000-0009", "", "A", "重复登记")),  # repeats row 4 with dashes
    (10, (6, "何晴", "13900000011", "湖北省仙桃市", "A", "")),
    (11, (7, "马云飞", "13900000012", "浙江省金华市义乌市稠城街道", "B", "")),
)
VALID_NAMES = {
    "王建国", "李秀英", "张桂兰", "刘德华",  # 2015
    "陈志强", "杨丽", "赵敏", "周杰",  # 2018
    "孙小梅", "何晴", "马云飞",  # 2023
}  # fmt: skip


def _gbk_csv(path: Path, rows: Sequence[Sequence[str]]) -> Path:
    path.write_bytes(fx.csv_bytes(rows, "gbk"))
    return path


def _xls(path: Path, title: str, rows: Sequence[Sequence[object]]) -> Path:
    import xlwt  # test-only writer of the old format

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("客户")
    sheet.write_merge(0, 0, 0, len(rows[0]) - 1, title)
    for row_index, cells in enumerate(rows, start=2):
        for column, value in enumerate(cells):
            if value is not None:
                sheet.write(row_index, column, value)
    book.save(str(path))
    return path


def _stored(ctx: SignedIn) -> dict[str, tuple[str, str | None, str | None, str | None, str | None]]:
    db = ctx.db
    rows = db.execute(
        "SELECT full_name, phone_e164, province, city, district, address_detail FROM client_data.clients"
    ).fetchall()
    names = [row[0] for row in rows]
    assert len(names) == len(set(names)), names  # nobody stored twice
    return {row[0]: row[1:] for row in rows}


def _import_all(manager: SignedIn, tmp_path: Path) -> tuple[ImportReport, ImportReport, ImportReport]:
    first = import_clients(manager, _gbk_csv(tmp_path / "2015客户登记.csv", SHEET_2015))
    second = import_clients(manager, _xls(tmp_path / "2018客户名单.xls", "2018年客户名单", SHEET_2018))
    third = import_clients(
        manager,
        fx.write_workbook(
            tmp_path / "2023客户名单.xlsx", SHEET_2023_HEADER, SHEET_2023, title="2023年客户名单"
        ),
    )
    return first, second, third


def test_a_ten_year_old_branch_keeps_every_valid_client(signed_in: SignIn, tmp_path: Path) -> None:
    manager = signed_in(Role.MANAGER)
    first, second, third = _import_all(manager, tmp_path)

    assert (first.imported, first.refused, first.duplicates) == (4, 0, 0)
    assert (second.imported, second.refused, second.duplicates) == (4, 0, 1)
    assert (third.imported, third.refused, third.duplicates) == (3, 2, 2)
    assert third.duplicates_in_file == 1

    stored = _stored(manager)
    assert set(stored) == VALID_NAMES
    assert stored["王建国"] == ("+8613800000001", "江苏省", "南京市", "玄武区", None)
    assert stored["李秀英"] == ("+8613800000002", "四川省", "成都市", "武侯区", None)
    assert stored["张桂兰"][1:4] == ("北京市", "北京市", "朝阳区")
    assert stored["刘德华"][1:] == ("江苏省", "南京市", "鼓楼区", "中山路1号")
    assert stored["陈志强"][1:] == ("广东省", "深圳市", "南山区", "科技园路1号")
    assert stored["杨丽"][1:4] == ("天津市", "天津市", "和平区")
    assert stored["赵敏"][1:4] == ("江苏省", "苏州市", "昆山市")
    assert stored["周杰"][1:4] == ("新疆维吾尔自治区", "伊犁哈萨克自治州", "伊宁市")
    assert stored["孙小梅"][1:4] == ("内蒙古自治区", "锡林郭勒盟", "锡林浩特市")
    assert stored["何晴"][1] == "湖北省"
    assert stored["马云飞"][1:4] == ("浙江省", "金华市", "义乌市")


def test_every_problem_of_a_legacy_row_is_named(signed_in: SignIn, tmp_path: Path) -> None:
    manager = signed_in(Role.MANAGER)
    *_, third = _import_all(manager, tmp_path)

    by_row = {row.row_number: row for row in third.rejected if not row.duplicate}
    assert set(by_row) == {7, 8}
    assert {problem.field for problem in by_row[7].problems} == {"phone", "address"}
    assert [problem.reason for problem in by_row[8].problems] == ["holds_id_number"]
    assert "身份证" in by_row[8].reasons_zh and "ID number" in by_row[8].reasons_en
    db = manager.db
    tables = db.execute("SELECT name FROM client_data.sqlite_master WHERE type = 'table'").fetchall()
    for (table,) in tables:
        dump = db.execute(f'SELECT * FROM client_data."{table}"').fetchall()
        assert ID_IN_NOTES not in repr(dump), table
    assert "郑爽" not in _stored(manager)
