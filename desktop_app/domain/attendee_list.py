"""Reading a campaign's attendee list (sign-in sheet, event platform export) into lookups.

Rule: the list is matched to clients already on record, never used to create one. The header row is
the first of the top rows naming a phone or a name column (the client import's header names,
domain/import_columns.py, so "手机号码", "联系电话", "客户姓名" … all work, below any title rows).
A row is looked up by its phone number in E.164 form (domain/phone_numbers.py) when it has one,
else by the exact full name; one visible client matched → recorded, none → "not found", several →
"ambiguous" (never guessed). The report names rows by number and outcome only, never the name or
number in the row, so it can be shown and printed without exposing the list.

Reason: PIPL Art. 6 (no more than necessary) — an attendee list brings no new client into the
records; the education figure only credits people the branch already serves.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from desktop_app.domain.client_fields import validate_name
from desktop_app.domain.errors import BranchVaultError
from desktop_app.domain.field_errors import InvalidField
from desktop_app.domain.import_columns import HEADER_SEARCH_ROWS, recognise
from desktop_app.domain.import_rows import cell_text
from desktop_app.domain.input_text import collapse_spaces
from desktop_app.domain.phone_numbers import validate_phone

NAME_COLUMN = "name"
PHONE_COLUMN = "phone"


class NoAttendeeColumns(BranchVaultError):
    code = "attendee_list_no_columns"

    def __init__(self) -> None:
        super().__init__(
            f"在前 {HEADER_SEARCH_ROWS} 行中找不到“手机号码”或“姓名”列，无法匹配客户。",
            f"No phone or name column found in the first {HEADER_SEARCH_ROWS} rows, so no client "
            "can be matched.",
        )


@dataclass(frozen=True)
class AttendeeColumns:
    header_index: int  # 0-based row index of the header row
    name: int | None
    phone: int | None


def find_attendee_columns(rows: Sequence[Sequence[object]]) -> AttendeeColumns:
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        found: dict[str, int] = {}
        for column, cell in enumerate(row):
            field = recognise(cell)
            if field in (NAME_COLUMN, PHONE_COLUMN) and field not in found:
                found[field] = column
        if found:
            return AttendeeColumns(index, found.get(NAME_COLUMN), found.get(PHONE_COLUMN))
    raise NoAttendeeColumns()


class Lookup(StrEnum):
    PHONE = "phone"
    NAME = "name"
    NONE = "none"


@dataclass(frozen=True)
class AttendeeRow:
    """One data row: how to look it up (the value itself stays in memory only)."""

    row: int  # 1-based, as the spreadsheet numbers rows
    lookup: Lookup
    value: str  # E.164 phone or the name; "" when ``lookup`` is NONE
    problem_zh: str = ""
    problem_en: str = ""

    def __repr__(self) -> str:  # the value is personal data
        return f"AttendeeRow(row={self.row}, lookup={self.lookup.value!r})"


def attendee_rows(rows: Sequence[Sequence[object]], columns: AttendeeColumns) -> list[AttendeeRow]:
    """The non-empty rows below the header, each with its lookup (phone first, else name)."""
    found: list[AttendeeRow] = []
    for number, row in enumerate(rows[columns.header_index + 1 :], start=columns.header_index + 2):

        def cell(column: int | None, row: Sequence[object] = row) -> str:
            return collapse_spaces(cell_text(row[column])) if column is not None and column < len(row) else ""

        phone, name = cell(columns.phone), cell(columns.name)
        if not phone and not name:
            if any(cell_text(value).strip() for value in row):
                found.append(
                    AttendeeRow(number, Lookup.NONE, "", "没有手机号码或姓名", "no phone number or name")
                )
            continue
        if phone:
            try:
                found.append(AttendeeRow(number, Lookup.PHONE, validate_phone(phone).e164))
            except InvalidField as bad:
                found.append(AttendeeRow(number, Lookup.NONE, "", bad.zh, bad.en))
            continue
        found.append(AttendeeRow(number, Lookup.NAME, _stored_form(name)))
    return found


def _stored_form(name: str) -> str:
    """The name as the records store it (width, middle dots, stray spaces: 欧阳 娜娜 → 欧阳娜娜), so
    the exact lookup finds it; as written when it is no valid name (it then matches nothing)."""
    try:
        return validate_name(name, surname_only_allowed=True)
    except InvalidField:
        return name


class RowOutcome(StrEnum):
    MATCHED = "matched"
    ALREADY = "already_recorded"
    NOT_FOUND = "not_found"
    AMBIGUOUS = "ambiguous"
    INVALID = "invalid"


OUTCOME_TEXT: dict[RowOutcome, tuple[str, str]] = {
    RowOutcome.MATCHED: ("已匹配并登记", "matched and recorded"),
    RowOutcome.ALREADY: ("已匹配（此前已登记）", "matched (already recorded)"),
    RowOutcome.NOT_FOUND: (
        "您可查看的客户中没有此人（不会新建客户）",
        "no such client among those you may see (no client is created)",
    ),
    RowOutcome.AMBIGUOUS: (
        "匹配到多位客户，请在客户列表中逐一登记",
        "matches several clients; record them one by one from the client list",
    ),
    RowOutcome.INVALID: ("无法读取", "cannot be read"),
}


@dataclass(frozen=True)
class RowReport:
    row: int
    outcome: RowOutcome
    reason_zh: str
    reason_en: str
    client_id: int | None = None


def row_report(row: AttendeeRow, matches: Sequence[int], *, newly_recorded: bool) -> RowReport:
    """The report line for ``row`` given the visible clients it matched."""
    if row.lookup is Lookup.NONE:
        zh, en = OUTCOME_TEXT[RowOutcome.INVALID]
        return RowReport(row.row, RowOutcome.INVALID, f"{zh}：{row.problem_zh}", f"{en}: {row.problem_en}")
    if not matches:
        outcome = RowOutcome.NOT_FOUND
    elif len(matches) > 1:
        outcome = RowOutcome.AMBIGUOUS
    else:
        outcome = RowOutcome.MATCHED if newly_recorded else RowOutcome.ALREADY
    zh, en = OUTCOME_TEXT[outcome]
    client = matches[0] if len(matches) == 1 else None
    return RowReport(row.row, outcome, zh, en, client)
