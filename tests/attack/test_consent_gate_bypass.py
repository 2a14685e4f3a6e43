"""Attacks on the sensitive-data consent gate through free-text fields (issue 11, section 1).

What was done by hand before the fix: a sheet whose ID-number column has a header the importer does
not know (``证件``) was imported with ``--map 证件=notes`` and no sensitive-data consent. The gate
drops an ID number column only when it is mapped to the ID number, so every ID number landed in the
clients' notes: kept without consent, unmasked, searchable and copied into every export. Typing an
ID number or a bank card number into the notes, a follow-up or a request did the same by hand.

Each test decrypts ``clients.db`` the way a manager's script would (the app's own modules, the
manager's password) and looks for the numbers in every table, the search index included.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from desktop_app.domain.client_record import ClientDraft, FollowupKind
from desktop_app.domain.field_errors import InvalidField
from desktop_app.domain.roles import Role
from desktop_app.services.client_followups import add_followup
from desktop_app.services.client_import import ImportOptions, import_clients, rejects_file
from desktop_app.services.client_intake import create_client, update_client
from desktop_app.services.client_requests import register_request
from desktop_app.services.signed_in import SignedIn

fx = importlib.import_module("tests.fixtures.import.make_fixtures")
SignIn = Callable[[Role], SignedIn]

ID_18 = fx.resident_id("11010519900307123")
ID_18_X = "11010519491231002X"  # the GB 11643 example
ID_15 = "440305880615001"  # an old 15-digit number
CARD = "6222000000000000004"  # 19 digits, passes Luhn


def client_data_dump(ctx: SignedIn) -> str:
    """Every row of every table in clients.db (the search index's shadow tables too), as text."""
    db = ctx.db
    tables = [
        str(row[0])
        for row in db.execute("SELECT name FROM client_data.sqlite_master WHERE type = 'table'").fetchall()
    ]
    assert "clients" in tables and "client_search_data" in tables
    parts: list[str] = []
    for table in tables:
        for row in db.execute(f'SELECT * FROM client_data."{table}"').fetchall():
            for value in row:
                parts.append(value.decode("latin-1") if isinstance(value, bytes) else str(value))
    return "\n".join(parts)


def assert_nowhere(ctx: SignedIn, *numbers: str) -> None:
    dump = client_data_dump(ctx).upper()
    for number in numbers:
        assert number.upper() not in dump


def test_an_id_column_with_an_unknown_header_mapped_to_notes_keeps_no_id_number(
    signed_in: SignIn, tmp_path: Path
) -> None:
    agent = signed_in(Role.AGENT)
    sheet = fx.write_workbook(
        tmp_path / "老客户.xlsx",
        ("姓名", "手机", "证件"),
        [
            (2, ("李娜", "13912345678", ID_18)),
            (3, ("刘洋", "13812345678", ID_18_X.lower())),
            (4, ("王芳", "13712345678", "１１０１０５ １９４９１２３１ ００２Ｘ")),
            (5, ("陈刚", "13612345678", ID_15)),
            (6, ("赵敏", "13512345678", "身份证：" + ID_18 + "，已核对")),
            (7, ("孙丽", "13412345678", "工行 " + CARD)),
            (8, ("周杰", "13312345678", "老客户，电话 138 1234 5678")),  # an ordinary note
        ],
    )
    report = import_clients(agent, sheet, ImportOptions(mapping={"证件": "notes"}))

    assert report.imported == 1  # only the row whose note holds no ID or card number
    reasons = {(r.row_number, r.field, r.reason) for r in report.rejected}
    assert reasons == {
        (2, "notes", "holds_id_number"),
        (3, "notes", "holds_id_number"),
        (4, "notes", "holds_id_number"),
        (5, "notes", "holds_id_number"),
        (6, "notes", "holds_id_number"),
        (7, "notes", "holds_bank_card_number"),
    }
    first = next(r for r in report.rejected if r.row_number == 2)
    assert first.message_zh.startswith("备注：不能填写身份证号码")
    assert first.message_en.startswith("Notes: must not hold a resident ID number")
    # the rejects file carries none either
    exported = rejects_file(report, tmp_path / "rejects.csv").decode("utf-8-sig").upper()
    assert all(number not in exported for number in (ID_18, ID_18_X, ID_15, CARD, "１１０１０５"))
    assert "老客户，电话 138 1234 5678" not in exported  # (row 8 was imported, not rejected)
    manager = signed_in(Role.MANAGER)
    assert_nowhere(manager, ID_18, ID_18_X, "110105 19491231 002X", ID_15, CARD)


def test_other_free_text_columns_are_no_way_round_either(signed_in: SignIn, tmp_path: Path) -> None:
    agent = signed_in(Role.AGENT)
    path = tmp_path / "a.csv"
    path.write_text(
        "姓名,手机,省份,城市,区县,证件,证件2\n"
        f"李娜,13912345678,,,,{ID_18},\n"
        f"刘洋,13812345678,广东省,深圳市,南山区,,{ID_18_X}\n",
        encoding="utf-8",
    )
    report = import_clients(
        agent, path, ImportOptions(mapping={"证件": "intended_districts", "证件2": "address_detail"})
    )
    assert report.imported == 0
    assert {(r.row_number, r.reason) for r in report.rejected} == {
        (2, "holds_id_number"),
        (3, "holds_id_number"),
    }
    assert_nowhere(signed_in(Role.MANAGER), ID_18, ID_18_X)


def test_typing_an_id_number_into_notes_follow_ups_or_requests_keeps_none(signed_in: SignIn) -> None:
    agent = signed_in(Role.AGENT)
    with pytest.raises(InvalidField) as intake:
        create_client(agent, ClientDraft(name="李娜", phone="13912345678", notes=f"身份证 {ID_18}"))
    assert (intake.value.field, intake.value.reason) == ("notes", "holds_id_number")

    client = create_client(agent, ClientDraft(name="李娜", phone="13912345678", notes="首次到访"))
    with pytest.raises(InvalidField) as edit:
        update_client(agent, client.id, {"notes": f"卡号 {CARD}"})
    assert (edit.value.field, edit.value.reason) == ("notes", "holds_bank_card_number")
    with pytest.raises(InvalidField) as followup:
        add_followup(agent, client.id, FollowupKind.CALL, f"客户报了身份证号 {ID_18_X.lower()}")
    assert (followup.value.field, followup.value.reason) == ("followup_note", "holds_id_number")
    add_followup(agent, client.id, FollowupKind.CALL, "回电 138-1234-5678，约周六看房")

    manager = signed_in(Role.MANAGER)
    with pytest.raises(InvalidField) as request:
        register_request(manager, client.id, "copy", date(2027, 1, 10), f"本人要求复制，证件号 {ID_15}")
    assert (request.value.field, request.value.reason) == ("request_description", "holds_id_number")
    assert_nowhere(manager, ID_18, ID_18_X, ID_15, CARD)
