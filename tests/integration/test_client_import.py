"""Spreadsheet import through the service: messy real-world files, all-or-nothing, duplicates,
sensitive fields, remembered mappings, the audit trail and the rejects export."""

from __future__ import annotations

import csv
import importlib
import io
import json
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop_app.domain.client_record import ClientDraft
from desktop_app.domain.errors import InvalidInput, PermissionDenied
from desktop_app.domain.roles import Role
from desktop_app.services.client_import import (
    ConsentConfirmationRefused,
    ImportOptions,
    export_rejects,
    import_clients,
    preview_import,
)
from desktop_app.services.client_intake import ReassignRefused, create_client
from desktop_app.services.sign_in import sign_in
from desktop_app.services.signed_in import SignedIn
from desktop_app.store.client_repository import ClientRepository
from desktop_app.store.spreadsheet_reader import SpreadsheetError, read_sheet
from tests.conftest import Branch
from tests.support.client_access import add_confirmed_staff

fx = importlib.import_module("tests.fixtures.import.make_fixtures")
SignIn = Callable[[Role], SignedIn]


def clients(ctx: SignedIn) -> list[tuple[str, str, str | None, int, bool, str | None]]:
    db = ctx.db
    return db.execute(
        "SELECT full_name, phone_e164, id_number, assigned_agent_id, sensitive_consent, email "
        "FROM clients ORDER BY id"
    ).fetchall()


def audit(ctx: SignedIn, action: str) -> list[tuple[str, str, str]]:
    db = ctx.db
    return db.execute(
        "SELECT target_id, outcome, details FROM audit_log WHERE action = ? ORDER BY seq", (action,)
    ).fetchall()


def test_messy_workbook_imports_exactly_the_valid_rows_and_reports_every_invalid_one(
    signed_in: SignIn, tmp_path: Path
) -> None:
    agent = signed_in(Role.AGENT)
    create_client(agent, ClientDraft(name="陈刚", phone=fx.EXISTING_PHONE))
    path = fx.messy_workbook(tmp_path / "客户名单.xlsx")

    preview = preview_import(agent, path)
    assert preview.header_row == 3  # below the merged title and the blank row
    assert preview.suggested[:4] == ("ignore", "name", "phone", "id_number")
    assert preview.suggested[7] == "ignore"  # 微信号: an extra column
    assert preview.data_rows == 10

    report = import_clients(agent, path)
    expected = fx.MESSY_EXPECTED
    assert report.imported == 3
    assert {r.row_number: r.field for r in report.rejected} == expected["rejected"]
    assert report.duplicates_in_file == 1 and report.duplicates_skipped == 2 and report.merged == 0
    assert dict(report.dropped) == expected["dropped"]
    assert report.rows == 10
    stored = clients(agent)
    assert {row[0] for row in stored} == expected["imported_names"] | {"陈刚"}
    by_name = {row[0]: row for row in stored}
    assert by_name["张伟"][1] == "+8613812345678"  # the float 13812345678.0 read as the number
    assert by_name["李娜"][2] == fx.LINA_ID and by_name["李娜"][4] == 1  # consent + subscription stage
    assert by_name["刘洋"][2] is None  # no consent: the ID number was dropped, the client imported
    session = agent.session
    assert {row[3] for row in stored} == {session.staff_id}
    messages = {r.row_number: (r.message_zh, r.message_en) for r in report.rejected}
    assert "电话" in messages[7][0] and "phone" in messages[7][1].lower()
    assert "Excel" in messages[13][0] and "lost" in messages[13][1]
    assert "姓名" in messages[9][0] and "Name" in messages[9][1]
    assert "安全删除" in report.reminder_zh and "delete" in report.reminder_en


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_csv_in_each_encoding(signed_in: SignIn, tmp_path: Path, encoding: str) -> None:
    agent = signed_in(Role.AGENT)
    path = tmp_path / "list.csv"
    path.write_bytes(fx.csv_bytes(fx.SIMPLE_CSV_ROWS, encoding))
    report = import_clients(agent, path)
    assert report.imported == 2
    assert [(r.row_number, r.field) for r in report.rejected] == [(5, "phone")]
    stored = clients(agent)
    assert [row[0] for row in stored] == ["欧阳娜娜", "黄晓明"]
    db = agent.db
    address = db.execute(
        "SELECT province, city, district, address_detail FROM clients ORDER BY id"
    ).fetchone()
    assert address == ("广东省", "深圳市", "南山区", "科技园路1号")


