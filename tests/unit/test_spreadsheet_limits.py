"""The spreadsheet limits are one table (domain/spreadsheet_limits.py), sane relative to each
other, and the README quotes them as they are."""

from __future__ import annotations

from pathlib import Path

from desktop_app.domain import spreadsheet_limits as limits

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


def test_limits_leave_room_for_a_real_list_and_none_for_a_bomb() -> None:
    assert limits.MAX_SHEET_ROWS == limits.MAX_DATA_ROWS + limits.MAX_TITLE_ROWS
    assert limits.MAX_CELLS >= limits.MAX_DATA_ROWS * 30  # a 20,000 x 30 list reads
    assert limits.MAX_WHOLE_PART_BYTES < limits.MAX_STREAMED_PART_BYTES < limits.MAX_TOTAL_UNCOMPRESSED_BYTES
    assert limits.MAX_FILE_BYTES < 50 * 1024 * 1024  # a branch's real list is well under 50 MB
    assert limits.MAX_CELL_CHARS == 32_767  # Excel's own limit


def test_the_readme_quotes_the_limits() -> None:
    paragraph = README[README.index("**Spreadsheet import.**") :][:1200]
    assert f"{limits.MAX_FILE_BYTES // (1024 * 1024)} MB" in paragraph
    assert f"{limits.MAX_DATA_ROWS:,} data rows" in paragraph
    assert f"{limits.MAX_COLUMNS} columns" in paragraph
    assert f"{limits.MAX_CELL_CHARS:,}" in paragraph
    assert "desktop_app/domain/spreadsheet_limits.py" in paragraph
