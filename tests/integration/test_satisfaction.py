"""Client satisfaction on a real encrypted branch: paper entry, survey imports (xlsx, GBK csv,
xls) all or nothing, the remembered question, duplicates, and the quarter's counts.

The test clock's today is 2027-01-15 (Beijing): 2027Q1, the previous quarter 2026Q4.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from desktop_app.domain.errors import InvalidInput, PermissionDenied
from desktop_app.domain.programme_periods import Quarter
from desktop_app.domain.roles import Role
from desktop_app.domain.survey_columns import QuestionNotChosen
from desktop_app.services.programme_settings import programme_policy
from desktop_app.services.satisfaction import (
    DuplicateSurveyFile,
    add_response,
    import_survey,
    quarter_responses,
    satisfaction_counts,
)
from desktop_app.store.audit_repository import AuditRepository
from tests.support.survey_exports import (
    CLEAN_ROWS,
    HEADER,
    OTHER,
    TARGET,
    UNKNOWN_LABEL_ROW,
    response,
    write_gbk_csv,
    write_xls,
    write_xlsx,
)

Q4, Q1 = Quarter(2026, 4), Quarter(2027, 1)


def _entries(me, action: str) -> list:
    return [e for e in AuditRepository(me.db).iter_all() if e.action == action]


def _branch_db_text(me) -> str:
    """Every value in every table of branch.db, as text (the audit log included)."""
    tables = [
        r[0] for r in me.db.execute("SELECT name FROM main.sqlite_master WHERE type = 'table'").fetchall()
    ]
    return "\n".join(repr(me.db.execute(f'SELECT * FROM main."{t}"').fetchall()) for t in tables)


def _responses(me) -> int:
    return int(me.db.execute("SELECT count(*) FROM satisfaction_responses").fetchone()[0])


def test_a_quarter_without_responses_counts_zero(signed_in) -> None:
    manager = signed_in(Role.MANAGER)
    counts = satisfaction_counts(manager, Q4)
    assert (counts.responses, counts.satisfied) == (0, 0)
    assert quarter_responses(manager, Q4).satisfied_percent() is None


def test_agents_enter_paper_forms_anonymously(signed_in) -> None:
    agent = signed_in(Role.AGENT)
    for rating in (5, 4, 3):
        add_response(agent, rating)
    add_response(agent, 1, date(2026, 12, 31))  # last quarter's form, entered late
    assert satisfaction_counts(agent, Q1).responses == 3
    assert satisfaction_counts(agent, Q1).satisfied == 2
    assert quarter_responses(agent, Q4).by_rating == {1: 1, 2: 0, 3: 0, 4: 0, 5: 0}
    entries = _entries(agent, "survey.response_added")
    assert len(entries) == 4
    assert {e.target_id for e in entries} == {"2027Q1", "2026Q4"}
    assert all("rating" not in e.details for e in entries)  # the log never tells who rated what
    columns = [r[1] for r in agent.db.execute("PRAGMA table_info(satisfaction_responses)").fetchall()]
    assert not {"client_id", "comment", "name", "phone", "ip"} & set(columns)


@pytest.mark.parametrize(
    ("rating", "day"),
    [(0, None), (6, None), (5, date(2027, 1, 16)), (5, date(2026, 9, 30))],
    ids=["zero", "six", "future", "two-quarters-ago"],
)
def test_paper_entry_refuses_bad_ratings_and_days(signed_in, rating: int, day: date | None) -> None:
    agent = signed_in(Role.AGENT)
    with pytest.raises(InvalidInput):
        add_response(agent, rating, day)
    assert _responses(agent) == 0


@pytest.mark.parametrize("role", [Role.IT_ADMIN, Role.AUDITOR])
def test_it_and_auditors_do_not_enter_responses(signed_in, role: Role) -> None:
    with pytest.raises(PermissionDenied):
        add_response(signed_in(role), 5)


@pytest.mark.parametrize("writer", [write_xlsx, write_gbk_csv, write_xls], ids=["xlsx", "gbk-csv", "xls"])
def test_messy_export_imports_only_the_question_and_remembers_it(signed_in, tmp_path: Path, writer) -> None:
    manager = signed_in(Role.MANAGER)
    suffix = {"write_xlsx": ".xlsx", "write_gbk_csv": ".csv", "write_xls": ".xls"}[writer.__name__]
    path = writer(tmp_path / f"问卷导出{suffix}", CLEAN_ROWS)
    report = import_survey(manager, path, "个人信息")
    assert report.written and report.question == TARGET
    assert (report.imported, report.skipped, report.refused) == (7, 1, 0)
    skipped = next(r for r in report.rows if r.outcome == "skipped")
    assert skipped.reason == "no_answer" and skipped.reason_zh and skipped.reason_en
    assert report.columns_not_read == len(HEADER) - 2 and "IP" in report.note_en
    assert quarter_responses(manager, Q4).by_rating == {1: 0, 2: 1, 3: 1, 4: 1, 5: 3}
    assert satisfaction_counts(manager, Q1).responses == 1
    assert programme_policy(manager).survey_target_question == TARGET
    (entry,) = _entries(manager, "survey.import")
    assert entry.details["imported"] == 7 and entry.details["question"] == TARGET
    assert path.name not in str(entry.details) and path.name not in entry.target_id
    # nothing of the names, phones, comments or IP addresses is anywhere in the database
    dump = _branch_db_text(manager)
    for secret in ("王小明", "13812345678", "经纪人张伟很细心", "116.7.1.23", path.name):
        assert secret not in dump


def test_a_refused_row_imports_nothing_and_lists_every_row(signed_in, tmp_path: Path) -> None:
    manager = signed_in(Role.MANAGER)
    rows = [
        *CLEAN_ROWS,
        UNKNOWN_LABEL_ROW,
        response(10, "2027/02/01 10:00:00", "满意"),
        response(11, "", "满意"),
    ]
    report = import_survey(manager, write_xlsx(tmp_path / "export.xlsx", rows), TARGET)
    assert not report.written and report.refused == 3
    reasons = {r.row: r.reason for r in report.rows if r.outcome == "refused"}
    assert sorted(reasons.values()) == ["future_date", "no_date", "unknown_label"]
    assert all(r.reason_zh and r.reason_en for r in report.rows if r.outcome != "imported")
    assert _responses(manager) == 0
    assert programme_policy(manager).survey_target_question == ""
    (entry,) = _entries(manager, "survey.import")
    assert entry.outcome == "failure" and entry.details["refused"] == 3


def test_dry_run_writes_nothing(signed_in, tmp_path: Path) -> None:
    manager = signed_in(Role.MANAGER)
    report = import_survey(manager, write_xlsx(tmp_path / "export.xlsx", CLEAN_ROWS), TARGET, dry_run=True)
    assert report.dry_run and not report.written and report.imported == 7
    assert report.by_quarter == {"2026Q4": {5: 3, 4: 1, 3: 1, 2: 1}, "2027Q1": {5: 1}}
    assert _responses(manager) == 0 and not _entries(manager, "survey.import")


def test_without_a_question_the_error_lists_the_candidates(signed_in, tmp_path: Path) -> None:
    manager = signed_in(Role.MANAGER)
    path = write_xlsx(tmp_path / "export.xlsx", CLEAN_ROWS)
    with pytest.raises(QuestionNotChosen) as raised:
        import_survey(manager, path)
    assert raised.value.candidates == (TARGET, OTHER, "其他意见和建议")
    assert TARGET in raised.value.zh and TARGET in raised.value.en
    with pytest.raises(QuestionNotChosen):
        import_survey(manager, path, "您的姓名")  # never read, never a question
    assert _responses(manager) == 0


def test_the_remembered_question_is_found_again_when_renumbered(signed_in, tmp_path: Path) -> None:
    manager = signed_in(Role.MANAGER)
    import_survey(manager, write_xlsx(tmp_path / "q4.xlsx", CLEAN_ROWS[:3]), TARGET)
    header = list(HEADER)
    header[5], header[6] = f"2、{OTHER}", f"1、{TARGET}"  # next quarter's form puts it second
    rows = [(r[0], r[1], r[2], r[3], r[4], r[6], r[5], r[7], r[8]) for r in CLEAN_ROWS[3:5]]
    report = import_survey(manager, write_xlsx(tmp_path / "q1.xlsx", rows, header=header))
    assert report.question == TARGET and report.imported == 1
    assert quarter_responses(manager, Q4).by_rating[5] == 3


def test_the_same_file_twice_is_refused_and_a_cumulative_export_skips_what_was_imported(
    signed_in, tmp_path: Path
) -> None:
    manager = signed_in(Role.MANAGER)
    first = write_xlsx(tmp_path / "october.xlsx", CLEAN_ROWS[:3])
    import_survey(manager, first, TARGET)
    again = tmp_path / "copy.xlsx"
    shutil.copyfile(first, again)
    with pytest.raises(DuplicateSurveyFile):
        import_survey(manager, again, TARGET)
    report = import_survey(manager, write_xlsx(tmp_path / "to-date.xlsx", CLEAN_ROWS), TARGET)
    assert report.imported == 4
    assert [r.reason for r in report.rows if r.outcome == "skipped"] == ["imported_before"] * 3 + [
        "no_answer"
    ]
    assert satisfaction_counts(manager, Q4).responses == 6


@pytest.mark.parametrize("role", [Role.AGENT, Role.IT_ADMIN, Role.AUDITOR])
def test_only_managers_import(signed_in, tmp_path: Path, role: Role) -> None:
    with pytest.raises(PermissionDenied):
        import_survey(signed_in(role), write_xlsx(tmp_path / "export.xlsx", CLEAN_ROWS), TARGET)


def test_auditors_read_the_counts_and_it_does_not(signed_in) -> None:
    add_response(signed_in(Role.AGENT), 5)
    assert satisfaction_counts(signed_in(Role.AUDITOR), Q1).responses == 1
    with pytest.raises(PermissionDenied):
        satisfaction_counts(signed_in(Role.IT_ADMIN), Q1)
