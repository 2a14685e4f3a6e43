"""The client form shared by intake and edit: every intake field, in a compact two-column layout.

The widget only collects text and choice codes: ``draft()`` gives a ``ClientDraft`` for
``create_client``; ``changes()`` gives the fields an edit changed for ``update_client``. Validation
stays in the domain: a refusal (``InvalidField``, or a duplicate phone / ID number) is shown under
the named field, which is highlighted and focused, and nothing typed is cleared.

The ID number and the income band are enabled only while ``sensitive_fields_allowed`` (the one
place that rule lives, domain/client_record.py) says they may be stored: from the subscription stage
on, with the client's separate consent recorded. While disabled they are left out of the draft.
The consent checkbox is read-only: it shows the recorded state, which only recording the signed
form on the client's page (or withdrawing there) changes; the form never sends it.

Editing (``editing=True``): the personal fields (name, phone, email, ID number, address) are
never filled with stored values; the masked value is shown as placeholder text, blank
means unchanged, and typed text replaces the stored value. Choices (the income band as the detail
page shows it) and notes are filled in. When the stage moves back before subscription for a client
who has an ID number or income band stored with consent, ``changes()`` clears them explicitly
(``deletes_sensitive()`` says so, for the edit dialog to confirm first). An ID document kept
without consent only for the anti-money-laundering hold is left alone.
"""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.client_choices import INCOME_BAND_FIELD, IncomeBand
from desktop_app.domain.client_field_registry import (
    CLIENT_FIELDS,
    SENSITIVE_DATA,
    ClientField,
    DataCategory,
)
from desktop_app.domain.client_record import ClientDraft, Stage, draft_with, sensitive_fields_allowed
from desktop_app.domain.errors import BranchVaultError
from desktop_app.domain.field_errors import InvalidField
from desktop_app.domain.identity_documents import IdType
from desktop_app.domain.labelled_choice import LabelledChoice
from desktop_app.domain.provincial_divisions import PROVINCIAL_DIVISIONS
from desktop_app.services.client_directory import ClientDetail
from desktop_app.ui.clients.client_labels import field_label
from desktop_app.ui.form_parts import ERROR_STYLE, MessageLabel
from desktop_app.ui.retranslate import Retranslating
from desktop_app.ui.shell import Shell

INVALID_STYLE = "border: 1px solid #b3261e;"
HINT_STYLE = "color: #5f6368;"
NOTES_HEIGHT = 64
DIALOG_MIN_WIDTH = 860  # two readable columns; the dialog still fits a 1280x800 screen

LINE_FIELDS = (
    "name",
    "phone",
    "email",
    "city",
    "district",
    "address_detail",
    "intended_districts",
    "id_number",
)
"""Typed into a line edit, at most the registry's ``max_length`` characters."""
PERSONAL_FIELDS = frozenset(
    {"name", "phone", "email", "id_number", "province", "city", "district", "address_detail"}
)
"""Never pre-filled when editing: raw values leave the services only through an audited reveal."""
NO_BLANK_CHOICES = ("stage", "id_type")  # always set: no "(not given)" item


def choice_rows() -> tuple[ClientField, ...]:
    """Every field chosen from a LabelledChoice (a combo box): the stage, ID type, income band and
    the registry's simple choice fields."""
    return tuple(row for row in CLIENT_FIELDS if row.choice is not None)


def client_keys() -> tuple[str, ...]:
    """The client box: who they are, how to reach them, and the choices of no data category."""
    extra = tuple(row.name for row in CLIENT_FIELDS.choice_fields() if row.category is None)
    return ("name", "phone", "email", "stage", *extra)


def address_keys() -> tuple[str, ...]:
    return tuple(row.name for row in CLIENT_FIELDS.in_category(DataCategory.ADDRESS))


def intention_keys() -> tuple[str, ...]:
    return tuple(row.name for row in CLIENT_FIELDS.in_category(DataCategory.INTENTION))


def sensitive_fields() -> tuple[str, ...]:
    """The fields kept only under the separate consent: enabled only while the gate is open."""
    return tuple(row.name for row in CLIENT_FIELDS if row.purpose == SENSITIVE_DATA)


