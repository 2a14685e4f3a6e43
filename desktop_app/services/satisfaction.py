"""Client satisfaction (quarterly): anonymous responses typed in from paper forms, or imported
from an online survey tool's export; the quarter's counts for the programme dashboard.

Rule: a response is a Beijing day and a rating of 1-5 to the question that measures how the
branch handled the client's personal information, nothing else (domain/satisfaction.py).
``add_response`` (agents and managers, ``SATISFACTION_RECORD``) records one paper form, audited
``survey.response_added`` with the quarter only (not the rating, not the minute: a response must
not be traceable to the client who handed the form back). ``import_survey`` (managers,
``PROGRAMME_MANAGE``) reads an .xlsx/.xls/.csv export (store/spreadsheet_reader.py: GBK, title
rows, merged cells), finds the header and the date column (domain/survey_columns.py), reads only
the chosen question's column and the date: comments, IP addresses, names and phones are never
read, and the report says so. The question is the ``question`` given, else the one remembered in
the programme settings (``survey_target_question``, set by the first import that names one);
without either, QuestionNotChosen lists the file's questions (the GUI shows a picker).

All or nothing: if any row is refused (an unknown label, a score outside 1-5, no date, a date in
the future), nothing is written and the report lists every row; blank answers and responses
imported before are skipped, not refused. The same file (SHA-256) is never imported twice; a
later, cumulative export of the same survey skips the responses already imported (by the tool's
serial number and day, kept only as a hash). Audit: ``survey.import`` with counts and the
question, never the file name (it may name a client) nor row data.

Reason: the programme's satisfaction target (≥ 85 % satisfied) is computed from these records;
anonymity is what makes clients answer honestly and what keeps the table outside the client-data
key (PIPL Art. 73(4); GB/T 35273-2020 3.14).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from desktop_app.domain.errors import BranchVaultError, InvalidInput
from desktop_app.domain.import_rows import cell_text
from desktop_app.domain.permissions import Action
from desktop_app.domain.programme_periods import Quarter
from desktop_app.domain.satisfaction import RatingNotRecognised, check_rating, parse_rating
from desktop_app.domain.satisfaction_figures import RatingDistribution, SatisfactionCounts
from desktop_app.domain.survey_columns import (
    QuestionNotChosen,
    SurveyLayout,
    choose_question,
    question_key,
    question_text,
    response_day,
    survey_layout,
)
from desktop_app.services.audit_trail import check_permission, record
from desktop_app.services.signed_in import SignedIn
from desktop_app.store.satisfaction_repository import NewResponse, SatisfactionRepository
from desktop_app.store.spreadsheet_reader import MAX_DATA_ROWS, SpreadsheetError, read_sheet

IMPORTED = "imported"
SKIPPED = "skipped"
REFUSED = "refused"

NOT_READ_NOTE = (
    "只读取所选问题和日期两列：意见、IP 地址、姓名、电话等其他列均未读取，也未保存。",
    "Only the chosen question and the date were read: comments, IP addresses, names, phones and every "
    "other column were neither read nor kept.",
)


@dataclass(frozen=True)
class RowOutcome:
    row: int  # 1-based, as the spreadsheet numbers rows
    outcome: str  # imported / skipped / refused
    reason: str  # "" for imported; a code otherwise
    reason_zh: str = ""
    reason_en: str = ""
    rating: int | None = None
    quarter: str | None = None


@dataclass(frozen=True)
class SurveyImportReport:
    question: str  # the question text used (without its numbering)
    header_row: int
    rows: tuple[RowOutcome, ...]
    written: bool  # False for a dry run, or when a row was refused
    dry_run: bool
    columns_not_read: int  # every column but the question and the date
    by_quarter: dict[str, dict[int, int]] = field(default_factory=dict)  # what is (or would be) imported
    note_zh: str = NOT_READ_NOTE[0]
    note_en: str = NOT_READ_NOTE[1]

    def count(self, outcome: str) -> int:
        return sum(1 for row in self.rows if row.outcome == outcome)

    @property
    def imported(self) -> int:
        return self.count(IMPORTED)

    @property
    def skipped(self) -> int:
        return self.count(SKIPPED)

    @property
    def refused(self) -> int:
        return self.count(REFUSED)


class DuplicateSurveyFile(BranchVaultError):
    code = "survey_duplicate_file"

    def __init__(self, imported_at: str) -> None:
        super().__init__(
            f"这个文件已于 {imported_at[:10]} 导入过（文件内容完全相同），未再次导入。",
            f"This file was imported already on {imported_at[:10]} (identical content); it was not imported again.",
        )


class NoSurveyRows(InvalidInput):
    def __init__(self) -> None:
        super().__init__("表头下面没有任何答卷。", "There are no responses below the header.")


# ------------------------------------------------------------------------------------------ paper forms


def add_response(me: SignedIn, rating: int, day: date | None = None) -> int:
    """Record one paper form's rating (1-5) for ``day`` (default today; not in the future, not
    before the previous quarter began). Returns the response's id."""
    check_permission(me, Action.SATISFACTION_RECORD)
    rating = check_rating(rating)
    today = me.today()
    day = day or today
    if day > today:
        raise InvalidInput("日期不能晚于今天。", "The date cannot be after today.")
    earliest = Quarter.of(today).previous().start
    if day < earliest:
        raise InvalidInput(
            f"只能录入本季度或上一季度的问卷（{earliest.isoformat()} 起）。",
            f"Only forms of this quarter or the previous one can be entered (from {earliest.isoformat()}).",
        )
    quarter = Quarter.of(day).key()
    with me.db.transaction():
        response_id = SatisfactionRepository(me.db).add_paper(
            NewResponse(day, quarter, rating), entered_by=me.session.staff_id, now=me.now_utc()
        )
        record(
            me, "survey.response_added", target_type="quarter", target_id=quarter, details={"source": "paper"}
        )
    return response_id


