"""Privacy notice documents: parsing and validation, rendering, the content hash, version changes."""

from __future__ import annotations

import copy
import re
import tomllib
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.domain.consent_purposes import SENSITIVE_IMPACT, SENSITIVE_NECESSITY, PurposeId
from desktop_app.domain.errors import InvalidInput
from desktop_app.domain.privacy_notice import (
    PLACEHOLDERS,
    SECTION_NAMES,
    NoticeValues,
    PrivacyNotice,
    notice_changes,
    parse_notice,
    render_notice,
)
from desktop_app.domain.retention_rules import RetentionRules

V1 = Path(__file__).resolve().parents[2] / "resources" / "notices" / "2026-11-v1.toml"
V1_TEXT = V1.read_text(encoding="utf-8")
V1_DATA: dict[str, Any] = tomllib.loads(V1_TEXT)
VALUES = NoticeValues(
    "示例房地产经纪有限公司", "privacy@example.cn", "朝阳门店", "示例集团总部", "400-800-0000"
)


def notice_from(data: dict[str, Any]) -> PrivacyNotice:
    return parse_notice(tomli_w.dumps(data))


def edited(edit: Callable[[dict[str, Any]], object]) -> dict[str, Any]:
    data = copy.deepcopy(V1_DATA)
    edit(data)
    return data


def refused(data: dict[str, Any]) -> InvalidInput:
    with pytest.raises(InvalidInput) as caught:
        notice_from(data)
    return caught.value


