"""Spreadsheet import: one data row (cells and the column mapping) to a validated client, or the
reason it is rejected.

Cells arrive as the reader gives them: text, numbers (Excel keeps a phone number as 13812345678.0),
dates or None. Every row goes through the intake rules once (``checked_draft``, as ``validate_draft``). Sensitive fields (ID
number, income band) are kept only when the row has the signed sensitive-data consent (its consent
column, read with ``consent_flag``, or a manager's whole-file confirmation) and the stage allows them
(``sensitive_fields_allowed``); otherwise they are dropped and the row is still imported. An ID number
that Excel stored as a number has lost its last digits: such a row is rejected, never "corrected".
A rejected row names EVERY problem found in it (``RejectedRow.problems``, in the order of the intake
form), not only the first, and keeps its own phone and ID number, normalised, so the import service
can count it as a duplicate before refusing it. A whole address in one column is split by
domain/address_parts.py.
A resident ID or bank card number in a free-text column (an ID column with an unknown header mapped
to notes) rejects the row (domain/sensitive_numbers.py) and is withheld from the rejects export.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time

from desktop_app.domain.address_parts import split_address
from desktop_app.domain.client_field_registry import CLIENT_FIELDS, SENSITIVE_DATA
from desktop_app.domain.client_fields import ADDRESS_DETAIL_FIELD, ADDRESS_FIELD
from desktop_app.domain.client_record import (
    STAGE_FIELD,
    ClientDraft,
    ClientValues,
    Stage,
    checked_draft,
    consent_flag,
    draft_with,
    sensitive_fields_allowed,
)
from desktop_app.domain.errors import InvalidInput
from desktop_app.domain.field_errors import InvalidField
from desktop_app.domain.identity_documents import (
    ID_NUMBER_FIELD,
    ID_TYPE_FIELD,
    RESIDENT_ID_FIELD,
    IdType,
    validate_id_number,
)
from desktop_app.domain.import_columns import IGNORE, sensitive_fields
from desktop_app.domain.phone_numbers import PHONE_FIELD, validate_phone
from desktop_app.domain.sensitive_numbers import find_sensitive_number
from desktop_app.domain.spreadsheet_cells import unquote_cell

EXACT_DIGITS = 15
"""Excel keeps 15 significant digits: a longer number typed into a number cell has lost the rest."""

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


@dataclass(frozen=True)
class RowProblem:
    """One problem of a row: the field it names ("" when no single field), a stable reason code and
    the message in both languages (the field's name and the problem, never the value)."""

    field: str
    reason: str  # stable code, e.g. "required", "checksum", "lost_precision", "duplicate"
    message_zh: str
    message_en: str

    @classmethod
    def of(cls, error: InvalidInput) -> RowProblem:
        return cls(
            str(getattr(error, "field", "")), str(getattr(error, "reason", error.code)), error.zh, error.en
        )


@dataclass(frozen=True, repr=False)
class RejectedRow:
    """A row that cannot be imported, with EVERY problem found in it: the first in ``field`` ..
    ``message_en``, the others in ``also`` (``problems`` gives them all). ``cells`` (the row as text,
    for the rejects export), ``phone_e164`` and ``id_number`` are personal data: never logged or
    audited, and the repr leaves them out. The phone and ID number are the row's own, normalised, when
    they are valid (the ID number only when the row may keep it), so the import finds a duplicate
    before refusing the row for anything else; ``duplicate`` is set when it did."""

    row_number: int
    field: str  # the field key named by the first problem ("" when no single field)
    reason: str  # stable code, e.g. "required", "checksum", "lost_precision"
    message_zh: str
    message_en: str
    cells: tuple[str, ...]
    also: tuple[RowProblem, ...] = ()
    phone_e164: str | None = None
    id_number: str | None = None
    duplicate: bool = False  # the row repeats a client (or an earlier row): counted as a duplicate

    @property
    def problems(self) -> tuple[RowProblem, ...]:
        return (RowProblem(self.field, self.reason, self.message_zh, self.message_en), *self.also)

    @property
    def reasons_zh(self) -> str:
        """Every problem, in Chinese, as one text (the rejects export, the CLI)."""
        return " ".join(problem.message_zh for problem in self.problems)

    @property
    def reasons_en(self) -> str:
        return " ".join(problem.message_en for problem in self.problems)

    @property
    def fields(self) -> str:
        """The fields named, comma-separated, each once."""
        return ",".join(dict.fromkeys(problem.field for problem in self.problems if problem.field))

    def led_by(self, problem: RowProblem, *, duplicate: bool = True) -> RejectedRow:
        """The row with ``problem`` first (a duplicate), its own problems after it."""
        return dataclasses.replace(
            self,
            field=problem.field,
            reason=problem.reason,
            message_zh=problem.message_zh,
            message_en=problem.message_en,
            also=self.problems,
            duplicate=duplicate,
        )

    def __repr__(self) -> str:
        reasons = ",".join(problem.reason for problem in self.problems)
        return f"RejectedRow(row={self.row_number}, field={self.field!r}, reasons={reasons!r})"


def rejected_row(
    row_number: int,
    problems: Sequence[RowProblem],
    cells: tuple[str, ...],
    *,
    phone_e164: str | None = None,
    id_number: str | None = None,
) -> RejectedRow:
    """A RejectedRow from its problems (at least one)."""
    first, *others = problems
    return RejectedRow(
        row_number,
        first.field,
        first.reason,
        first.message_zh,
        first.message_en,
        cells,
        tuple(others),
        phone_e164=phone_e164,
        id_number=id_number,
    )


DUPLICATE_PROBLEMS = {
    label.key: RowProblem.of(
        InvalidField(
            label,
            "duplicate",
            "与已登记的客户或本文件中前面的行相同，未导入",
            "is the same as a registered client's or an earlier row's of this file; not imported",
        )
    )
    for label in (PHONE_FIELD, ID_NUMBER_FIELD)
}
"""The one message for a duplicate row: the same whoever holds the other client (see
services/client_import.py: an agent is never told whether it is another agent's client)."""


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
    errors: Sequence[InvalidInput],
    mapping: Sequence[str],
    *,
    keep_sensitive: bool = False,
    draft: ClientDraft | None = None,
    today: date | None = None,
) -> RejectedRow:
    """The row as read, for the rejects export, with every problem; the ID number and income cells
    are withheld unless the row may keep them (consent and stage), so the export never carries more
    than an import would have kept."""
    phone, id_number = _duplicate_keys(draft, keep_sensitive, today) if draft is not None else (None, None)
    return rejected_row(
        row_number,
        [RowProblem.of(error) for error in errors],
        export_cells(cells, mapping, keep_sensitive=keep_sensitive),
        phone_e164=phone,
        id_number=id_number,
    )