def test_a_failure_during_the_write_leaves_no_client_and_no_import_entry(
    signed_in: SignIn, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    agent = signed_in(Role.AGENT)
    path = fx.messy_workbook(tmp_path / "list.xlsx")
    real_add = ClientRepository.add
    calls = []

    def failing_add(self: ClientRepository, *args: object, **kwargs: object) -> int:
        calls.append(1)
        if len(calls) == 3:
            raise OSError("disk went away")
        return real_add(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(ClientRepository, "add", failing_add)
    with pytest.raises(OSError):
        import_clients(agent, path)
    assert len(calls) == 3
    assert clients(agent) == []
    assert audit(agent, "client.import") == [] and audit(agent, "client.create") == []
    db = agent.db
    assert db.execute("SELECT count(*) FROM client_search").fetchone()[0] == 0


def test_sensitive_fields_need_consent_and_the_subscription_stage(signed_in: SignIn, tmp_path: Path) -> None:
    header = ("姓名", "手机", "身份证号", "收入", "阶段")
    rows = (
        (2, ("李娜", "13912345678", fx.LINA_ID, "30–50万元/年", "认购")),
        (3, ("刘洋", "13412345678", fx.LIUYANG_ID, "10–20万元/年", "线索")),
    )
    path = fx.write_workbook(tmp_path / "ids.xlsx", header, rows)
    agent = signed_in(Role.AGENT)
    without = import_clients(agent, path)
    assert without.imported == 2 and dict(without.dropped) == {"no_consent": 4}
    assert {row[2] for row in clients(agent)} == {None}

    with pytest.raises(ConsentConfirmationRefused):
        import_clients(agent, path, ImportOptions(consent_confirmed=True))
    assert audit(agent, "access.denied")[-1][0] == "client.import.consent_confirmed"

    manager = signed_in(Role.MANAGER)
    db = manager.db
    db.execute("DELETE FROM clients")
    confirmed = import_clients(manager, path, ImportOptions(consent_confirmed=True))
    assert confirmed.imported == 2 and dict(confirmed.dropped) == {"stage": 2}  # the lead's ID and income
    rows_stored = db.execute(
        "SELECT full_name, id_number, income_band, sensitive_consent FROM clients"
    ).fetchall()
    assert sorted(rows_stored) == [("刘洋", None, None, 1), ("李娜", fx.LINA_ID, "30_50", 1)]


def test_a_mapping_staff_set_is_remembered_for_the_next_file(signed_in: SignIn, tmp_path: Path) -> None:
    agent = signed_in(Role.AGENT)
    header = ("联络人", "手机", "客户微信")
    first = fx.write_workbook(tmp_path / "a.xlsx", header, [(2, ("张伟", "13812345678", "wx1"))])
    with pytest.raises(InvalidInput) as missing:  # nothing names the client: refused before any row
        import_clients(agent, first)
    assert "姓名" in missing.value.zh and "name" in missing.value.en
    with pytest.raises(InvalidInput):
        import_clients(agent, first, ImportOptions(mapping={"联络人": "full_name"}))
    report = import_clients(agent, first, ImportOptions(mapping={"联络人": "name", "客户微信": "notes"}))
    assert report.imported == 1

    second = fx.write_workbook(tmp_path / "b.xlsx", header, [(2, ("李娜", "13912345678", "wx2"))])
    assert preview_import(agent, second).suggested == ("name", "phone", "notes")
    assert import_clients(agent, second).imported == 1
    db = agent.db
    assert db.execute("SELECT notes FROM clients ORDER BY id").fetchall() == [("wx1",), ("wx2",)]
    stored = dict(db.execute("SELECT header, field FROM import_header_mappings").fetchall())
    assert stored == {"联络人": "name", "客户微信": "notes"}
    # choosing what the built-in recognition gives anyway forgets the remembered choice
    import_clients(agent, second, ImportOptions(mapping={"客户微信": "ignore"}))
    assert dict(db.execute("SELECT header, field FROM import_header_mappings").fetchall()) == {
        "联络人": "name"
    }


def test_merge_fills_empty_fields_only_of_clients_the_importer_may_edit(
    branch: Branch, signed_in: SignIn, tmp_path: Path
) -> None:
    agent = signed_in(Role.AGENT)
    mine = create_client(agent, ClientDraft(name="张伟", phone="13812345678", notes="老客户"))
    add_confirmed_staff(branch, ("lisi", "Agt!Other#2026xy"), "李四")
    other = sign_in(branch.context(), "lisi", "Agt!Other#2026xy")
    theirs = create_client(other, ClientDraft(name="王芳", phone="13912345678"))
    header = ("姓名", "手机", "邮箱", "备注")
    path = fx.write_workbook(
        tmp_path / "dup.xlsx",
        header,
        [
            (2, ("张伟", "13812345678", "zw@example.cn", "新备注")),
            (3, ("王芳", "13912345678", "wf@example.cn", "")),
        ],
    )
    skipped = import_clients(agent, path)
    # 王芳 is 李四's client: counted as the agent's own duplicate would be, held for the manager
    assert (skipped.imported, skipped.duplicates_skipped, skipped.duplicates_for_manager) == (0, 2, 0)
    merged = import_clients(agent, path, ImportOptions(on_duplicate="merge"))
    assert (merged.merged, merged.duplicates_for_manager) == (2, 0)
    held = [json.loads(details)["held_for_review"] for _, _, details in audit(agent, "client.import")]
    assert held == [[{"row": 3, "client_id": theirs.id, "field": "phone"}]] * 2
    db = agent.db
    assert db.execute("SELECT email, notes FROM clients WHERE id = ?", (mine.id,)).fetchone() == (
        "zw@example.cn",
        "老客户",  # only empty fields are filled
    )
    assert db.execute("SELECT email FROM clients WHERE id = ?", (theirs.id,)).fetchone() == (None,)
    updates = audit(agent, "client.update")
    assert [(target, json.loads(details)["fields"]) for target, _, details in updates] == [
        (str(mine.id), ["email"])
    ]
    other.close()


def test_a_row_repeated_in_the_file_is_merged_into_the_client_just_imported(
    signed_in: SignIn, tmp_path: Path
) -> None:
    agent = signed_in(Role.AGENT)
    rows = [(2, ("张伟", "13812345678", "", "A")), (3, ("张伟", "+86 138 1234 5678", "zw@example.cn", "C"))]
    path = fx.write_workbook(tmp_path / "twice.xlsx", ("姓名", "手机", "邮箱", "意向"), rows)
    report = import_clients(agent, path, ImportOptions(on_duplicate="merge"))
    assert (report.imported, report.merged, report.duplicates_in_file, report.duplicates_skipped) == (
        1,
        1,
        1,
        0,
    )
    db = agent.db
    assert db.execute("SELECT email, intention_level FROM clients").fetchall() == [("zw@example.cn", "A")]
    (update,) = audit(agent, "client.update")
    assert json.loads(update[2])["fields"] == ["email"]


def test_size_and_row_limits_fail_clearly(tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_bytes(fx.csv_bytes([("姓名", "手机")] + [("张伟", "13812345678")] * 30, "utf-8"))
    assert len(read_sheet(path).rows) == 31
    with pytest.raises(SpreadsheetError) as rows:
        read_sheet(path, max_rows=20)
    assert rows.value.code == "spreadsheet_too_large" and "20" in rows.value.en
    with pytest.raises(SpreadsheetError) as size:
        read_sheet(path, max_bytes=100)
    assert "拆分" in size.value.zh and "split" in size.value.en
    workbook = fx.write_workbook(
        tmp_path / "a.xlsx", ("姓名", "手机"), [(n, ("张伟", "138")) for n in range(2, 40)]
    )
    with pytest.raises(SpreadsheetError):
        read_sheet(workbook, max_rows=20)


def test_manager_assigns_to_an_active_agent_only(signed_in: SignIn, tmp_path: Path) -> None:
    path = fx.write_workbook(tmp_path / "a.xlsx", ("姓名", "手机"), [(2, ("张伟", "13812345678"))])
    manager = signed_in(Role.MANAGER)
    with pytest.raises(ReassignRefused):
        import_clients(manager, path, ImportOptions(assign_to="it.admin"))
    report = import_clients(manager, path, ImportOptions(assign_to="zhangwei"))
    assert report.imported == 1 and report.assigned_to == "zhangwei"
    agent = signed_in(Role.AGENT)
    session = agent.session
    assert clients(manager)[0][3] == session.staff_id
    with pytest.raises(PermissionDenied):
        import_clients(agent, path, ImportOptions(assign_to="lina"))
    for role in (Role.IT_ADMIN, Role.AUDITOR):
        with pytest.raises(PermissionDenied):
            import_clients(signed_in(role), path)


def test_the_audit_trail_has_counts_and_no_personal_data(signed_in: SignIn, tmp_path: Path) -> None:
    agent = signed_in(Role.AGENT)
    create_client(agent, ClientDraft(name="陈刚", phone=fx.EXISTING_PHONE))
    path = fx.messy_workbook(tmp_path / "张伟的客户.xlsx")
    import_clients(agent, path)
    (entry,) = audit(agent, "client.import")
    target, outcome, details = entry
    assert target.startswith("hmac:") and outcome == "success"
    data = json.loads(details)
    assert data["imported"] == 3 and data["rejected"] == 5 and data["duplicates_skipped"] == 2
    assert data["dropped_fields"] == {"no_consent": 1}
    creates = audit(agent, "client.create")
    assert len(creates) == 4 and all(json.loads(d).get("source") == "import" for _, _, d in creates[1:])
    db = agent.db
    everything = " ".join(str(v) for row in db.execute("SELECT * FROM audit_log") for v in row)
    for secret in ("张伟", "李娜", "刘洋", "138123", fx.LINA_ID, "客户.xlsx", "喜欢南向"):
        assert secret not in everything


def test_rejects_export_is_utf8_with_bom_and_formula_safe(signed_in: SignIn, tmp_path: Path) -> None:
    agent = signed_in(Role.AGENT)
    path = tmp_path / "a.csv"
    path.write_bytes(
        fx.csv_bytes(
            [("姓名", "手机", "备注"), ("=HYPERLINK(1)", "1381234", "x"), ("李", "13800000000", "")], "utf-8"
        )
    )
    report = import_clients(agent, path)
    out = tmp_path / "rejects.csv"
    assert export_rejects(agent, report, out) == 1
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0][:4] == ["行号 Row", "字段 Field", "原因", "Reason"] and rows[0][4:] == [
        "姓名",
        "手机",
        "备注",
    ]
    assert rows[1][0] == "2" and rows[1][4] == "'=HYPERLINK(1)"
    assert (out.stat().st_mode & 0o777) == 0o600


def test_unreadable_files_fail_clearly_before_anything_is_written(signed_in: SignIn, tmp_path: Path) -> None:
    agent = signed_in(Role.AGENT)
    old = tmp_path / "list.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(SpreadsheetError) as error:
        import_clients(agent, old)
    assert ".xlsx" in error.value.zh and ".xlsx" in error.value.en
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a zip")
    with pytest.raises(SpreadsheetError):
        preview_import(agent, broken)
    unknown_titles = tmp_path / "plain.csv"
    unknown_titles.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(InvalidInput) as unmapped:
        import_clients(agent, unknown_titles)
    assert "姓名" in unmapped.value.zh and "name" in unmapped.value.en
    one_column = tmp_path / "one.csv"
    one_column.write_text("名单\n张伟\n", encoding="utf-8")
    with pytest.raises(SpreadsheetError) as missing:
        import_clients(agent, one_column)
    assert missing.value.code == "spreadsheet_no_header"
    assert audit(agent, "client.import") == []


def test_five_thousand_rows_import_in_seconds(signed_in: SignIn, tmp_path: Path) -> None:
    manager = signed_in(Role.MANAGER)
    given = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平"
    rows = [("姓名", "手机", "意向")] + [
        (f"{'王李张刘陈杨黄赵吴周'[n % 10]}{given[n % 20]}{given[n // 20 % 20]}", f"139{n:08d}", "ABC"[n % 3])
        for n in range(5000)
    ]
    path = tmp_path / "big.csv"
    path.write_bytes(fx.csv_bytes(rows, "utf-8"))
    started = time.perf_counter()
    report = import_clients(manager, path)
    elapsed = time.perf_counter() - started
    assert report.imported == 5000 and not report.rejected
    assert elapsed < 30, f"5,000 rows took {elapsed:.1f} s"


def test_an_id_number_column_cannot_be_mapped_around_the_consent_gate(
    signed_in: SignIn, tmp_path: Path
) -> None:
    agent, manager = signed_in(Role.AGENT), signed_in(Role.MANAGER)
    first = tmp_path / "a.csv"
    first.write_text("姓名,手机,身份证号\n张伟,13812345678,11010519491231002X\n", encoding="utf-8")
    with pytest.raises(InvalidInput):
        import_clients(agent, first, ImportOptions(mapping={"身份证号": "notes"}))
    # a mapping remembered in the branch (however it got there) never turns the column into notes
    db = manager.db
    with db.transaction():
        db.execute(
            "INSERT INTO import_header_mappings (header, field, updated_at) VALUES ('身份证号', 'notes', '')"
        )
    second = tmp_path / "b.csv"
    second.write_text("姓名,手机,身份证号\n李娜,13912345678,11010519491231002X\n", encoding="utf-8")
    report = import_clients(manager, second)
    assert report.imported == 1 and sum(report.dropped.values()) == 1
    assert [(row[0], row[2]) for row in clients(manager)] == [("李娜", None)]
    assert "11010519491231002X" not in json.dumps(
        db.execute("SELECT notes FROM clients").fetchall(), ensure_ascii=False
    )


def test_rejected_rows_without_consent_withhold_the_id_number_in_the_export(
    signed_in: SignIn, tmp_path: Path
) -> None:
    agent = signed_in(Role.AGENT)
    path = tmp_path / "a.csv"
    path.write_text("姓名,手机,身份证号\n张伟,12345,11010519491231002X\n", encoding="utf-8")
    report = import_clients(agent, path)
    out = tmp_path / "rejects.csv"
    assert export_rejects(agent, report, out) == 1
    text = out.read_bytes().decode("utf-8-sig")
    assert "11010519491231002X" not in text and "张伟" in text
    assert audit(agent, "client.import.rejects_export")


def test_a_merge_never_revives_a_consent_the_client_withdrew(signed_in: SignIn, tmp_path: Path) -> None:
    """Regression: a spreadsheet row saying "consented" (an older paper form) turned a withdrawn
    sensitive-data consent back on through a merge."""
    from desktop_app.services.client_consents import withdraw_consent
    from tests.consent_support import signed_form

    agent = signed_in(Role.AGENT)
    draft = ClientDraft(name="张伟", phone="13812345678", stage="visiting")
    client = create_client(agent, draft, consent=signed_form(agent, sensitive=True))
    withdraw_consent(agent, client.id, "sensitive_data")
    path = fx.write_workbook(
        tmp_path / "old.xlsx",
        ("姓名", "手机", "邮箱", "敏感信息同意"),
        [
            (2, ("张伟", "13812345678", "zw@example.cn", "是")),
        ],
    )

    merged = import_clients(agent, path, ImportOptions(on_duplicate="merge"))

    assert merged.merged == 1
    db = agent.db
    assert db.execute(
        "SELECT email, sensitive_consent FROM clients WHERE id = ?", (client.id,)
    ).fetchone() == (
        "zw@example.cn",
        0,
    )
    methods = [m for (m,) in db.execute("SELECT method FROM consent_forms WHERE client_id = ?", (client.id,))]
    assert methods == ["paper_form"]  # no "imported" consent recorded over the withdrawal


# ------------------------------------------------------------------- issue 11: legacy rows keep clients


def test_district_level_and_legacy_addresses_import(signed_in: SignIn, tmp_path: Path) -> None:
    agent = signed_in(Role.AGENT)
    addresses = [
        "江苏省南京市玄武区",
        "四川省成都市武侯区",
        "北京市朝阳区",
        "深圳市南山区科技园路1号",
        "天津市市辖区和平区",
        "江苏省苏州市昆山市玉山镇人民路1号",
        "湖北省仙桃市沙嘴街道",
        "内蒙古自治区锡林郭勒盟锡林浩特市额尔敦路",
        "广东省 深圳市　南山区 科技园路1号",
    ]
    rows = [
        (2 + i, (f"客户{'甲乙丙丁戊己庚辛壬'[i]}", f"1381234{5600 + i}", a)) for i, a in enumerate(addresses)
    ]
    path = fx.write_workbook(tmp_path / "addresses.xlsx", ("姓名", "手机", "地址"), rows)
    report = import_clients(agent, path)
    assert (report.imported, report.rejected) == (len(addresses), ())
    db = agent.db
    stored = db.execute("SELECT province, city, district, address_detail FROM clients ORDER BY id").fetchall()
    assert stored[0] == ("江苏省", "南京市", "玄武区", None)
    assert stored[3] == ("广东省", "深圳市", "南山区", "科技园路1号")
    assert stored[5] == ("江苏省", "苏州市", "昆山市", "玉山镇人民路1号")
    assert stored[8] == stored[3]


def test_a_row_with_several_problems_names_them_all_in_the_report_and_the_export(
    signed_in: SignIn, tmp_path: Path
) -> None:
    agent = signed_in(Role.AGENT)
    path = fx.write_workbook(
        tmp_path / "bad.xlsx", ("姓名", "手机", "地址"), [(2, ("张伟", "12345", "科技园路1号"))]
    )
    report = import_clients(agent, path)
    (row,) = report.rejected
    assert [(p.field, p.reason) for p in row.problems][1] == ("address", "unsplittable")
    assert row.problems[0].field == "phone" and report.refused == 1 and not row.duplicate
    out = tmp_path / "rejects.csv"
    assert export_rejects(agent, report, out) == 1
    exported = list(csv.reader(io.StringIO(out.read_bytes().decode("utf-8-sig"))))
    assert len(exported) == 2  # one line per rejected row, with all its reasons
    assert exported[1][1] == "phone,address"
    assert "手机" in exported[1][2] and "地址" in exported[1][2]
    assert "Phone" in exported[1][3] and "Address" in exported[1][3]


def test_a_duplicate_is_found_before_the_row_is_refused_and_still_lists_its_problems(
    signed_in: SignIn, tmp_path: Path
) -> None:
    manager = signed_in(Role.MANAGER)
    create_client(manager, ClientDraft(name="陈刚", phone="13812345678"))
    id_with_x = fx.resident_id("11010519800307120")
    header = ("姓名", "手机", "地址", "身份证号", "阶段")
    rows = [
        (2, ("陈刚", "138 1234 5678", "科技园路1号", "", "")),  # an existing client's phone, bad address
        (3, ("李娜", "13912345678", "江苏省南京市玄武区", id_with_x, "认购")),
        (4, ("李娜", "13712345678", "无法识别", id_with_x.lower(), "认购")),  # row 3's ID, lower-case x
        (5, ("王芳", "12345", "科技园路1号", "", "")),  # only refused
    ]
    path = fx.write_workbook(tmp_path / "dups.xlsx", header, rows)
    for policy in ("skip", "merge"):
        db = manager.db
        db.execute("DELETE FROM clients WHERE full_name = '李娜'")
        report = import_clients(manager, path, ImportOptions(on_duplicate=policy, consent_confirmed=True))
        assert (report.imported, report.merged, report.duplicates_skipped) == (1, 0, 2)
        assert (report.duplicates, report.duplicates_in_file, report.refused) == (2, 1, 1)
        by_row = {r.row_number: r for r in report.rejected}
        assert sorted(by_row) == [2, 4, 5]
        assert [(p.field, p.reason) for p in by_row[2].problems] == [
            ("phone", "duplicate"),
            ("address", "unsplittable"),
        ]
        assert [(p.field, p.reason) for p in by_row[4].problems] == [
            ("id_number", "duplicate"),
            ("address", "unsplittable"),
        ]
        assert by_row[2].duplicate and by_row[4].duplicate and not by_row[5].duplicate
        details = json.loads(audit(manager, "client.import")[-1][2])
        assert (details["rejected"], details["duplicates_with_problems"]) == (1, 2)
    assert db.execute("SELECT address_detail FROM clients WHERE full_name = '陈刚'").fetchone() == (None,)
