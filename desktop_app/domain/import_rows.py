"""Spreadsheet import: one data row (cells and the column mapping) to a validated client, or the
reason it is rejected.

Cells arrive as the reader gives them: text, numbers (Excel keeps a phone number as 13812345678.0),
dates or None. Every row goes through ``validate_draft`` exactly like intake. Sensitive fields (ID
number, income band) are kept only when the row has the signed sensitive-data consent (its consent
column, read with ``consent_flag``, or a manager's whole-file confirmation) and the stage allows them
(``sensitive_fields_allowed``); otherwise they are dropped and the row is still imported. An ID number
that Excel stored as a number has lost its last digits: such a row is rejected, never "corrected".
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time

from desktop_app.domain.address_parts import split_address
from desktop_app.domain.client_fields import ADDRESS_DETAIL_FIELD
from desktop_app.domain.client_record import (
    STAGE_FIELD,
    ClientDraft,
    ClientValues,
    Stage,
    consent_flag,
    sensitive_fields_allowed,
    validate_draft,
)
from desktop_app.domain.errors import InvalidInput
from desktop_app.domain.field_errors import FieldLabel, InvalidField
from desktop_app.domain.identity_documents import RESIDENT_ID_FIELD, IdType
from desktop_app.domain.import_columns import IGNORE, SENSITIVE_FIELDS
from desktop_app.domain.spreadsheet_cells import unquote_cell

EXACT_DIGITS = 15
"""Excel keeps 15 significant digits: a longer number typed into a number cell has lost the rest."""

ADDRESS_FIELD = FieldLabel("address", "地址", "Address")
DROPPED_NO_CONSENT = "no_consent"
DROPPED_STAGE = "stage"


@dataclass(frozen=True)
class DroppedField:
    field: str  # "id_number" or "income_band"
    reason: str  # DROPPED_NO_CONSENT or DROPPED_STAGE


@dataclass(frozen=True, repr=False)
class AcceptedRow:
    row_number: int  # as the spreadsheet numbers it (1 = first line of the file)
    values: ClientValues
    draft: ClientDraft  # what was read, after dropping (a merge fills an existing client from it)
    dropped: tuple[DroppedField, ...]

    def __repr__(self) -> str:
        return f"AcceptedRow(row={self.row_number})"


@dataclass(frozen=True, repr=False)
class RejectedRow:
    """A row that cannot be imported. ``cells`` (the row as text, for the rejects export) is personal
    data: it is never logged or audited, and the repr leaves it out."""

    row_number: int
    field: str  # the field key named by the error ("" when no single field)
    reason: str  # stable code, e.g. "required", "checksum", "lost_precision"
    message_zh: str
    message_en: str
    cells: tuple[str, ...]

    def __repr__(self) -> str:
        return f"RejectedRow(row={self.row_number}, field={self.field!r}, reason={self.reason!r})"


def _lost_precision() -> InvalidField:
    return InvalidField(
        RESIDENT_ID_FIELD,
        "lost_precision",
        "在 Excel 中被存成了数字，末几位已丢失；请把该列设为文本格式并重新填写正确号码",
        "was stored as a number in Excel and lost its last digits; format the column as text "
        "and enter the correct number",
    )


def cell_text(value: object) -> str:
    """A cell as text: whole numbers without ".0", dates as YYYY-MM-DD, yes/no for booleans, and
    the quote the app puts before formula-like text (domain/spreadsheet_cells.py) taken off."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e18:
            return str(int(value))
        return repr(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(" ")
    if isinstance(value, date | time):
        return value.isoformat()
    return unquote_cell(str(value).strip()).strip()  # a fixed rejects file: '+86… is a phone again


def _id_number_text(value: object) -> str:
    if isinstance(value, int | float) and not isinstance(value, bool):
        if not float(value).is_integer() or len(str(abs(int(value)))) > EXACT_DIGITS:
            raise _lost_precision()
    return cell_text(value)


def _consent_cell(value: object) -> bool:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return consent_flag(value.strip() if isinstance(value, str) else value)


# Words legacy sheets use for a stage besides the labels Stage.parse already reads.
_STAGE_WORDS = {
    "线索": Stage.LEAD.value,
    "首次到访": Stage.LEAD.value,
    "新客户": Stage.LEAD.value,
    "带看": Stage.VISITING.value,
    "看房": Stage.VISITING.value,
    "跟进中": Stage.VISITING.value,
    "已认购": Stage.SUBSCRIPTION.value,
    "已签约": Stage.CONTRACT.value,
    "成交": Stage.CONTRACT.value,
    "已成交": Stage.CONTRACT.value,
    "结束": Stage.CLOSED.value,
}


def _unsplittable() -> InvalidField:
    return InvalidField(
        ADDRESS_FIELD,
        "unsplittable",
        "无法识别其中的省、市、区，请分列填写省份、城市、区县和详细地址",
        "the province, city and district could not be recognised; put them in separate columns",
    )


WITHHELD = "（未导出 withheld）"  # a sensitive cell of a row without consent, in the rejects export


def _rejected(
    row_number: int,
    cells: Sequence[object],
    error: InvalidInput,
    mapping: Sequence[str],
    *,
    keep_sensitive: bool = False,
) -> RejectedRow:
    """The row as read, for the rejects export; the ID number and income cells are withheld
    unless the row may keep them (consent and stage), so the export never carries more than an
    import would have kept."""
    return RejectedRow(
        row_number=row_number,
        field=str(getattr(error, "field", "")),
        reason=str(getattr(error, "reason", error.code)),
        message_zh=error.zh,
        message_en=error.en,
        cells=export_cells(cells, mapping, keep_sensitive=keep_sensitive),
    )


def export_cells(cells: Sequence[object], mapping: Sequence[str], *, keep_sensitive: bool) -> tuple[str, ...]:
    """A row as text for the rejects export, its ID number and income cells withheld unless
    ``keep_sensitive``."""
    texts = [cell_text(cell) for cell in cells]
    if not keep_sensitive:
        for index, field in enumerate(mapping[: len(texts)]):
            if field in SENSITIVE_FIELDS and texts[index]:
                texts[index] = WITHHELD
    return tuple(texts)


def _gather(cells: Sequence[object], mapping: Sequence[str]) -> dict[str, object]:
    """field → the first non-blank cell of the columns mapped to it (e.g. 手机 then 电话)."""
    raw: dict[str, object] = {}
    for index, field in enumerate(mapping):
        if field == IGNORE or field in raw or index >= len(cells):
            continue
        if cell_text(cells[index]):
            raw[field] = cells[index]
    return raw


def parse_row(
    cells: Sequence[object],
    mapping: Sequence[str],
    *,
    row_number: int,
    file_consent: bool,
    today: date,
) -> AcceptedRow | RejectedRow | None:
    """The row validated (None for a row with nothing in its mapped columns)."""
    raw = _gather(cells, mapping)
    if not raw:
        return None
    try:
        row_consent = _consent_cell(raw.pop("sensitive_consent", False))
    except InvalidField as error:
        return _rejected(row_number, cells, error, mapping)
    consent = row_consent or file_consent
    stage_text = cell_text(raw.get("stage")) or Stage.LEAD.value
    stage_text = _STAGE_WORDS.get(stage_text.strip(), stage_text)
    try:
        stage = Stage.parse(stage_text, STAGE_FIELD)
    except InvalidField as error:
        return _rejected(row_number, cells, error, mapping)
    dropped: list[DroppedField] = []
    keep_sensitive = sensitive_fields_allowed(stage, consent)
    if not keep_sensitive:
        reason = DROPPED_STAGE if consent else DROPPED_NO_CONSENT
        for field in sorted(SENSITIVE_FIELDS & raw.keys()):
            dropped.append(DroppedField(field, reason))
            del raw[field]
        raw.pop("id_type", None)
    try:
        texts = {field: cell_text(value) for field, value in raw.items()}
        if "id_number" in raw:
            texts["id_number"] = _id_number_text(raw["id_number"])
            if not texts.get("id_type") and re.fullmatch(r"\d{15}", texts["id_number"]):
                texts["id_type"] = IdType.RESIDENT_ID_15.value
        _place_address(texts)
        draft = ClientDraft(
            name=texts.pop("name", ""),
            phone=texts.pop("phone", ""),
            stage=stage.value,
            sensitive_consent=consent,
            **{key: value for key, value in texts.items() if key != "stage"},
        )
        values = validate_draft(draft, today=today)
    except InvalidInput as error:
        return _rejected(row_number, cells, error, mapping, keep_sensitive=keep_sensitive)
    return AcceptedRow(row_number, values, draft, tuple(dropped))


def _place_address(texts: dict[str, str]) -> None:
    """A whole-address column: split it when no province/city/district column is filled, otherwise
    it is the street address."""
    whole = texts.pop("address", "")
    if not whole:
        return
    if any(texts.get(part) for part in ("province", "city", "district")):
        if texts.get("address_detail"):
            raise InvalidField(
                ADDRESS_DETAIL_FIELD,
                "two_values",
                "“地址”和“详细地址”两列都有内容，请只保留一列",
                "both the address and the street-address columns are filled; keep one",
            )
        texts["address_detail"] = whole
        return
    parts = split_address(whole)
    if parts is None:
        raise _unsplittable()
    texts["province"], texts["city"], texts["district"], detail = parts
    texts["address_detail"] = texts.get("address_detail") or detail


# ------------------------------------------------------------------------------------ merging, rejects

SENSITIVE_DRAFT_FIELDS = frozenset({"id_number", "id_type", "income_band"})


def merge_fills(current: ClientDraft, row: ClientDraft, *, sensitive: bool) -> dict[str, object]:
    """The fields a duplicate row may fill in an existing client: only those empty in ``current``
    (never the stage); the ID number, its type and income only when ``sensitive``."""
    fills: dict[str, object] = {}
    for name in (f.name for f in dataclasses.fields(ClientDraft)):
        if name in ("stage", "sensitive_consent") or (name in SENSITIVE_DRAFT_FIELDS and not sensitive):
            continue
        if not str(getattr(current, name)).strip() and str(getattr(row, name)).strip():
            fills[name] = getattr(row, name)
    if sensitive and "id_number" not in fills:
        fills.pop("id_type", None)
    if sensitive and row.sensitive_consent and not current.sensitive_consent:
        fills["sensitive_consent"] = True
    return fills


def rejects_table(headers: Sequence[str], rejected: Sequence[RejectedRow]) -> list[list[str]]:
    """The rejected rows as a table: a header row (row number, field, reason in both languages,
    then the file's own headers), then one row per rejected row with the row as read. It holds
    personal data. Written as .xlsx or .csv by store/spreadsheet_writer.py, every cell made inert
    by domain/spreadsheet_cells.py (headers included)."""
    table = [["行号 Row", "字段 Field", "原因", "Reason", *headers]]
    for row in rejected:
        table.append([str(row.row_number), row.field, row.message_zh, row.message_en, *row.cells])
    return table


def dropped_reason_text(reason: str) -> tuple[str, str]:
    """Why fields were dropped, in Chinese and English."""
    if reason == DROPPED_STAGE:
        return (
            "客户阶段尚未到认购，不保存证件号码和收入",
            "the stage is before subscription, so ID numbers and income are not kept",
        )
    return (
        "没有敏感个人信息单独同意的记录",
        "no signed sensitive-data consent is recorded for the row",
    )