def _duplicate_keys(
    draft: ClientDraft, keep_sensitive: bool, today: date | None
) -> tuple[str | None, str | None]:
    """The row's phone (E.164) and, when the row may keep it, its ID number, normalised; None for
    one that is not valid."""
    try:
        phone: str | None = validate_phone(draft.phone).e164
    except InvalidInput:
        phone = None
    id_number: str | None = None
    if keep_sensitive and draft.id_number.strip():
        try:
            document = (
                IdType.parse(draft.id_type, ID_TYPE_FIELD) if draft.id_type.strip() else IdType.RESIDENT_ID
            )
            id_number = validate_id_number(document, draft.id_number, today=today)
        except InvalidInput:
            id_number = None
    return phone, id_number


def export_cells(cells: Sequence[object], mapping: Sequence[str], *, keep_sensitive: bool) -> tuple[str, ...]:
    """A row as text for the rejects export, its ID number and income cells withheld unless
    ``keep_sensitive``; any other cell holding a resident ID or bank card number (a notes column,
    an ignored one) always withheld."""
    texts = [cell_text(cell) for cell in cells]
    sensitive = sensitive_fields()
    for index, text in enumerate(texts):
        field = mapping[index] if index < len(mapping) else IGNORE
        if field in sensitive:
            if not keep_sensitive and text:
                texts[index] = WITHHELD
        elif find_sensitive_number(text) is not None:
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
    """The row validated (None for a row with nothing in its mapped columns); a rejected row names
    every problem found, not only the first."""
    raw = _gather(cells, mapping)
    if not raw:
        return None
    problems: list[InvalidInput] = []
    try:
        row_consent = _consent_cell(raw.pop("sensitive_consent", False))
    except InvalidField as error:
        problems.append(error)
        row_consent = False
    consent = row_consent or file_consent
    stage_text = cell_text(raw.get("stage")) or Stage.LEAD.value
    stage_text = _STAGE_WORDS.get(stage_text.strip(), stage_text)
    stage: Stage | None
    try:
        stage = Stage.parse(stage_text, STAGE_FIELD)
    except InvalidField as error:
        problems.append(error)
        stage = None
    dropped: list[DroppedField] = []
    keep_sensitive = stage is not None and sensitive_fields_allowed(stage, consent)
    if not keep_sensitive:
        reason = DROPPED_STAGE if consent else DROPPED_NO_CONSENT
        for field in sorted(sensitive_fields() & raw.keys()):
            dropped.append(DroppedField(field, reason))
            del raw[field]
        raw.pop("id_type", None)
    texts = {field: cell_text(value) for field, value in raw.items()}
    if "id_number" in raw:
        try:
            texts["id_number"] = _id_number_text(raw["id_number"])
            if not texts.get("id_type") and re.fullmatch(r"\d{15}", texts["id_number"]):
                texts["id_type"] = IdType.RESIDENT_ID_15.value
        except InvalidField as error:
            problems.append(error)
            del texts["id_number"]
    try:
        _place_address(texts)
    except InvalidField as error:
        problems.append(error)
    draft = draft_with(
        ClientDraft(name="", phone="", stage=(stage or Stage.LEAD).value, sensitive_consent=consent),
        {key: value for key, value in texts.items() if key != "stage"},
    )
    values, found = checked_draft(draft, today=today)
    problems.extend(found)
    problems.sort(key=_form_order)
    if problems or values is None:
        return _rejected(
            row_number, cells, problems, mapping, keep_sensitive=keep_sensitive, draft=draft, today=today
        )
    return AcceptedRow(row_number, values, draft, tuple(dropped))


