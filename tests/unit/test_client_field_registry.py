"""The client-field registry is the one list of client fields: the typed attributes of drafts and
values, the stored columns and the header aliases all agree with it."""

from __future__ import annotations

from dataclasses import fields

from desktop_app.domain.client_field_registry import CLIENT_FIELDS, FieldKind
from desktop_app.domain.client_record import ClientDraft, ClientValues, draft_fields
from desktop_app.domain.consent_purposes import PURPOSES
from desktop_app.domain.import_columns import normalise_header


def test_each_field_is_named_once_by_its_label_key() -> None:
    names = CLIENT_FIELDS.names()
    assert len(names) == len(set(names))
    assert len(CLIENT_FIELDS.column_names()) == len(set(CLIENT_FIELDS.column_names()))


def test_typed_attributes_and_the_choices_mapping_cover_the_registry_exactly() -> None:
    typed_draft = {f.name for f in fields(ClientDraft)} - {"choices"}
    assert typed_draft | CLIENT_FIELDS.choice_names() == draft_fields()
    assert not typed_draft & CLIENT_FIELDS.choice_names()
    typed_values = {f.name for f in fields(ClientValues)} - {"choices"}
    assert typed_values | CLIENT_FIELDS.choice_names() == set(CLIENT_FIELDS.column_names())
    for row in CLIENT_FIELDS.choice_fields():
        assert row.kind is FieldKind.CHOICE and row.choice is not None


def test_a_header_alias_names_one_field() -> None:
    seen: dict[str, str] = {}
    for row in CLIENT_FIELDS.importable():
        for header in row.headers:
            key = normalise_header(header)
            assert seen.setdefault(key, row.name) == row.name, header


def test_the_consent_purposes_take_their_fields_from_the_registry() -> None:
    for row in CLIENT_FIELDS:
        owners = [pid for pid, purpose in PURPOSES.items() if row.name in purpose.fields]
        assert owners == ([row.purpose] if row.purpose else []), row.name


def test_the_revealable_fields_are_the_registrys_and_labelled_as_it_labels_them() -> None:
    """One label per field: a reveal names the field as the form, the detail page and the import
    do (the address parts are revealed together, as "address")."""
    from desktop_app.domain.client_fields import ADDRESS_FIELD
    from desktop_app.domain.reveal_policy import RevealableField

    parts = {"province", "city", "district", "address_detail"}
    revealable = {f.name for f in CLIENT_FIELDS if f.revealable}
    assert {field.value for field in RevealableField} == (revealable - parts) | {ADDRESS_FIELD.key}
    assert parts <= revealable
    for field in RevealableField:
        label = ADDRESS_FIELD if field.value == ADDRESS_FIELD.key else CLIENT_FIELDS.get(field.value).label  # type: ignore[union-attr]
        assert (field.label_zh, field.label_en) == (label.zh, label.en)