DUPLICATE_FIELDS = {"phone_e164": "phone", "id_number": "id_number"}
"""``DuplicateClient.field`` → the form field to highlight."""


def fill_choices(combo: QComboBox, kind: type[LabelledChoice], blank: str | None, language: str) -> None:
    """(Re)fill ``combo`` with ``kind``'s labels in ``language``, codes as item data, keeping the
    current choice; ``blank`` (data "") heads the list unless None."""
    current = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    if blank is not None:
        combo.addItem(blank, "")
    for member in kind:
        combo.addItem(member.label(language), member.value)
    found = combo.findData(current) if current is not None else -1
    combo.setCurrentIndex(max(0, found))
    combo.blockSignals(False)


def _income_code(shown: str) -> str:
    """The detail page shows the income band by its Chinese label: its code, or "" if unreadable."""
    try:
        return IncomeBand.parse(shown, INCOME_BAND_FIELD).value if shown else ""
    except InvalidField:
        return ""


def select_data(combo: QComboBox, code: str | None) -> None:
    """Choose the item whose data is ``code`` ("" / None: the blank item)."""
    combo.setCurrentIndex(max(0, combo.findData(code or "")))


class ClientForm(Retranslating, QWidget):
    def __init__(self, shell: Shell, *, editing: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shell = shell
        self.editing = editing
        self.error_field: str | None = None  # the field highlighted for the last refusal
        self._baseline: dict[str, str | bool] = {}
        self._stored_sensitive = False  # editing: the client has an ID number or income band stored
        self.recorded_consent = False  # editing: the client's recorded sensitive-data consent
        self.fields: dict[str, QWidget] = {}
        self.labels: dict[str, QLabel] = {}
        self.field_errors: dict[str, MessageLabel] = {}
        for key in LINE_FIELDS:
            line = QLineEdit()
            row = CLIENT_FIELDS.get(key)
            if row is not None and row.max_length is not None:
                line.setMaxLength(row.max_length)
            self.fields[key] = line
        for key in (*(row.name for row in choice_rows()), "province"):
            self.fields[key] = QComboBox()
        self.consent = QCheckBox()
        self.consent.setEnabled(False)  # recorded from the signed form on the client's page only
        self.fields["sensitive_consent"] = self.consent
        self.consent_hint = QLabel()
        self.consent_hint.setWordWrap(True)
        self.consent_hint.setStyleSheet(HINT_STYLE)
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(NOTES_HEIGHT)
        self.fields["notes"] = self.notes
        self.intake_hint = QLabel()
        self.intake_hint.setWordWrap(True)
        self.sensitive_hint = QLabel()
        self.sensitive_hint.setWordWrap(True)

        sensitive_keys = ("sensitive_consent", *sensitive_fields())
        self.client_box = self._group(client_keys())
        self.address_box = self._group(address_keys())
        self.notes_box = self._group(("notes",))
        self.intention_box = self._group(intention_keys())
        self.sensitive_box = self._group(sensitive_keys)
        sensitive_layout = self.sensitive_box.layout()
        assert isinstance(sensitive_layout, QFormLayout)
        sensitive_layout.insertRow(0, self.sensitive_hint)
        sensitive_layout.insertRow(2, self.consent_hint)

        left = QVBoxLayout()
        for box in (self.client_box, self.address_box, self.notes_box):
            left.addWidget(box)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self.intention_box)
        right.addWidget(self.sensitive_box)
        right.addStretch(1)
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.intake_hint)
        layout.addLayout(columns)

        stage = self.combo("stage")
        stage.currentIndexChanged.connect(lambda _index: self.update_sensitive_fields())
        order = (*client_keys(), *address_keys(), "notes", *intention_keys(), *sensitive_keys)
        for before, after in pairwise(order):
            QWidget.setTabOrder(self.fields[before], self.fields[after])
        self.retranslate()
        self.update_sensitive_fields()

    # --------------------------------------------------------------------------------------- layout

    def _group(self, keys: tuple[str, ...]) -> QGroupBox:
        box = QGroupBox()
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for key in keys:
            holder = QWidget()
            column = QVBoxLayout(holder)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(1)
            column.addWidget(self.fields[key])
            error = MessageLabel()
            column.addWidget(error)
            self.field_errors[key] = error
            if key == "sensitive_consent":
                form.addRow(holder)
                continue
            label = QLabel()
            label.setBuddy(self.fields[key])
            self.labels[key] = label
            form.addRow(label, holder)
        return box

    def line(self, key: str) -> QLineEdit:
        widget = self.fields[key]
        assert isinstance(widget, QLineEdit)
        return widget

    def combo(self, key: str) -> QComboBox:
        widget = self.fields[key]
        assert isinstance(widget, QComboBox)
        return widget

    def retranslate(self) -> None:
        self.client_box.setTitle(self.tr("Client"))
        self.address_box.setTitle(self.tr("Address"))
        self.notes_box.setTitle(self.tr("Notes"))
        self.intention_box.setTitle(self.tr("Purchase intention"))
        self.sensitive_box.setTitle(self.tr("Sensitive data"))
        if self.editing:
            self.intake_hint.setText(
                self.tr(
                    "Grey text is the masked current value: leave a field blank to keep it, type to replace it."
                )
            )
        else:
            self.intake_hint.setText(
                self.tr("A first visit needs only a name (or surname) and a phone number.")
            )
        self.sensitive_hint.setText(
            self.tr("From the subscription stage on, and only with the client's separate consent recorded.")
        )
        self.consent.setText(self.tr("Separate consent for sensitive data recorded"))
        self.consent_hint.setText(
            self.tr("Recorded from the signed consent form on the client's page (Consent tab), not here.")
        )
        texts = {
            "name": self.tr("&Name or surname:"),
            "phone": self.tr("&Phone:"),
            "email": self.tr("&Email:"),
            "stage": self.tr("S&tage:"),
            "province": self.tr("Pro&vince:"),
            "city": self.tr("City:"),
            "district": self.tr("District:"),
            "address_detail": self.tr("Street address:"),
            "notes": self.tr("N&otes:"),
            "intended_districts": self.tr("Districts &wanted:"),
            "id_type": self.tr("ID &document:"),
            "id_number": self.tr("&ID number:"),
            "income_band": self.tr("Household in&come:"),
        }
        language = self.shell.lang
        for row in CLIENT_FIELDS.choice_fields():  # labelled by the registry
            texts[row.name] = field_label(row, self.shell.lang, mnemonic=True)
        for key, text in texts.items():
            self.labels[key].setText(text)
        not_given = self.tr("(not given)")
        unchanged = self.tr("(unchanged)")
        for row in choice_rows():
            assert row.choice is not None
            blank = None if row.name in NO_BLANK_CHOICES else not_given
            fill_choices(self.combo(row.name), row.choice, blank, language)
        self._fill_provinces(unchanged if self.editing else not_given)
        if not self.editing:
            self.line("name").setPlaceholderText(self.tr("e.g. 王 or 王先生 at a first visit"))
            self.line("phone").setPlaceholderText(self.tr("mobile, landline or +country code"))
            self.line("intended_districts").setPlaceholderText(self.tr("e.g. 南山区、福田区"))
            self.notes.setPlaceholderText(self.tr("optional"))
        else:
            for key in ("city", "district"):
                self.line(key).setPlaceholderText(unchanged)

    def _fill_provinces(self, blank: str) -> None:
        combo = self.combo("province")
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(blank, "")
        for division in PROVINCIAL_DIVISIONS:
            combo.addItem(division.label(self.shell.lang), division.name_zh)
        combo.setCurrentIndex(max(0, combo.findData(current)) if current else 0)
        combo.blockSignals(False)

    # ------------------------------------------------------------------------------ sensitive gate

    def sensitive_allowed(self) -> bool:
        stage = str(self.combo("stage").currentData() or Stage.LEAD.value)
        return sensitive_fields_allowed(stage, self.recorded_consent)

    def update_sensitive_fields(self) -> None:
        allowed = self.sensitive_allowed()
        for key in sensitive_fields():
            self.fields[key].setEnabled(allowed)

    # ---------------------------------------------------------------------------------------- values

    def values(self) -> dict[str, str | bool]:
        """Every field as typed or chosen (choice codes; "" for not given). The ID number and
        income band count as not given while the sensitive-data gate is closed."""
        result: dict[str, str | bool] = {}
        for key in LINE_FIELDS:
            result[key] = self.line(key).text()
        for key in (*(row.name for row in choice_rows()), "province"):
            result[key] = str(self.combo(key).currentData() or "")
        result["notes"] = self.notes.toPlainText()
        if not self.sensitive_allowed():
            result["id_number"] = ""
            result["income_band"] = ""
        return result

    def draft(self) -> ClientDraft:
        """A new client: the consent is recorded from the signed form after registering."""
        values = self.values()
        return draft_with(ClientDraft(name="", phone=""), values)

    def load_detail(self, detail: ClientDetail) -> None:
        """Editing: fill in the choices and notes, show masked personal values as placeholders."""
        choices = {
            **{row.name: detail.choices.get(row.name) for row in CLIENT_FIELDS.choice_fields()},
            "stage": detail.stage,
            "id_type": detail.id_type or IdType.RESIDENT_ID.value,
        }
        for key, code in choices.items():
            select_data(self.combo(key), code)
        self.line("intended_districts").setText(detail.intended_districts)
        self.notes.setPlainText(detail.notes)
        self.recorded_consent = detail.sensitive_consent
        self.consent.setChecked(detail.sensitive_consent)
        masked = {
            "name": detail.name,
            "phone": detail.phone,
            "email": detail.email,
            "id_number": detail.id_number,
            "address_detail": detail.address,
        }
        for key, text in masked.items():
            self.line(key).setPlaceholderText(text)
        select_data(self.combo("income_band"), _income_code(detail.income_band))
        self._stored_sensitive = bool(detail.id_number or detail.income_band)
        self.update_sensitive_fields()
        self._baseline = self.values()

    def deletes_sensitive(self) -> bool:
        """Editing: whether saving deletes the stored ID number and income band, because the stage
        moved back before subscription for a client who has them with consent. (Without consent,
        a stored ID document is one kept only for the legal hold: the form leaves it alone.)"""
        return (
            self.editing and self._stored_sensitive and self.recorded_consent and not self.sensitive_allowed()
        )

    def changes(self) -> dict[str, str | bool]:
        """Editing: typed personal fields, and the other fields that differ from what was loaded."""
        now = self.values()
        changed: dict[str, str | bool] = {}
        for key, value in now.items():
            if key in PERSONAL_FIELDS:
                if isinstance(value, str) and value.strip():
                    changed[key] = value
            elif value != self._baseline.get(key):
                changed[key] = value
        if self.deletes_sensitive():
            # Blank personal fields mean "unchanged": the stored ID number must be cleared explicitly.
            changed.update({key: "" for key in sensitive_fields()})
        return changed

    # ---------------------------------------------------------------------------------------- errors

    def clear_errors(self) -> None:
        self.error_field = None
        for key, label in self.field_errors.items():
            label.clear_message()
            self.fields[key].setStyleSheet("")

    def show_error(self, exc: BaseException) -> bool:
        """Mark the field ``exc`` names (InvalidField, or a duplicate's phone / ID number) with the
        message in the UI language and move the focus there; False when it names no field here."""
        key: str | None = None
        if isinstance(exc, InvalidField):
            key = exc.field
        elif isinstance(exc, BranchVaultError):
            key = DUPLICATE_FIELDS.get(str(getattr(exc, "field", "")))
        if key not in self.fields:
            return False
        self.clear_errors()
        self.error_field = key
        widget = self.fields[key]
        widget.setStyleSheet(INVALID_STYLE if key != "sensitive_consent" else ERROR_STYLE)
        self.field_errors[key].show_error(self.shell.error_text(exc))
        widget.setFocus()
        return True