def _form_order(error: InvalidInput) -> int:
    """A row's problems are listed in the order of the intake form (a problem of no field last)."""
    names = CLIENT_FIELDS.names()
    field = str(getattr(error, "field", ""))
    field = "province" if field == "address" else field
    return names.index(field) if field in names else len(names)


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


def sensitive_draft_fields() -> frozenset[str]:
    """The fields kept only under the separate sensitive-data consent (ID type and number, income)."""
    return CLIENT_FIELDS.of_purpose(SENSITIVE_DATA)


def merge_fills(current: ClientDraft, row: ClientDraft, *, sensitive: bool) -> dict[str, object]:
    """The fields a duplicate row may fill in an existing client: only those empty in ``current``
    (never the stage); the ID number, its type and income only when ``sensitive``."""
    fills: dict[str, object] = {}
    held = sensitive_draft_fields()
    for name in CLIENT_FIELDS.names():
        if name in ("stage", "sensitive_consent") or (name in held and not sensitive):
            continue
        if not str(current.field(name)).strip() and str(row.field(name)).strip():
            fills[name] = row.field(name)
    if sensitive and "id_number" not in fills:
        fills.pop("id_type", None)
    if sensitive and row.sensitive_consent and not current.sensitive_consent:
        fills["sensitive_consent"] = True
    return fills


def rejects_table(headers: Sequence[str], rejected: Sequence[RejectedRow]) -> list[list[str]]:
    """The rejected rows as a table: a header row (row number, field, reason in both languages,
    then the file's own headers), then one row per rejected row (the fields it names, EVERY reason
    in both languages, then the row as read). It holds personal data. Written as .xlsx or .csv by
    store/spreadsheet_writer.py, every cell made inert by domain/spreadsheet_cells.py (headers
    included)."""
    table = [["行号 Row", "字段 Field", "原因", "Reason", *headers]]
    for row in rejected:
        table.append([str(row.row_number), row.fields, row.reasons_zh, row.reasons_en, *row.cells])
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