# ------------------------------------------------------------------------------------------------ import


def _remembered_question(me: SignedIn) -> str:
    from desktop_app.services.programme_settings import programme_policy

    return programme_policy(me).survey_target_question


def _file_sha256(path: Path) -> str:
    try:
        with path.open("rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError as exc:
        raise SpreadsheetError(
            f"无法读取文件：{path.name}",
            f"The file cannot be read: {path.name}",
            code="spreadsheet_unreadable",
        ) from exc


def _source_key(question: str, serial: object, day: date) -> str | None:
    number = cell_text(serial)
    if not number:
        return None
    return hashlib.sha256(f"{question_key(question)}|{number}|{day.isoformat()}".encode()).hexdigest()


def _refused(row: int, reason: str, zh: str, en: str) -> RowOutcome:
    return RowOutcome(row, REFUSED, reason, zh, en)


def _outcomes(
    me: SignedIn, layout: SurveyLayout, rows: list[tuple[int, tuple[object, ...]]], column: int, question: str
) -> tuple[list[RowOutcome], list[NewResponse]]:
    today = me.today()
    repo = SatisfactionRepository(me.db)
    keyed: list[tuple[int, str | None]] = []
    outcomes: list[RowOutcome | None] = []
    responses: dict[int, NewResponse] = {}
    for number, cells in rows:
        answer = cells[column] if column < len(cells) else None
        raw_day = cells[layout.date_column] if layout.date_column < len(cells) else None
        try:
            rating = parse_rating(answer)
        except RatingNotRecognised as problem:
            outcomes.append(_refused(number, problem.reason, problem.zh, problem.en))
            continue
        if rating is None:
            outcomes.append(
                RowOutcome(number, SKIPPED, "no_answer", "未回答该问题", "The question was not answered")
            )
            continue
        day = response_day(raw_day)
        if day is None:
            outcomes.append(
                _refused(number, "no_date", "没有可识别的提交日期", "No submission date that can be read")
            )
            continue
        if day > today:
            outcomes.append(
                _refused(
                    number,
                    "future_date",
                    f"提交日期 {day} 晚于今天",
                    f"The submission date {day} is after today",
                )
            )
            continue
        serial = (
            cells[layout.serial_column]
            if layout.serial_column is not None and layout.serial_column < len(cells)
            else None
        )
        key = _source_key(question, serial, day)
        quarter = Quarter.of(day).key()
        responses[number] = NewResponse(day, quarter, rating, key)
        keyed.append((number, key))
        outcomes.append(RowOutcome(number, IMPORTED, "", rating=rating, quarter=quarter))
    known = repo.known_source_keys(key for _, key in keyed if key)
    seen: set[str] = set()
    skipped_before: set[int] = set()
    for number, key in keyed:
        if key is None:
            continue
        if key in known or key in seen:
            skipped_before.add(number)
        seen.add(key)
    final: list[RowOutcome] = []
    kept: list[NewResponse] = []
    for outcome in outcomes:
        assert outcome is not None
        if outcome.row in skipped_before:
            final.append(
                RowOutcome(
                    outcome.row,
                    SKIPPED,
                    "imported_before",
                    "这份答卷（同一序号和日期）已导入过",
                    "This response (same serial number and day) was imported before",
                )
            )
            continue
        final.append(outcome)
        if outcome.outcome == IMPORTED:
            kept.append(responses[outcome.row])
    return final, kept


def import_survey(
    me: SignedIn, path: Path, question: str | None = None, *, dry_run: bool = False
) -> SurveyImportReport:
    """Import the responses to the satisfaction question from a survey export (module rule)."""
    check_permission(me, Action.PROGRAMME_MANAGE)
    sheet = read_sheet(path)
    layout = survey_layout(sheet.rows)
    remembered = _remembered_question(me)
    wanted = (question or "").strip() or remembered
    if not wanted:
        raise QuestionNotChosen(
            "请指定衡量满意度的问题（--question，或在导入时选择）；选定后会记住。",
            "Name the question that measures satisfaction (--question, or choose it when importing); "
            "it is remembered.",
            layout.question_texts(),
        )
    column = choose_question(layout, wanted)
    chosen = question_text(layout.headers[column])
    data = [
        (number, tuple(row))
        for number, row in enumerate(sheet.rows[layout.header_index + 1 :], start=layout.header_index + 2)
        if any(cell_text(cell) for cell in row)
    ]
    if not data:
        raise NoSurveyRows()
    if len(data) > MAX_DATA_ROWS:
        raise SpreadsheetError(
            f"文件有 {len(data)} 行答卷，一次最多导入 {MAX_DATA_ROWS} 行，请拆分后分别导入。",
            f"The file has {len(data)} responses; at most {MAX_DATA_ROWS} can be imported at once. Split it.",
            code="spreadsheet_too_large",
        )
    digest = _file_sha256(path)
    before = SatisfactionRepository(me.db).batch_with_file(digest)
    if before is not None:
        raise DuplicateSurveyFile(before.imported_at)
    outcomes, responses = _outcomes(me, layout, data, column, chosen)
    by_quarter: dict[str, dict[int, int]] = {}
    for response in responses:
        counts = by_quarter.setdefault(response.quarter, {})
        counts[response.rating] = counts.get(response.rating, 0) + 1
    refused = any(o.outcome == REFUSED for o in outcomes)
    report = SurveyImportReport(
        question=chosen,
        header_row=layout.header_index + 1,
        rows=tuple(outcomes),
        written=not dry_run and not refused,
        dry_run=dry_run,
        columns_not_read=sum(1 for h in layout.headers if h) - 2,
        by_quarter=dict(sorted(by_quarter.items())),
    )
    if dry_run:
        return report
    details: dict[str, object] = {
        "question": chosen,
        "rows": len(data),
        "imported": report.imported if not refused else 0,
        "skipped": report.skipped,
        "refused": report.refused,
        "quarters": sorted(by_quarter),
        "file_sha256": digest,
    }
    with me.db.transaction():
        if refused:
            record(
                me,
                "survey.import",
                target_type="file",
                outcome="failure",
                reason="rows_refused",
                details=details,
            )
        else:
            repo = SatisfactionRepository(me.db)
            now = me.now_utc()
            batch = repo.add_batch(
                file_sha256=digest,
                question=chosen,
                rows_read=len(data),
                imported=len(responses),
                skipped=report.skipped,
                imported_by=me.session.staff_id,
                now=now,
            )
            repo.add_imported(responses, batch_id=batch, entered_by=me.session.staff_id, now=now)
            record(me, "survey.import", target_type="import", target_id=str(batch), details=details)
            if question_key(chosen) != question_key(remembered):
                from desktop_app.services.programme_settings import set_programme_settings

                set_programme_settings(me, {"survey_target_question": chosen})
    return report


def survey_questions(me: SignedIn, path: Path) -> tuple[list[str], str]:
    """The questions of an export (for the GUI's picker) and the remembered one ("" if none)."""
    check_permission(me, Action.PROGRAMME_MANAGE)
    layout = survey_layout(read_sheet(path).rows)
    return layout.question_texts(), _remembered_question(me)


# ----------------------------------------------------------------------------------------------- figures


def _check_view(me: SignedIn) -> None:
    """The figures are counts: managers and auditors (the dashboard), agents (the entry tab)."""
    from desktop_app.domain.permissions import can

    if not can(me.session.role, Action.PROGRAMME_VIEW):
        check_permission(me, Action.SATISFACTION_RECORD)


def quarter_responses(me: SignedIn, quarter: Quarter) -> RatingDistribution:
    """How many responses gave each rating in ``quarter``."""
    _check_view(me)
    return RatingDistribution.of(quarter.key(), SatisfactionRepository(me.db).distribution(quarter.key()))


def satisfaction_counts(me: SignedIn, quarter: Quarter) -> SatisfactionCounts:
    """Responses and satisfied responses (4 or 5) in ``quarter``; a quarter without any: 0 and 0."""
    return quarter_responses(me, quarter).counts()
