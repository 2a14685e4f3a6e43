"""Cells the app writes into CSV and .xlsx files are inert (OWASP CSV Injection), and the file
format follows the file name: properties over any text, plus the cases OWASP names."""

from __future__ import annotations

import csv
import io
from pathlib import PurePath

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.domain.spreadsheet_cells import (
    FORMULA_STARTS,
    csv_bytes,
    safe_cell,
    starts_like_formula,
    unquote_cell,
)
from desktop_app.store.spreadsheet_writer import (
    EXCEL_CELL_LIMIT,
    TableFormat,
    UnsupportedTableFormat,
    table_bytes,
    table_format,
    xlsx_bytes,
)

SPACES = " \u3000"
any_text = st.text(alphabet=st.characters(codec="utf-8"), max_size=40)


def _runs(text: str) -> bool:
    return text[:1] in FORMULA_STARTS or text.lstrip(SPACES)[:1] in FORMULA_STARTS


@given(any_text)
def test_no_output_starts_like_a_formula(text: str) -> None:
    out = safe_cell(text)
    assert not _runs(out)
    assert out in (text, "'" + text)  # nothing is lost or rewritten, at most one quote in front


@given(any_text.filter(lambda t: not _runs(t.lstrip("'"))))
def test_a_harmless_value_is_unchanged(text: str) -> None:
    assert safe_cell(text) == text


@given(any_text)
def test_reading_back_what_was_written_gives_the_value_again(text: str) -> None:
    """A rejects file fixed and imported again: the quote comes off exactly where it was put."""
    assert unquote_cell(safe_cell(text)) == text


def test_a_value_already_quoted_before_a_formula_keeps_its_quote_through_a_round_trip() -> None:
    assert safe_cell("'=1") == "''=1" and unquote_cell("''=1") == "'=1" and unquote_cell("'abc") == "'abc"


@given(st.sampled_from(sorted(FORMULA_STARTS)), st.text(alphabet=SPACES, max_size=3), any_text)
def test_a_dangerous_start_gets_one_quote_even_after_spaces(start: str, spaces: str, rest: str) -> None:
    text = spaces + start + rest
    assert starts_like_formula(text)
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize(
    "text",
    [
        '=HYPERLINK("http://x")',
        "-1+cmd|' /C calc'!A0",
        '+1+HYPERLINK("http://x")',
        "@SUM(1)",
        "\t=1",
        "\r=1",
        "-5",  # a legitimate negative number is quoted too (OWASP's advice: never guess)
        "+86 138 0013 8000",
        "　=1+1",  # full-width space in front
    ],
)
def test_owasp_cases_are_quoted(text: str) -> None:
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize("text", ["张伟", "13812345678", "'already quoted", "a=b", "1-2", "", "5%"])
def test_ordinary_values_are_kept(text: str) -> None:
    assert safe_cell(text) == text


def test_none_and_numbers_become_text() -> None:
    assert safe_cell(None) == "" and safe_cell(-3) == "'-3" and safe_cell(7) == "7"


@given(st.lists(st.lists(any_text, min_size=1, max_size=4), min_size=1, max_size=4))
def test_csv_round_trips_every_cell_through_safe_cell(rows: list[list[str]]) -> None:
    data = csv_bytes(rows)
    assert data.startswith(b"\xef\xbb\xbf")
    read = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert read == [[safe_cell(cell) for cell in row] for row in rows]


@settings(deadline=None, max_examples=50)  # a workbook takes a while to write (and openpyxl to import)
@given(st.lists(st.lists(any_text, min_size=1, max_size=3), min_size=1, max_size=3))
def test_xlsx_cells_are_explicit_strings_never_formulas(rows: list[list[str]]) -> None:
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(xlsx_bytes(rows))).active
    assert sheet is not None
    for row in sheet.iter_rows():
        for cell in row:
            assert cell.data_type != "f"
            assert not _runs(str(cell.value or ""))


def test_xlsx_keeps_chinese_and_cuts_only_what_excel_cannot_hold() -> None:
    from openpyxl import load_workbook

    rows = [["行号 Row", "=HYPERLINK(1)"], ["张伟", "a\x01b"], ["x" * (EXCEL_CELL_LIMIT + 5), "-5"]]
    sheet = load_workbook(io.BytesIO(xlsx_bytes(rows, sheet_title="未导入 Rejected"))).active
    assert sheet is not None and sheet.title == "未导入 Rejected"
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0] == ["行号 Row", "'=HYPERLINK(1)"]
    assert values[1] == ["张伟", "a\ufffdb"]
    assert len(values[2][0]) == EXCEL_CELL_LIMIT and values[2][1] == "'-5"


def test_the_file_name_chooses_the_format_and_anything_else_is_a_usage_error() -> None:
    assert table_format(PurePath("a/rejects.XLSX")) is TableFormat.XLSX
    assert table_format(PurePath("rejects.csv")) is TableFormat.CSV
    assert table_bytes(PurePath("r.xlsx"), [["a"]]).startswith(b"PK")
    assert table_bytes(PurePath("r.csv"), [["a"]]) == b"\xef\xbb\xbfa\r\n"
    for name in ("rejects.xls", "rejects.txt", "rejects", "rejects.xlsx.exe"):
        with pytest.raises(UnsupportedTableFormat) as error:
            table_format(PurePath(name))
        assert error.value.exit_code == 2 and ".xlsx" in error.value.zh and ".csv" in error.value.en
