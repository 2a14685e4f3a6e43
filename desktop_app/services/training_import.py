"""Importing results from the company's learning platform (a manager, ``Action.PROGRAMME_MANAGE``).

Rule: the export (.xlsx/.xls/.csv incl. GBK; store/spreadsheet_reader.py) is read with its title
rows skipped (domain/lms_rows.py); each data row names a staff member by username or by name
(a name two members share is refused as ambiguous), a score and a date. A row becomes a ``lms``
attempt in the quarter of its date, passed when its score reaches the branch's pass mark. Rows
that cannot be read, name nobody, name someone who was not on the staff that day, are dated in the
future, repeat a row above, or were imported before, are reported row by row and skipped. The
rows that pass are written in one transaction with one ``training.lms_import`` audit entry holding
the counts (a crash leaves nothing half-written); ``dry_run`` writes and audits nothing.
Reason: classroom and platform training counts towards the quarter's coverage (PIPL Art. 51(4)).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from desktop_app.domain.branch_time import BRANCH_TIME
from desktop_app.domain.errors import InvalidInput
from desktop_app.domain.import_rows import cell_text
from desktop_app.domain.lms_rows import (
    DAY,
    NAME,
    PASSED,
    SCORE,
    USERNAME,
    LmsColumns,
    LmsProblem,
    find_columns,
    parse_moment,
    parse_passed,
    parse_score,
    staff_key,
)
from desktop_app.domain.permissions import Action
from desktop_app.domain.programme_periods import Quarter
from desktop_app.services.audit_trail import check_permission, record
from desktop_app.services.programme_settings import programme_policy
from desktop_app.services.signed_in import SignedIn
from desktop_app.services.training_records import staff_span
from desktop_app.store.spreadsheet_reader import SpreadsheetError, read_sheet
from desktop_app.store.training_repository import LMS, StaffDates, TrainingRepository

IMPORTED = "imported"


@dataclass(frozen=True)
class LmsRowOutcome:
    row: int  # the row number in the file, as the spreadsheet shows it
    outcome: str  # IMPORTED or a problem code
    reason_zh: str
    reason_en: str
    username: str | None = None
    score: int | None = None
    day: date | None = None
    passed: bool | None = None

    @property
    def imported(self) -> bool:
        return self.outcome == IMPORTED


@dataclass(frozen=True)
class LmsImportReport:
    dry_run: bool
    rows: int
    pass_mark: int
    header_row: int  # as the spreadsheet numbers it
    staff_column: str  # USERNAME or NAME
    outcomes: list[LmsRowOutcome] = field(default_factory=list)

    @property
    def imported(self) -> int:
        return sum(1 for o in self.outcomes if o.imported)

    @property
    def passed(self) -> int:
        return sum(1 for o in self.outcomes if o.imported and o.passed)

    @property
    def rejected(self) -> list[LmsRowOutcome]:
        return [o for o in self.outcomes if not o.imported]

    def counts(self) -> dict[str, int]:
        found: dict[str, int] = {}
        for outcome in self.outcomes:
            found[outcome.outcome] = found.get(outcome.outcome, 0) + 1
        return found


def _no_header() -> SpreadsheetError:
    return SpreadsheetError(
        "文件前 10 行中找不到标题行：需要“成绩”列和“用户名”或“姓名”列（以及“日期”列）。",
        "No header row in the file's first 10 rows: it needs a score column and a username or name "
        "column (and a date column).",
        code="spreadsheet_no_header",
    )


def _no_date_column() -> InvalidInput:
    return InvalidInput(
        "找不到日期列（例如“完成日期”“考试时间”）。",
        "No date column (e.g. 完成日期, 考试时间, date).",
    )


def _cell(row: Sequence[object], index: int | None) -> object:
    if index is None or index >= len(row):
        return None
    return row[index]


def _utc(moment: datetime) -> str:
    aware = moment.replace(tzinfo=BRANCH_TIME).astimezone(UTC)
    return aware.isoformat(timespec="microseconds").replace("+00:00", "Z")


class _Staff:
    def __init__(self, members: list[StaffDates]) -> None:
        self.by_username = {staff_key(m.username): m for m in members}
        self.by_name: dict[str, list[StaffDates]] = {}
        for member in members:
            self.by_name.setdefault(staff_key(member.display_name), []).append(member)

    def find(self, column: str, value: object) -> StaffDates:
        key = staff_key(value)
        text = cell_text(value)
        if not key:
            raise LmsProblem("unknown_staff", "没有填写用户名或姓名", "no username or name")
        if column == USERNAME:
            member = self.by_username.get(key)
            if member is None:
                raise LmsProblem(
                    "unknown_staff",
                    f"找不到用户名为“{text}”的员工",
                    f"no staff member with username {text!r}",
                )
            return member
        found = self.by_name.get(key, [])
        if not found:
            raise LmsProblem(
                "unknown_staff", f"找不到姓名为“{text}”的员工", f"no staff member named {text!r}"
            )
        if len(found) > 1:
            raise LmsProblem(
                "ambiguous_name",
                f"有 {len(found)} 位员工叫“{text}”，请改用用户名列",
                f"{len(found)} staff members are named {text!r}; export the username column instead",
            )
        return found[0]


def _outcomes(
    rows: list[tuple[object, ...]],
    columns: LmsColumns,
    staff: _Staff,
    *,
    fill_down: bool,
    today: date,
    pass_mark: int,
    already: set[tuple[int, str, int]],
) -> list[tuple[LmsRowOutcome, StaffDates | None, str]]:
    found: list[tuple[LmsRowOutcome, StaffDates | None, str]] = []
    seen: set[tuple[int, str, int]] = set()
    staff_column = columns.staff_column
    last_date: object = None
    for number, row in enumerate(rows[columns.header_row + 1 :], start=columns.header_row + 2):
        if not any(cell_text(cell) for cell in row):
            continue
        date_cell = _cell(row, columns.columns[DAY])
        if cell_text(date_cell):
            last_date = date_cell
        elif fill_down and last_date is not None:
            date_cell = last_date  # the merged cell above
        try:
            member = staff.find(staff_column, _cell(row, columns.columns[staff_column]))
            score = parse_score(_cell(row, columns.columns[SCORE]))
            moment = parse_moment(date_cell)
            day = moment.date()
            if day > today:
                raise LmsProblem(
                    "bad_date",
                    f"日期 {day.isoformat()} 晚于今天",
                    f"the date {day.isoformat()} is in the future",
                )
            if not staff_span(member).active_on(day):
                raise LmsProblem(
                    "not_staff_then",
                    f"{member.username} 在 {day.isoformat()} 不是在职员工",
                    f"{member.username} was not an active staff member on {day.isoformat()}",
                )
            taken_at = _utc(moment)
            key = (member.staff_id, taken_at, score)
            if key in seen:
                raise LmsProblem("duplicate", "与文件中上面的一行重复", "repeats a row above in the file")
            if key in already:
                raise LmsProblem(
                    "already_imported", "此前已导入过这条成绩", "this result was imported before"
                )
        except LmsProblem as problem:
            found.append((LmsRowOutcome(number, problem.outcome, problem.zh, problem.en), None, ""))
            continue
        seen.add(key)
        passed = score >= pass_mark
        platform = parse_passed(_cell(row, columns.columns.get(PASSED)))
        note_zh, note_en = "已导入", "imported"
        if platform is not None and platform != passed:
            note_zh = f"已导入（平台判定{'通过' if platform else '未通过'}，本店按及格线 {pass_mark} 分计）"
            note_en = (
                f"imported (the platform says {'passed' if platform else 'failed'}; the branch's pass "
                f"mark of {pass_mark} decides)"
            )
        outcome = LmsRowOutcome(number, IMPORTED, note_zh, note_en, member.username, score, day, passed)
        found.append((outcome, member, taken_at))
    return found


def import_lms_results(me: SignedIn, path: Path, dry_run: bool = False) -> LmsImportReport:
    """Import (or with ``dry_run`` only check) a learning platform's export; see the module rule."""
    check_permission(me, Action.PROGRAMME_MANAGE)
    sheet = read_sheet(path)
    columns = find_columns(sheet.rows)
    if columns is None:
        raise _no_header()
    if DAY not in columns.columns:
        raise _no_date_column()
    pass_mark = programme_policy(me).quiz_pass_percent
    repo = TrainingRepository(me.db)
    already = repo.lms_keys()
    rows = _outcomes(
        sheet.rows,
        columns,
        _Staff(repo.staff_dates()),
        fill_down=sheet.encoding in ("xlsx", "xls"),
        today=me.today(),
        pass_mark=pass_mark,
        already=already,
    )
    report = LmsImportReport(
        dry_run=dry_run,
        rows=len(rows),
        pass_mark=pass_mark,
        header_row=columns.header_row + 1,
        staff_column=columns.staff_column,
        outcomes=[outcome for outcome, _, _ in rows],
    )
    if dry_run or report.imported == 0:
        return report
    now = me.now_utc()
    with me.db.transaction():
        for outcome, member, taken_at in rows:
            if member is None or outcome.day is None or outcome.score is None:
                continue
            repo.add_attempt(
                staff_id=member.staff_id,
                quarter=Quarter.of(outcome.day).key(),
                source=LMS,
                score_percent=outcome.score,
                passed=bool(outcome.passed),
                taken_at=taken_at,
                recorded_by=me.session.staff_id,
                recorded_at=now,
            )
        record(
            me,
            "training.lms_import",
            target_type="training_import",
            target_id=path.suffix.lower().lstrip("."),
            details={
                "rows": report.rows,
                "imported": report.imported,
                "passed": report.passed,
                "pass_mark": pass_mark,
                "skipped": {k: v for k, v in sorted(report.counts().items()) if k != IMPORTED},
            },
        )
    return report


__all__ = ["NAME", "USERNAME", "LmsImportReport", "LmsRowOutcome", "import_lms_results"]
