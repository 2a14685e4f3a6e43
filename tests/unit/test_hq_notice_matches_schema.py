"""The privacy notice's headquarters section says exactly what a summary carries about a client
(PIPL art. 17, 23): every key of a per-client row (domain/hq_summary/client_rows.py ROW_FIELDS) is
named before the "never" clause, and every client field the registry keeps from HQ (or sends only as
the pseudonym's input) is named after it. The row keys themselves follow the registry's ``HqShare``
and the masked ``HqClientRow`` view, so a field added to the registry or the row fails here until
the notice (a new version) says so."""

from __future__ import annotations

import dataclasses
import tomllib

from desktop_app.domain.client_field_registry import CLIENT_FIELDS, FieldKind, HqShare
from desktop_app.domain.client_views import HqClientRow
from desktop_app.domain.hq_summary.client_rows import ROW_FIELDS, client_row
from desktop_app.store.notice_files import NOTICES_DIR, newest_bundled

# How the notice names each key of a row (zh, en)
ROW_TERMS = {
    "pseudonym": ("化名编号", "pseudonym code"),
    "masked_name": ("遮蔽后的姓名", "masked name"),
    "district": ("区县", "district"),
    "intention_level": ("意向等级", "level of interest"),
    "property_type": ("意向物业类型", "property type"),
    "budget_band": ("总价预算区间", "budget band"),
    "stage": ("客户阶段", "stage"),
    "agent_code": ("经纪人的编号", "code of the agent"),
}
# How the notice names what never leaves: registry fields (and follow-ups, not a field)
NEVER_TERMS = {
    "name": ("姓名全文", "full name"),
    "phone": ("手机号码", "mobile number"),
    "id_number": ("身份证件号码", "ID number"),
    "email": ("电子邮箱", "e-mail"),
    "address_detail": ("详细地址", "street address"),
    "income_band": ("收入", "income"),
    "notes": ("备注", "notes"),
    "follow-ups": ("跟进记录", "contact records"),
}
ROW_KEY_OF_FIELD = {"name": "masked_name"}  # the row's key for a registry field, where it differs
VIEW_KEY_OF_FIELD = {"masked_name": "name"}  # HqClientRow's attribute for a row key, where it differs


def _hq_categories() -> tuple[str, str]:
    newest = newest_bundled()
    assert newest is not None
    data = tomllib.loads((NOTICES_DIR / f"{newest.version}.toml").read_text(encoding="utf-8"))
    hq = data["recipients"]["headquarters"]
    return hq["categories_zh"], hq["categories_en"]


def test_row_keys_follow_the_registry() -> None:
    masked = {
        ROW_KEY_OF_FIELD.get(row.name, row.name) for row in CLIENT_FIELDS if row.hq is HqShare.MASKED_ROW
    }
    pseudonym_inputs = {row.name for row in CLIENT_FIELDS if row.hq is HqShare.PSEUDONYM}
    assert pseudonym_inputs == {"phone", "id_number"}
    assert set(ROW_FIELDS) == masked | {"pseudonym", "agent_code"}
    view = {field.name for field in dataclasses.fields(HqClientRow)}
    assert {VIEW_KEY_OF_FIELD.get(key, key) for key in masked} == view
    row = client_row(
        pseudonym="p",
        full_name="王伟",
        district="南山区",
        intention_level="A",
        property_type=None,
        budget_band=None,
        stage="lead",
        agent_id=3,
    )
    assert tuple(row) == ROW_FIELDS


def test_never_terms_cover_every_personal_field_kept_from_hq() -> None:
    kept = {
        row.name
        for row in CLIENT_FIELDS
        if row.kind in (FieldKind.PERSONAL, FieldKind.SENSITIVE, FieldKind.TEXT)
        and row.hq in (HqShare.NONE, HqShare.PSEUDONYM)
    }
    assert kept | {"name", "follow-ups"} == set(NEVER_TERMS)


def test_the_notice_names_exactly_what_leaves() -> None:
    assert set(ROW_TERMS) == set(ROW_FIELDS)
    zh, en = _hq_categories()
    sent_zh, never_zh = zh.split("不包括")
    sent_en, never_en = en.split("Never")
    for key, (term_zh, term_en) in ROW_TERMS.items():
        assert term_zh in sent_zh, key
        assert term_en in sent_en, key
    for key, (term_zh, term_en) in NEVER_TERMS.items():
        assert term_zh in never_zh, key
        assert term_en in never_en, key
    # the fields sent only as the pseudonym's input are named there as its input, never as sent
    assert "手机号码" not in sent_zh.replace("没有时为手机号码", "")
    assert "mobile number" not in sent_en.replace("your mobile number if there is none", "")


def test_the_previous_notice_promised_name_and_mobile() -> None:
    """Why a new version: the published 2026-11-v1 (immutable) promised name and mobile number."""
    data = tomllib.loads((NOTICES_DIR / "2026-11-v1.toml").read_text(encoding="utf-8"))
    assert data["recipients"]["headquarters"]["categories_en"].startswith("Name, mobile number")
    newest = newest_bundled()
    assert newest is not None and newest.version != "2026-11-v1"
