"""Messy survey exports as branches get them from 问卷星 / 腾讯问卷, written by the tests.

An .xlsx with a merged title over two rows, a blank row and the tool's columns (序号, 提交答卷时间,
所用时间, 来源, 来自IP, the questions, a name and a comments column); answers as labels, digits,
"5分", a full-width digit, a skipped question, an unknown label; and the same as a GBK .csv
and an Excel 97-2003 .xls.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

TARGET = "您对我们处理您个人信息的方式满意吗？"
OTHER = "您对经纪人的服务满意吗？"
HEADER = (
    "序号",
    "提交答卷时间",
    "所用时间",
    "来源",
    "来自IP",
    f"1、{TARGET}",
    f"2、{OTHER}",
    "3、您的姓名（选填）",
    "4、其他意见和建议",
)
TITLE = "示例地产南山店客户满意度调查"

Row = tuple[object, ...]


def response(
    serial: int, when: object, target: object, other: object = "满意", name: str = "", comment: str = ""
) -> Row:
    return (serial, when, "35秒", "手机提交", "116.7.1.23(广东-深圳)", target, other, name, comment)


CLEAN_ROWS: list[Row] = [
    response(1, datetime(2026, 10, 9, 10, 1, 5), "非常满意", name="王小明", comment="经纪人张伟很细心"),
    response(2, "2026/10/15 14:23:05", "满意"),
    response(3, "2026-11-02 09:00", "5分", other="一般"),
    response(4, "2026/11/20 18:30:00", "５"),  # a full-width digit
    response(5, datetime(2026, 12, 1, 12, 0), "(跳过)"),  # the question was skipped
    response(6, "2026/12/12 16:00:00", "3 - 一般", comment="电话 13812345678 回访太多"),
    response(7, "2026/12/30 20:00:00", "不太满意"),
    response(8, "2027/01/05 11:11:11", "很满意"),  # next quarter (the clock's today is 2027-01-15)
]
"""Seven answers (one skipped): 2026Q4 has 5,4,5,5,3,2 and 2027Q1 has 5."""

UNKNOWN_LABEL_ROW = response(9, "2026/12/31 10:00:00", "还行")


def write_xlsx(path: Path, rows: Sequence[Row], *, header: Sequence[object] = HEADER) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append([TITLE])
    sheet.merge_cells(start_row=1, start_column=1, end_row=2, end_column=len(header))
    sheet.append([])
    sheet.append([])
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    book.save(path)
    return path


def _text(value: object) -> str:
    if isinstance(value, datetime):
        return value.strftime("%Y/%m/%d %H:%M:%S")
    return "" if value is None else str(value)


def write_gbk_csv(path: Path, rows: Sequence[Row], *, header: Sequence[object] = HEADER) -> Path:
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([TITLE])
    writer.writerow([])
    writer.writerow([_text(c) for c in header])
    for row in rows:
        writer.writerow([_text(c) for c in row])
    path.write_bytes(buffer.getvalue().encode("gbk"))
    return path


def write_xls(path: Path, rows: Sequence[Row], *, header: Sequence[object] = HEADER) -> Path:
    import xlwt  # test-only writer of the old format

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("Sheet1")
    sheet.write_merge(0, 0, 0, len(header) - 1, TITLE)
    for column, text in enumerate(header):
        sheet.write(2, column, text)
    for number, row in enumerate(rows, start=3):
        for column, value in enumerate(row):
            sheet.write(number, column, _text(value) if isinstance(value, datetime) else value)
    book.save(str(path))
    return path
