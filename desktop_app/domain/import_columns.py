"""Spreadsheet import: which client field each column of a legacy sheet holds.

Branches keep client lists in Excel or CSV with headers typed by hand ("客户姓名", "手机号码*",
"联系方式（必填）", "E-mail"). ``normalise_header`` reduces a header to a comparable key (width,
case, spacing, punctuation and bracketed remarks ignored); ``known_headers`` maps the usual Chinese
and English headers (the registry's header aliases, domain/client_field_registry.py) to the target
fields; headers staff mapped by hand are remembered for the
member who mapped them, or for the whole branch when a manager saves them so
(store/import_mapping_repository.py), and passed in as ``remembered`` (normalised header → field).
``find_header_row`` skips the merged title row and blank rows above the real header.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from desktop_app.domain.client_field_registry import CLIENT_FIELDS, FieldKind
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


WHOLE_ADDRESS = TargetField("address", "地址（整段）", "Address (whole)")
"""Not a stored field: a whole address in one column, split on import (domain/address_parts.py);
offered before the province."""
_WHOLE_ADDRESS_HEADERS = (
    "地址",
    "联系地址",
    "住址",
    "家庭住址",
    "家庭地址",
    "通讯地址",
    "居住地址",
    "address",
)


def target_fields() -> tuple[TargetField, ...]:
    """The fields a column may be imported into: the registry's rows with header aliases
    (domain/client_field_registry.py), the whole address before the province."""
    targets: list[TargetField] = []
    for row in CLIENT_FIELDS.importable():
        if row.name == "province":
            targets.append(WHOLE_ADDRESS)
        label = row.import_label or row.label
        targets.append(
            TargetField(
                row.name,
                label.zh,
                label.en,
                sensitive=row.kind is FieldKind.SENSITIVE,
            )
        )
    return tuple(targets)


def target(key: str) -> TargetField | None:
    return next((field for field in target_fields() if field.key == key), None)


def sensitive_fields() -> frozenset[str]:
    """The import targets a column can hold only behind the consent gate (ID number, income)."""
    return frozenset(field.key for field in target_fields() if field.sensitive)


_BRACKETED = re.compile(r"[(（\[【<《{][^)）\]】>》}]*[)）\]】>》}]")


def normalise_header(text: object) -> str:
    """A header cell as a comparable key: width folded (NFKC), lower case, remarks in brackets
    ("（必填）", "(元)") removed, and everything but letters and digits dropped."""
    if text is None:
        return ""
    folded = unicodedata.normalize("NFKC", str(text)).lower()
    folded = _BRACKETED.sub("", folded)
    return "".join(char for char in folded if char.isalnum())


def known_headers() -> dict[str, str]:
    """Normalised header → the field it names, from the registry's header aliases."""
    aliases = [(row.name, row.headers) for row in CLIENT_FIELDS.importable()]
    aliases.append((WHOLE_ADDRESS.key, _WHOLE_ADDRESS_HEADERS))
    return {normalise_header(header): field for field, headers in aliases for header in headers}


def check_target(field: str) -> str:
    """``field`` if it is a target field or IGNORE; InvalidInput listing the choices otherwise."""
    keys = [field.key for field in target_fields()]
    if field == IGNORE or field in keys:
        return field
    choices = ", ".join([*keys, IGNORE])
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
    built_in = known_headers().get(key)
    if remembered and key in remembered:
        chosen = remembered[key]
        if built_in in sensitive_fields() and chosen not in (built_in, IGNORE):
            return built_in
        return chosen
    return built_in


def check_sensitive_column(header: object, field: str) -> None:
    """InvalidInput when staff map a column the known headers name as sensitive (an ID number or
    income column) to another field, e.g. notes: that would keep it without the consent gate."""
    built_in = known_headers().get(normalise_header(header))
    sensitive = target(built_in) if built_in in sensitive_fields() else None
    if sensitive is not None and field not in (sensitive.key, IGNORE):
        raise InvalidInput(
            f"“{header}”列是{sensitive.zh}，只能对应“{sensitive.zh}”或忽略。",
            f"The column {header!r} holds the {sensitive.en.lower()}; map it to that field or ignore it.",
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