def text_paths(data: dict[str, Any], prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every text entry (``*_zh`` / ``*_en``) of a notice document."""
    found: list[tuple[str, ...]] = []
    for key, value in data.items():
        if isinstance(value, dict):
            found += text_paths(value, (*prefix, key))
        elif key.endswith(("_zh", "_en")):
            found.append((*prefix, key))
    return found


def set_path(data: dict[str, Any], path: tuple[str, ...], value: object) -> None:
    for key in path[:-1]:
        data = data[key]
    data[path[-1]] = value


def get_path(data: dict[str, Any], path: tuple[str, ...]) -> Any:
    for key in path:
        data = data[key]
    return data


# --- the bundled v1 ---------------------------------------------------------------------------


def test_bundled_v1_is_valid_and_covers_every_purpose_and_headquarters() -> None:
    notice = parse_notice(V1_TEXT)
    assert notice.version == "2026-11-v1"
    assert notice.effective == date(2026, 11, 30)
    assert set(notice.purposes) == set(PurposeId)
    assert notice.recipients == {"headquarters": PurposeId.HQ_SHARING}
    assert [s.key for s in notice.sections] == list(SECTION_NAMES)
    assert re.fullmatch(r"[0-9a-f]{64}", notice.content_hash)


def test_bundled_v1_states_the_registry_art30_text() -> None:
    sensitive = parse_notice(V1_TEXT).section("purposes").subsection("sensitive_data")
    assert sensitive is not None
    assert sensitive.item("necessity") == SENSITIVE_NECESSITY
    assert sensitive.item("impact") == SENSITIVE_IMPACT


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_bundled_v1_renders_in_both_languages_with_branch_values(language: str) -> None:
    rendered = render_notice(parse_notice(V1_TEXT), VALUES, language)
    text = rendered.plain_text()
    for value in ("示例房地产经纪有限公司", "privacy@example.cn", "朝阳门店", "示例集团总部", "400-800-0000"):
        assert value in text
    assert "{" not in text and "}" not in text
    assert [s.key for s in rendered.sections] == list(SECTION_NAMES)
    recipients = next(s for s in rendered.sections if s.key == "recipients")
    hq = recipients.subsections[0]
    assert len(hq.items) == 5 and hq.title == "示例集团总部"
    if language == "zh_CN":
        assert "24个月" in text and "36个月" in text and "至少保存10年" in text and "三十日" in text
    else:
        assert "24 months" in text and "at least 10 years" in text and "30 days" in text
        assert "Contact: 400-800-0000" in text and "：" not in text


def test_retention_periods_follow_the_branch_rules() -> None:
    rules = RetentionRules({"lead": 12, "closed": 60})
    values = NoticeValues("公司", "联系", "门店", "总部", "总部联系", retention=rules)
    text = render_notice(parse_notice(V1_TEXT), values).plain_text()
    assert "线索（首次到访）客户：12个月" in text and "交易已结束的客户：60个月" in text
    assert "带看中客户：24个月" in text


def test_render_refuses_blank_branch_values() -> None:
    values = NoticeValues("公司", "", "门店")
    with pytest.raises(InvalidInput) as caught:
        render_notice(parse_notice(V1_TEXT), values)
    assert "公司个人信息保护联系方式" in caught.value.zh and "总部名称" in caught.value.zh
    assert "headquarters contact" in caught.value.en and "branch name" not in caught.value.en


# --- refusals naming what is missing --------------------------------------------------------


@pytest.mark.parametrize("section", [k for k in SECTION_NAMES if k != "intro"])
def test_a_missing_section_is_refused_by_name(section: str) -> None:
    error = refused(edited(lambda d: d.pop(section)))
    zh_name, en_name = SECTION_NAMES[section]
    assert f"“{zh_name}”部分（{section}）" in error.zh
    assert f"'{en_name}' section ({section})" in error.en


def test_intro_is_optional() -> None:
    notice = notice_from(edited(lambda d: d.pop("intro")))
    assert notice.sections[0].key == "processor"


@pytest.mark.parametrize("purpose", list(PurposeId))
def test_a_missing_purpose_is_refused_by_name(purpose: PurposeId) -> None:
    error = refused(edited(lambda d: d["purposes"].pop(purpose.value)))
    assert purpose.label_zh in error.zh and f"purposes.{purpose.value}" in error.zh
    assert purpose.label_en in error.en


def test_missing_art30_and_withdrawal_texts_are_named() -> None:
    def drop(d: dict[str, Any]) -> None:
        del d["purposes"]["sensitive_data"]["impact_en"]
        del d["purposes"]["marketing_contact"]["withdrawal_zh"]
        d["processor"]["text_zh"] = "   "

    error = refused(edited(drop))
    for path in (
        "purposes.sensitive_data.impact_en",
        "purposes.marketing_contact.withdrawal_zh",
        "processor.text_zh",
    ):
        assert path in error.zh and path in error.en


def test_unknown_purpose_entry_placeholder_and_recipient_purpose_are_refused() -> None:
    def spoil(d: dict[str, Any]) -> None:
        d["purposes"]["profiling"] = {
            "title_zh": "画像",
            "title_en": "Profiling",
            "text_zh": "x",
            "text_en": "x",
        }
        d["methods"]["text_zh"] += "{company_nmae}"
        d["categories"]["extra_zh"] = "x"
        d["recipients"]["headquarters"]["consent_purpose"] = "marketing_contact"

    error = refused(edited(spoil))
    assert error.en.count("purposes.profiling") == 1 and "not one of the purposes the app knows" in error.en
    assert "{company_nmae}" in error.en
    assert "categories.extra_zh" in error.en
    assert "recipients.headquarters.consent_purpose" in error.en
    assert "a recipient for 'Providing personal information to headquarters'" in error.en


def test_retention_must_state_every_period_in_both_languages() -> None:
    def spoil(d: dict[str, Any]) -> None:
        d["retention"]["text_en"] = d["retention"]["text_en"].replace("{aml_hold_years}", "10")

    error = refused(edited(spoil))
    assert "retention.text_en" in error.en and "{aml_hold_years}" in error.en
    assert "retention.text_zh" not in error.en


def test_recipient_needs_every_art23_item() -> None:
    error = refused(edited(lambda d: d["recipients"]["headquarters"].pop("contact_zh")))
    assert "recipients.headquarters.contact_zh" in error.zh


@pytest.mark.parametrize(
    ("key", "value", "named"),
    [
        ("format", 2, "format"),
        ("format", True, "format"),
        ("version", "has space", "version"),
        ("version", "", "version"),
        ("effective", "30/11/2026", "effective"),
        ("title_en", "", "title_en"),
    ],
)
def test_header_fields_are_checked(key: str, value: object, named: str) -> None:
    error = refused(edited(lambda d: d.__setitem__(key, value)))
    assert named in error.en


def test_not_toml_too_long_and_not_text() -> None:
    with pytest.raises(InvalidInput, match="not valid TOML"):
        parse_notice("[processor\n")
    with pytest.raises(InvalidInput, match="too long"):
        parse_notice("#" * 300_000)
    with pytest.raises(InvalidInput):
        parse_notice(b"format = 1")  # type: ignore[arg-type]


# --- properties -------------------------------------------------------------------------------


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_arbitrary_text_raises_only_invalid_input(text: str) -> None:
    try:
        parse_notice(text)
    except InvalidInput as error:
        assert error.zh and error.en


toml_values = st.recursive(
    st.none().map(lambda _: "")
    | st.text(max_size=20)
    | st.integers(-5, 5)
    | st.booleans()
    | st.dates().map(lambda d: d.isoformat()),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=12,
)


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from([*text_paths(V1_DATA), ("purposes",), ("recipients", "headquarters"), ("format",)]),
    toml_values,
)
def test_any_wrong_value_anywhere_raises_only_invalid_input(path: tuple[str, ...], value: object) -> None:
    data = edited(lambda d: set_path(d, path, value))
    try:
        notice_from(data)
    except InvalidInput as error:
        assert error.zh and error.en


def test_hash_stable_under_reserialisation_and_line_endings() -> None:
    original = parse_notice(V1_TEXT)
    assert notice_from(V1_DATA).content_hash == original.content_hash
    assert parse_notice(tomli_w.dumps(V1_DATA, multiline_strings=True)).content_hash == original.content_hash
    assert parse_notice(V1_TEXT.replace("\n", "\r\n")).content_hash == original.content_hash
    reordered = dict(reversed(list(V1_DATA.items())))
    assert notice_from(reordered).content_hash == original.content_hash
    assert parse_notice(V1_TEXT).content_hash == original.content_hash


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(text_paths(V1_DATA)),
    st.text(
        alphabet=st.characters(blacklist_categories=["Cs", "Cc"], blacklist_characters="{}"),
        min_size=1,
        max_size=8,
    ),
)
def test_any_change_to_any_text_changes_the_hash(path: tuple[str, ...], extra: str) -> None:
    original = parse_notice(V1_TEXT).content_hash
    data = edited(lambda d: set_path(d, path, get_path(d, path) + extra))
    changed = notice_from(data).content_hash
    assert changed != original
    assert notice_from(tomllib.loads(tomli_w.dumps(data, multiline_strings=True))).content_hash == changed


def test_version_and_date_are_in_the_hash() -> None:
    original = parse_notice(V1_TEXT).content_hash
    assert notice_from(edited(lambda d: d.__setitem__("version", "2026-12-v2"))).content_hash != original
    assert notice_from(edited(lambda d: d.__setitem__("effective", "2026-12-01"))).content_hash != original


def test_placeholders_documented() -> None:
    readme = (V1.parent / "README.md").read_text(encoding="utf-8")
    for name in PLACEHOLDERS:
        assert "{" + name + "}" in readme


# --- changes between versions ----------------------------------------------------------------


def v2(edit: Callable[[dict[str, Any]], object]) -> PrivacyNotice:
    def both(d: dict[str, Any]) -> None:
        d["version"] = "2027-01-v2"
        edit(d)

    return notice_from(edited(both))


def test_same_content_is_no_change() -> None:
    old = parse_notice(V1_TEXT)
    changes = notice_changes(old, v2(lambda d: None))
    assert not changes.needs_reconsent and not changes.changes_purposes and not changes.changes_recipients


def test_wording_reflowed_or_other_sections_changed_is_no_reconsent() -> None:
    def edit(d: dict[str, Any]) -> None:
        d["purposes"]["hq_sharing"]["text_zh"] = d["purposes"]["hq_sharing"]["text_zh"].replace(
            "，", "，\n  "
        )
        d["rights"]["text_en"] += " Thank you."
        d["intro"]["text_zh"] += "谢谢。"

    new = v2(edit)
    assert new.content_hash != parse_notice(V1_TEXT).content_hash
    assert not notice_changes(parse_notice(V1_TEXT), new).needs_reconsent


def test_changed_purpose_asks_again_for_that_purpose_only() -> None:
    new = v2(
        lambda d: d["purposes"]["marketing_contact"].__setitem__(
            "text_en", "We may also send WeChat messages."
        )
    )
    changes = notice_changes(parse_notice(V1_TEXT), new)
    assert changes.purposes_changed == {PurposeId.MARKETING_CONTACT}
    assert changes.changes_purposes and not changes.changes_recipients and changes.needs_reconsent
    assert changes.purposes_to_ask_again(new) == {PurposeId.MARKETING_CONTACT}


def test_new_or_changed_recipient_asks_again_for_its_purpose() -> None:
    def add(d: dict[str, Any]) -> None:
        d["recipients"]["group_companies"] = dict(
            d["recipients"]["headquarters"], name_zh="集团公司", name_en="Group"
        )

    new = v2(add)
    changes = notice_changes(parse_notice(V1_TEXT), new)
    assert changes.recipients_added == {"group_companies"} and changes.changes_recipients
    assert not changes.changes_purposes
    assert changes.purposes_to_ask_again(new) == {PurposeId.HQ_SHARING}

    changed = v2(lambda d: d["recipients"]["headquarters"].__setitem__("categories_en", "Everything."))
    assert notice_changes(parse_notice(V1_TEXT), changed).recipients_changed == {"headquarters"}
    back = notice_changes(new, parse_notice(V1_TEXT))
    assert back.recipients_removed == {"group_companies"} and back.needs_reconsent


def test_methods_or_categories_change_asks_again_for_every_consent() -> None:
    new = v2(lambda d: d["categories"].__setitem__("text_zh", d["categories"]["text_zh"] + "（6）人脸图像。"))
    changes = notice_changes(parse_notice(V1_TEXT), new)
    assert changes.categories_changed and changes.needs_reconsent
    assert changes.purposes_to_ask_again(new) == {
        PurposeId.SENSITIVE_DATA,
        PurposeId.HQ_SHARING,
        PurposeId.MARKETING_CONTACT,
    }
