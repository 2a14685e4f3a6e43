"""Spreadsheet import: which client field each column of a legacy sheet holds.

Branches keep client lists in Excel or CSV with headers typed by hand ("客户姓名", "手机号码*",
"联系方式（必填）", "E-mail"). ``normalise_header`` reduces a header to a comparable key (width,
case, spacing, punctuation and bracketed remarks ignored); ``KNOWN_HEADERS`` maps the usual Chinese
and English headers to the target fields; headers staff mapped by hand are remembered for the
member who mapped them, or for the whole branch when a manager saves them so
(store/import_mapping_repository.py), and passed in as ``remembered`` (normalised header → field).
``find_header_row`` skips the merged title row and blank rows above the real header.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from desktop_app.domain.errors import InvalidInput

IGNORE = "ignore"
"""The target of a column that is not imported."""

HEADER_SEARCH_ROWS = 10
"""The header row is looked for among this many rows at the top of the sheet."""

MIN_RECOGNISED_HEADERS = 2


@dataclass(frozen=True)
class TargetField:
    key: str  # a ClientDraft field name, or "address" (a whole address split on import)
    zh: str
    en: str
    sensitive: bool = False


TARGET_FIELDS: tuple[TargetField, ...] = (
    TargetField("name", "姓名", "Name"),
    TargetField("phone", "电话号码", "Phone number"),
    TargetField("stage", "客户阶段", "Stage"),
    TargetField("id_type", "证件类型", "ID document type"),
    TargetField("id_number", "证件号码", "ID number", sensitive=True),
    TargetField("email", "电子邮箱", "Email"),
    TargetField("address", "地址（整段）", "Address (whole)"),
    TargetField("province", "省份", "Province"),
    TargetField("city", "城市", "City"),
    TargetField("district", "区/县", "District"),
    TargetField("address_detail", "详细地址", "Address detail"),
    TargetField("income_band", "家庭年收入", "Annual household income", sensitive=True),
    TargetField("property_type", "意向物业类型", "Property type wanted"),
    TargetField("intended_districts", "意向区域", "Districts wanted"),
    TargetField("area_range", "意向面积", "Floor area wanted"),
    TargetField("budget_band", "总价预算", "Total budget"),
    TargetField("payment_method", "付款方式", "Payment method"),
    TargetField("purchase_purpose", "购房目的", "Purpose of purchase"),
    TargetField("purchase_timeline", "购房时间", "When they plan to buy"),
    TargetField("intention_level", "意向等级", "Intention level"),
    TargetField("source_channel", "客户来源", "Source channel"),
    TargetField("notes", "备注", "Notes"),
    TargetField("sensitive_consent", "敏感个人信息单独同意", "Sensitive-data consent"),
)
FIELDS_BY_KEY: dict[str, TargetField] = {field.key: field for field in TARGET_FIELDS}
SENSITIVE_FIELDS: frozenset[str] = frozenset(f.key for f in TARGET_FIELDS if f.sensitive)

_BRACKETED = re.compile(r"[(（\[【<《{][^)）\]】>》}]*[)）\]】>》}]")


def normalise_header(text: object) -> str:
    """A header cell as a comparable key: width folded (NFKC), lower case, remarks in brackets
    ("（必填）", "(元)") removed, and everything but letters and digits dropped."""
    if text is None:
        return ""
    folded = unicodedata.normalize("NFKC", str(text)).lower()
    folded = _BRACKETED.sub("", folded)
    return "".join(char for char in folded if char.isalnum())


_HEADERS: dict[str, tuple[str, ...]] = {
    "name": ("姓名", "客户姓名", "客户名称", "客户名", "客户", "名字", "name", "fullname", "clientname",
             "customername", "customer", "client"),
    "phone": ("手机", "手机号", "手机号码", "电话", "电话号码", "联系电话", "联系方式", "联系手机",
              "移动电话", "客户电话", "客户手机", "phone", "mobile", "tel", "telephone", "phoneno",
              "phonenumber", "mobilephone", "cellphone", "contact"),
    "stage": ("阶段", "客户阶段", "客户状态", "跟进阶段", "stage", "status"),
    "id_type": ("证件类型", "证件种类", "idtype", "documenttype"),
    "id_number": ("身份证", "身份证号", "身份证号码", "证件号", "证件号码", "id", "idno", "idnumber",
                  "idcard", "idcardno"),
    "email": ("邮箱", "电子邮箱", "电子邮件", "邮件", "email", "mail", "emailaddress"),
    "address": ("地址", "联系地址", "住址", "家庭住址", "家庭地址", "通讯地址", "居住地址", "address"),
    "province": ("省", "省份", "所在省", "province"),
    "city": ("市", "城市", "所在城市", "city"),
    "district": ("区", "区县", "县区", "所在区", "district", "county"),
    "address_detail": ("详细地址", "街道地址", "门牌", "addressdetail", "street", "streetaddress"),
    "income_band": ("收入", "年收入", "家庭收入", "家庭年收入", "收入水平", "收入区间", "income",
                    "incomeband", "annualincome", "householdincome"),
    "property_type": ("物业类型", "意向物业", "意向物业类型", "意向房型", "propertytype"),
    "intended_districts": ("意向区域", "意向片区", "意向板块", "intendeddistricts", "districtswanted"),
    "area_range": ("面积", "意向面积", "需求面积", "area", "arearange"),
    "budget_band": ("预算", "总价预算", "购房预算", "budget", "budgetband"),
    "payment_method": ("付款方式", "付款", "支付方式", "paymentmethod", "payment"),
    "purchase_purpose": ("购房目的", "置业目的", "目的", "purpose", "purchasepurpose"),
    "purchase_timeline": ("购房时间", "计划购房时间", "预计购房时间", "timeline", "purchasetimeline"),
    "intention_level": ("意向", "意向等级", "意向级别", "客户等级", "客户级别", "intention",
                        "intentionlevel", "level"),
    "source_channel": ("来源", "渠道", "客户来源", "来源渠道", "获客渠道", "source", "channel",
                       "sourcechannel"),
    "notes": ("备注", "说明", "跟进备注", "notes", "note", "remark", "remarks", "comment", "comments"),
    "sensitive_consent": ("同意", "敏感信息同意", "敏感个人信息同意", "单独同意", "敏感信息授权",
                          "已签同意书", "同意书", "consent", "sensitiveconsent", "sensitivedataconsent"),
}  # fmt: skip

KNOWN_HEADERS: dict[str, str] = {
    normalise_header(header): field for field, headers in _HEADERS.items() for header in headers
}


def check_target(field: str) -> str:
    """``field`` if it is a target field or IGNORE; InvalidInput listing the choices otherwise."""
    if field == IGNORE or field in FIELDS_BY_KEY:
        return field
    choices = ", ".join([*FIELDS_BY_KEY, IGNORE])
    raise InvalidInput(
        f"未知的目标字段“{field}”，可选：{choices}",
        f"Unknown target field {field!r}; choose one of: {choices}",
    )


def recognise(header: object, remembered: Mapping[str, str] | None = None) -> str | None:
    """The field a header names: a mapping staff set for it first, then the known headers; None
    when unknown (IGNORE when staff chose to ignore it). A column the known headers name as
    sensitive (身份证号, 收入 …) is never read as another field: mapped elsewhere, it still goes
    through the consent gate as what it is."""
    key = normalise_header(header)
    if not key:
        return None
    built_in = KNOWN_HEADERS.get(key)
    if remembered and key in remembered:
        chosen = remembered[key]
        if built_in in SENSITIVE_FIELDS and chosen not in (built_in, IGNORE):
            return built_in
        return chosen
    return built_in


def check_sensitive_column(header: object, field: str) -> None:
    """InvalidInput when staff map a column the known headers name as sensitive (an ID number or
    income column) to another field, e.g. notes: that would keep it without the consent gate."""
    built_in = KNOWN_HEADERS.get(normalise_header(header))
    if built_in in SENSITIVE_FIELDS and field not in (built_in, IGNORE):
        target = FIELDS_BY_KEY[built_in]
        raise InvalidInput(
            f"“{header}”列是{target.zh}，只能对应“{target.zh}”或忽略。",
            f"The column {header!r} holds the {target.en.lower()}; map it to that field or ignore it.",
        )


def find_header_row(
    rows: Sequence[Sequence[object]], remembered: Mapping[str, str] | None = None
) -> int | None:
    """Index of the first row (within HEADER_SEARCH_ROWS) with at least MIN_RECOGNISED_HEADERS cells
    naming distinct fields; None when there is none."""
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        fields = {recognise(cell, remembered) for cell in row} - {None, IGNORE}
        if len(fields) >= MIN_RECOGNISED_HEADERS:
            return index
    return None


def locate_header_row(
    rows: Sequence[Sequence[object]], remembered: Mapping[str, str] | None = None
) -> int | None:
    """``find_header_row``; failing that (a file whose titles are all unknown, for staff to map by
    hand) the first of the top rows with at least two filled cells (a merged title has one)."""
    index = find_header_row(rows, remembered)
    if index is not None:
        return index
    for number, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        if sum(1 for cell in row if cell is not None and str(cell).strip()) >= MIN_RECOGNISED_HEADERS:
            return number
    return None


def suggest_mapping(headers: Sequence[object], remembered: Mapping[str, str] | None = None) -> list[str]:
    """One target (or IGNORE) per column, as recognised."""
    return [recognise(header, remembered) or IGNORE for header in headers]


def remembered_changes(
    headers: Sequence[object], chosen: Sequence[str], inherited: Mapping[str, str] | None = None
) -> dict[str, str]:
    """What to remember after the user chose ``chosen`` for ``headers``: for every non-blank header,
    the normalised header → the chosen field, or "" (forget) when the choice is what recognition
    gives anyway — the built-in headers, and ``inherited`` over them (the branch's mappings, for a
    member's own)."""
    changes: dict[str, str] = {}
    for header, field in zip(headers, chosen, strict=True):
        key = normalise_header(header)
        if not key:
            continue
        baseline = recognise(header, inherited) or IGNORE
        changes[key] = "" if field == baseline else field
    return changes
