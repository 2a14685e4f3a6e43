"""``branchvault survey import|add|status`` and ``config set --survey-url``: exit codes, the
row-level report, the question picker's list, and the QR code on the consent form.

The CLI runs on the real clock, so the export's responses are dated in 2026 (always in the past).
"""

from __future__ import annotations

from pathlib import Path

from desktop_app.documents.consent_form import SURVEY_CAPTION
from tests.cli.support import CliBranch, assert_exit, audit_entries
from tests.documents.pdf_tools import decode_qr_codes, pdf_info, pdf_text
from tests.support.survey_exports import (
    CLEAN_ROWS,
    TARGET,
    UNKNOWN_LABEL_ROW,
    response,
    write_gbk_csv,
    write_xlsx,
)

PAST_ROWS = CLEAN_ROWS[:5]  # October and November 2026: four answers, one skipped


def test_import_needs_a_question_then_remembers_it(cli_branch: CliBranch, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "问卷星导出.xlsx", PAST_ROWS)
    missing = cli_branch.as_role("manager", "survey", "import", str(path), "--json")
    assert_exit(missing, 2)
    assert TARGET in missing.stderr and "Traceback" not in missing.stderr
    assert TARGET in missing.stdout.splitlines()[-1]  # {"candidates": [...]}
    dry = cli_branch.as_role(
        "manager", "survey", "import", str(path), "--question", "个人信息", "--dry-run", "--json"
    )
    assert_exit(dry, 0)
    assert dry.json()["written"] is False and dry.json()["would_import"] == 4
    done = cli_branch.as_role("manager", "survey", "import", str(path), "--question", "个人信息", "--json")
    assert_exit(done, 0)
    data = done.json()
    assert (data["imported"], data["skipped"], data["refused"]) == (4, 1, 0)
    assert data["row_report"] == [
        {
            "row": 9,
            "outcome": "skipped",
            "reason": "no_answer",
            "reason_zh": "未回答该问题",
            "reason_en": "The question was not answered",
        }
    ]
    assert "IP" in data["note_en"]
    again = cli_branch.as_role("manager", "survey", "import", str(path))
    assert_exit(again, 1)
    assert "imported already" in again.stderr
    later = write_gbk_csv(tmp_path / "export.csv", [response(20, "2026/11/30 10:00:00", "比较满意")])
    remembered = cli_branch.as_role("manager", "survey", "import", str(later))  # no --question
    assert_exit(remembered, 0)
    assert "已导入 / imported" in remembered.stdout
    status = cli_branch.as_role("auditor", "survey", "status", "--quarter", "2026Q4", "--json")
    assert_exit(status, 0)
    assert status.json() == {
        "quarter": "2026Q4",
        "responses": 5,
        "satisfied": 5,
        "satisfied_percent": "100.0",
        "by_rating": {"1": 0, "2": 0, "3": 0, "4": 2, "5": 3},
    }
    imports = [e for e in audit_entries(cli_branch) if e.action == "survey.import"]
    assert len(imports) == 2 and all(path.name not in str(e.details) for e in imports)


def test_a_refused_row_exits_1_and_imports_nothing(cli_branch: CliBranch, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "export.xlsx", [*PAST_ROWS, UNKNOWN_LABEL_ROW])
    result = cli_branch.as_role("manager", "survey", "import", str(path), "--question", TARGET)
    assert_exit(result, 1)
    assert "还行" in result.stdout and "nothing was imported" in result.stdout
    status = cli_branch.as_role("manager", "survey", "status", "--quarter", "2026Q4", "--json")
    assert status.json()["responses"] == 0 and status.json()["satisfied_percent"] is None


def test_roles_and_usage(cli_branch: CliBranch, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "export.xlsx", PAST_ROWS)
    assert_exit(cli_branch.as_role("agent", "survey", "import", str(path), "--question", TARGET), 1)
    assert_exit(cli_branch.as_role("it_admin", "survey", "add", "--rating", "5"), 1)
    assert_exit(cli_branch.as_role("agent", "survey", "add", "--rating", "6"), 2)
    assert_exit(cli_branch.as_role("agent", "survey", "add", "--rating", "5", "--date", "2099-01-01"), 2)
    assert_exit(cli_branch.as_role("agent", "survey", "status", "--quarter", "2026Q5"), 2)
    added = cli_branch.as_role("agent", "survey", "add", "--rating", "4", "--json")
    assert_exit(added, 0)
    assert added.json()["rating"] == 4
    status = cli_branch.as_role("agent", "survey", "status")
    assert_exit(status, 0)
    assert "满意及非常满意 / satisfied: 1" in status.stdout


def test_survey_url_is_set_by_it_https_only_and_printed_on_the_blank_form(
    cli_branch: CliBranch, tmp_path: Path
) -> None:
    url = "https://wj.qq.com/s2/1234567/abcd/"
    refused = cli_branch.as_role("it_admin", "config", "set", "--survey-url", "http://wj.qq.com/s2/1/")
    assert_exit(refused, 2)
    assert_exit(cli_branch.as_role("manager", "config", "set", "--survey-url", url), 1)
    done = cli_branch.as_role(
        "it_admin",
        "config",
        "set",
        "--survey-url",
        url,
        "--hq-name",
        "示例地产集团总部",
        "--hq-contact",
        "privacy@example.cn",
        "--json",
    )
    assert_exit(done, 0)
    assert done.json()["identity"]["survey_url"] == url
    out = tmp_path / "blank.pdf"
    assert_exit(cli_branch.run("consent", "blank-form", "--out", str(out)), 0)
    pdf = out.read_bytes()
    pages = int(pdf_info(pdf, tmp_path)["Pages"])
    assert url in decode_qr_codes(pdf, tmp_path, page=pages)
    assert SURVEY_CAPTION.replace(" ", "")[:20] in pdf_text(pdf, tmp_path).replace(" ", "").replace("\n", "")
