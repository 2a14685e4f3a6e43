"""One client's detail page: every field masked (``get_client``, audited ``client.view``), the notes
(shown only here), the follow-up timeline, the change history, the consents (ui/clients/consent_panel.py: print the
form, record the signed form, withdraw), and the actions on the client.

Reveal (name, phone, ID number, email, address) asks for a reason and goes through RevealFlow; the
full value re-masks after ``remask_seconds`` or at once when the window loses focus or closes; a
value that arrives while the user is away (another window active, the page hidden, the session
locked) is not shown at all. A copy leaves the clipboard after ``clipboard_seconds`` if it is still
there. Add follow-up, Edit (agents and managers) and Reassign (managers) reload the page when done;
Delete client data (managers, PIPL Art. 47: ui/clients/destroy_client_dialog.py) closes it once done;
Print privacy tips makes the privacy-tips leaflet and records that the client received it
(ui/education/leaflet_output.py).
Everything runs on the worker; the window title never names the client. A record in storage only (or another agent's
client) shows the service's message and nothing else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.client_choices import IncomeBand
from desktop_app.domain.client_field_registry import CLIENT_FIELDS, DataCategory
from desktop_app.domain.client_record import Stage
from desktop_app.domain.client_views import ClientDetail
from desktop_app.domain.identity_documents import IdType
from desktop_app.domain.masking import HIDDEN
from desktop_app.domain.permissions import Action, can
from desktop_app.domain.reveal_policy import RevealableField
from desktop_app.services.client_history import ChangeEntry, TimelineEntry
from desktop_app.ui.clients.client_labels import choice_label, field_label, local_date
from desktop_app.ui.clients.consent_panel import ConsentPanel
from desktop_app.ui.clients.followup_dialog import AddFollowupDialog
from desktop_app.ui.clients.followup_timeline import FollowupTimeline
from desktop_app.ui.clients.reassign_dialog import ReassignDialog
from desktop_app.ui.clients.reveal_clipboard import copy_secret
from desktop_app.ui.clients.reveal_flow import RevealFlow
from desktop_app.ui.clients.reveal_row import RevealRow
from desktop_app.ui.education.leaflet_output import print_leaflet_for
from desktop_app.ui.form_parts import BusyBar, MessageLabel
from desktop_app.ui.retranslate import Retranslating
from desktop_app.ui.shell import Shell

if TYPE_CHECKING:
    from desktop_app.services.signed_in import SignedIn

REMASK_SECONDS = 30
ACTIVATION_GRACE_MS = 500  # how long a revealed value waits for the focus to come back to the page
CONSENT_TAB = 3
DEFAULT_SIZE = (820, 660)  # the consent tables are readable; still fits a 1280x800 screen
PAGE_FIELDS = ("agent", "created", "contact")  # about the record, not client fields
HEADLINE = "intention_level"  # shown at the top, next to the stage


def page_fields() -> tuple[str, ...]:
    """The rows of the details tab, by canonical field name (domain/client_field_registry.py):
    the address parts shown (and revealed) as one "address" row, the notes below the form."""
    plain_choices = tuple(row.name for row in CLIENT_FIELDS.choice_fields() if row.category is None)
    intention = tuple(
        row.name for row in CLIENT_FIELDS.in_category(DataCategory.INTENTION) if row.name != HEADLINE
    )
    identity = ("email", "address", "id_type", "id_number", "income_band")
    return ("name", "phone", "stage", HEADLINE, *plain_choices, *identity, *intention, *PAGE_FIELDS)


REVEALABLE = frozenset(field.value for field in RevealableField)


def _income_label(detail: ClientDetail, language: str) -> str:
    """The income band's label in the UI language, or fully masked when the mask hides it."""
    if not detail.income_band_shown:
        return HIDDEN if detail.income_band else ""
    return choice_label(IncomeBand, detail.income_band, language)


def fill(template: str, *args: str) -> str:
    """Qt-style ``%1``…``%9`` placeholders filled in one pass (a value may itself contain "%2")."""
    return re.sub(r"%([1-9])", lambda m: args[int(m.group(1)) - 1], template)


@dataclass(frozen=True)
class ClientPage:
    """Everything the page shows, fetched in one job."""

    detail: ClientDetail
    agent_name: str
    timeline: list[TimelineEntry]
    changes: list[ChangeEntry]


def _load(ctx: SignedIn, client_id: int) -> ClientPage:
    """On the database lane: the detail, the agent's name, the timeline and the changes."""
    from desktop_app.services.client_directory import get_client
    from desktop_app.services.client_history import list_changes, list_timeline, staff_display_name

    detail = get_client(ctx, client_id)
    return ClientPage(
        detail,
        staff_display_name(ctx, detail.assigned_agent_id),
        list_timeline(ctx, client_id),
        list_changes(ctx, client_id),
    )


class ClientDetailDialog(Retranslating, QDialog):
    """``loaded`` after each (re)load, ``failed(message)`` when the client cannot be shown, and
    ``changed`` after a follow-up, an edit, a reassignment, a recorded consent form or a withdrawal
    (the client list may refresh)."""

    loaded = Signal()
    failed = Signal(str)
    changed = Signal()

    def __init__(self, shell: Shell, client_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shell = shell
        self.client_id = client_id
        self.detail: ClientDetail | None = None
        self.page: ClientPage | None = None
        self.remask_seconds: float = REMASK_SECONDS
        self.clipboard_seconds: float = float(shell.signed_in().policy.reveal_seconds)  # the security table's
        session = shell.signed_in().session
        self.may_reveal = can(session.role, Action.CLIENT_REVEAL)
        self.may_edit = can(session.role, Action.CLIENT_EDIT)
        self.may_reassign = can(session.role, Action.CLIENT_REASSIGN)
        self.may_destroy = can(session.role, Action.CLIENT_DESTROY)
        self.reveal_flow = RevealFlow(shell, client_id, session.username, self)
        self.reveal_flow.revealed.connect(self._revealed)
        self.reveal_flow.failed.connect(self._action_failed)
        self.followup_dialog: AddFollowupDialog | None = None
        self.reassign_dialog: ReassignDialog | None = None
        self.edit_dialog: QDialog | None = None
        self.setMinimumWidth(560)
        self._pending_reveal: tuple[str, str, float] | None = None
        self.resize(*DEFAULT_SIZE)

        fields = page_fields()
        self.labels = {key: QLabel() for key in (*fields, "notes")}
        self.rows: dict[str, RevealRow] = {}
        self.values: dict[str, QLabel] = {}
        form = QFormLayout()
        for key in fields:
            if key in REVEALABLE:
                row = RevealRow(key, may_reveal=self.may_reveal)
                row.reveal_clicked.connect(self.reveal)
                row.copy_clicked.connect(self.copy)
                self.rows[key] = row
                self.values[key] = row.value_label
                form.addRow(self.labels[key], row)
            else:
                self.values[key] = QLabel()
                self.values[key].setWordWrap(True)
                form.addRow(self.labels[key], self.values[key])
        self.notes = QPlainTextEdit()
        self.notes.setReadOnly(True)
        self.notes.setMaximumHeight(100)
        form.addRow(self.labels["notes"], self.notes)
        details_tab = QWidget()
        details_tab.setLayout(form)

        self.timeline = FollowupTimeline(shell.lang)
        self.add_followup_button = QPushButton()
        self.add_followup_button.setAutoDefault(False)
        self.add_followup_button.setVisible(self.may_edit)
        self.add_followup_button.clicked.connect(self.open_add_followup)
        followups_tab = QWidget()
        followups_layout = QVBoxLayout(followups_tab)
        followups_layout.addWidget(self.timeline)
        followups_layout.addWidget(self.add_followup_button)

        self.history = QListWidget()
        self.history.setWordWrap(True)

        self.consent_panel = ConsentPanel(shell, client_id)
        self.consent_panel.changed.connect(self._client_changed)

        self.tabs = QTabWidget()
        self.tabs.addTab(details_tab, "")
        self.tabs.addTab(followups_tab, "")
        self.tabs.addTab(self.history, "")
        self.tabs.addTab(self.consent_panel, "")

        self.error = MessageLabel()
        self.info = MessageLabel()
        self.busy_bar = BusyBar()
        self.edit_button = QPushButton()
        self.edit_button.setVisible(self.may_edit)
        self.edit_button.clicked.connect(self.open_edit)
        self.reassign_button = QPushButton()
        self.reassign_button.setVisible(self.may_reassign)
        self.reassign_button.clicked.connect(self.open_reassign)
        self.destroy_button = QPushButton()
        self.destroy_button.setVisible(self.may_destroy)
        self.destroy_button.clicked.connect(self.open_destroy)
        self.destroy_dialog: QDialog | None = None
        self.tips_button = QPushButton()  # the privacy-tips leaflet, recorded as education (ui/education)
        self.tips_button.setVisible(can(session.role, Action.EDUCATION_RECORD))
        self.tips_button.clicked.connect(lambda: print_leaflet_for(self.shell, self, self.client_id))
        for button in (
            self.edit_button,
            self.reassign_button,
            self.add_followup_button,
            self.destroy_button,
            self.tips_button,
        ):
            button.setAutoDefault(False)
            button.setEnabled(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.edit_button)
        bottom.addWidget(self.reassign_button)
        bottom.addWidget(self.destroy_button)
        bottom.addWidget(self.tips_button)
        bottom.addStretch(1)
        bottom.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.error)
        layout.addWidget(self.info)
        layout.addWidget(self.busy_bar)
        layout.addLayout(bottom)
        self.retranslate()
        self.reload()

    # ------------------------------------------------------------------------------------ texts

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Client details"))
        texts = {
            "name": self.tr("Name:"),
            "phone": self.tr("Phone:"),
            "stage": self.tr("Stage:"),
            "email": self.tr("Email:"),
            "address": self.tr("Address:"),
            "id_type": self.tr("ID type:"),
            "id_number": self.tr("ID number:"),
            "income_band": self.tr("Household income:"),
            "intended_districts": self.tr("Districts wanted:"),
            "agent": self.tr("Assigned agent:"),
            "created": self.tr("Registered:"),
            "contact": self.tr("Last contact:"),
            "notes": self.tr("Notes:"),
        }
        for row in CLIENT_FIELDS.choice_fields():  # labelled by the registry
            texts[row.name] = field_label(row, self.shell.lang)
        for key, text in texts.items():
            self.labels[key].setText(text)
        self.tabs.setTabText(0, self.tr("Details"))
        self.tabs.setTabText(1, self.tr("Follow-ups"))
        self.tabs.setTabText(2, self.tr("Change history"))
        self.tabs.setTabText(CONSENT_TAB, self.tr("Consent"))
        self.add_followup_button.setText(self.tr("&Add follow-up…"))
        self.edit_button.setText(self.tr("&Edit…"))
        self.reassign_button.setText(self.tr("Re&assign…"))
        self.destroy_button.setText(self.tr("De&lete client data…"))
        self.tips_button.setText(self.tr("Print privacy &tips…"))
        self.timeline.set_language(self.shell.lang)
        self._show_page()

    def _show_page(self) -> None:
        page = self.page
        if page is None:
            return
        d, lang = page.detail, self.shell.lang
        shown = {
            **{
                row.name: choice_label(row.choice, d.choices.get(row.name), lang)
                for row in CLIENT_FIELDS.choice_fields()
                if row.choice is not None
            },
            "stage": choice_label(Stage, d.stage, lang),
            "id_type": choice_label(IdType, d.id_type, lang),
            "income_band": _income_label(d, lang),
            "intended_districts": d.intended_districts,
            "agent": page.agent_name,
            "created": local_date(d.created_at),
            "contact": local_date(d.last_contact_at),
        }
        for key, text in shown.items():
            self.values[key].setText(text)
        masked = {
            "name": d.name,
            "phone": d.phone,
            "email": d.email,
            "address": d.address,
            "id_number": self.tr("Kept only as the law requires; cannot be viewed")
            if d.id_number_held
            else d.id_number,
        }
        # An ID number kept only for the legal hold cannot be revealed: offer no Reveal button.
        self.rows["id_number"].may_reveal = self.may_reveal and not d.id_number_held
        for key, row in self.rows.items():
            if not row.revealed:
                row.set_masked(masked[key])
        self.notes.setPlainText(d.notes)
        self.timeline.set_entries(page.timeline)
        self.history.clear()
        for entry in page.changes:
            self.history.addItem(self.change_text(entry))
        if not page.changes:
            self.history.addItem(self.tr("No changes recorded."))

    def change_text(self, entry: ChangeEntry) -> str:
        """2026-11-29 王经理 修改了 电话号码、地址（更正请求 #3）"""
        lang = self.shell.lang
        fields = ("、" if lang.startswith("zh") else ", ").join(entry.field_names(lang))
        text = fill(self.tr("%1 %2 changed %3"), local_date(entry.at), entry.staff_name, fields)
        if entry.request_id is not None:
            text = fill(self.tr("%1 (correction request #%2)"), text, str(entry.request_id))
        return text

    # ---------------------------------------------------------------------------------- loading

    def reload(self) -> None:
        self.busy_bar.setVisible(True)
        self.shell.call(_load, self.client_id, on_ok=self._loaded, on_error=self._failed, owner=self)

    def _loaded(self, result: object) -> None:
        assert isinstance(result, ClientPage)
        self.busy_bar.setVisible(False)
        self.error.clear_message()
        self.remask_all()
        self.page = result
        self.detail = result.detail
        self._show_page()
        for button in (
            self.edit_button,
            self.reassign_button,
            self.add_followup_button,
            self.destroy_button,
            self.tips_button,
        ):
            button.setEnabled(True)
        if self.consent_panel.overview is None:
            self.consent_panel.reload()  # after the page: a refused client is refused (and audited) once
        self.loaded.emit()

    def _failed(self, exc: BaseException) -> None:
        self.busy_bar.setVisible(False)
        text = self.shell.error_text(exc)
        self.error.show_error(text)
        self.failed.emit(text)

    def _action_failed(self, text: str) -> None:
        self.info.clear_message()
        self.error.show_error(text)

    # ----------------------------------------------------------------------------------- reveal

    def reveal(self, key: str) -> None:
        self.error.clear_message()
        self.reveal_flow.start(key)

    def _revealed(self, key: str, result: object) -> None:
        from desktop_app.services.client_reveal import RevealedValue

        assert isinstance(result, RevealedValue)
        row = self.rows.get(key)
        if row is None:
            return
        seconds = min(self.remask_seconds, float(result.seconds_visible))
        if not self.user_is_here():
            if self._activation_in_transit():
                # The reason or password dialog has just closed and the window system has not yet
                # given the focus back: wait a moment for it rather than drop the value.
                self._pending_reveal = (key, result.value, seconds)
                QTimer.singleShot(ACTIVATION_GRACE_MS, self._drop_pending_reveal)
                return
            # The user switched away (or the session locked) while the reveal ran: the value is
            # dropped, never shown to whoever is now in front of the screen.
            self.info.show_ok(self.tr("Reveal again when you are back."))
            return
        self.info.clear_message()
        row.show_revealed(result.value, seconds)

    def _activation_in_transit(self) -> bool:
        """No window of the app is active, the page is shown and the session is not locked: focus is
        moving back from a step dialog that just closed."""
        return QApplication.activeWindow() is None and self.isVisible() and not self.shell.lock_state.locked

    def _show_pending_reveal(self) -> None:
        pending, self._pending_reveal = self._pending_reveal, None
        if pending is None or not self.user_is_here():
            return
        key, value, seconds = pending
        self.info.clear_message()
        self.rows[key].show_revealed(value, seconds)

    def _drop_pending_reveal(self) -> None:
        if self._pending_reveal is not None:
            self._pending_reveal = None
            self.info.show_ok(self.tr("Reveal again when you are back."))

    def user_is_here(self) -> bool:
        """Whether a revealed value may be shown now: the page is visible, the session is not
        locked, and this page (or one of its own step dialogs) is the active window."""
        if not self.isVisible() or self.shell.lock_state.locked:
            return False
        if self.isActiveWindow():
            return True
        active = QApplication.activeWindow()
        while active is not None:
            if active is self:
                return True
            active = active.parentWidget()
        return False

    def copy(self, key: str) -> None:
        value = self.rows[key].value()
        if value is None:
            return
        copy_secret(self.shell, value, self.clipboard_seconds)
        seconds = max(1, round(self.clipboard_seconds))
        self.info.show_ok(fill(self.tr("Copied. The clipboard is cleared after %1 seconds."), str(seconds)))

    def remask_all(self) -> None:
        for row in self.rows.values():
            row.remask()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.ActivationChange:
            if self.isActiveWindow():
                self._show_pending_reveal()
            else:
                self.remask_all()
        super().changeEvent(event)

    def done(self, result: int) -> None:
        self._pending_reveal = None
        self.remask_all()
        super().done(result)

    # ---------------------------------------------------------------------------------- actions

    def _client_changed(self, *_args: object) -> None:
        self.changed.emit()
        self.reload()

    def _client_edited(self, *_args: object) -> None:
        """An edit may change the ID number (under 14 or not) and what the consent tab shows."""
        self._client_changed()
        self.consent_panel.reload()

    def open_add_followup(self) -> AddFollowupDialog:
        dialog = AddFollowupDialog(self.shell, self.client_id, self)
        dialog.added.connect(self._client_changed)
        dialog.finished.connect(dialog.deleteLater)
        self.followup_dialog = dialog
        dialog.open()
        return dialog

    def open_reassign(self) -> ReassignDialog | None:
        if self.detail is None:
            return None
        dialog = ReassignDialog(self.shell, self.client_id, self.detail.assigned_agent_id, self)
        dialog.reassigned.connect(self._client_changed)
        dialog.finished.connect(dialog.deleteLater)
        self.reassign_dialog = dialog
        dialog.open()
        return dialog

    def open_destroy(self) -> QDialog:
        """A manager deletes the client on the company's initiative; once it is done the page has
        nothing left to show, so it closes with the deletion dialog."""
        from desktop_app.ui.clients.destroy_client_dialog import DestroyClientDialog

        dialog = DestroyClientDialog(self.shell, self.client_id, self)
        dialog.destroyed.connect(self._client_destroyed)
        dialog.finished.connect(dialog.deleteLater)
        self.destroy_dialog = dialog
        dialog.open()
        return dialog

    def _client_destroyed(self, *_args: object) -> None:
        self.remask_all()
        for button in (self.edit_button, self.reassign_button, self.add_followup_button, self.destroy_button):
            button.setEnabled(False)
        self.changed.emit()
        if self.destroy_dialog is not None:
            self.destroy_dialog.finished.connect(lambda *_: self.reject())

    def open_edit(self) -> QDialog:
        from desktop_app.ui.clients.client_edit_dialog import ClientEditDialog

        dialog = ClientEditDialog(self.shell, self.client_id, self)
        dialog.saved.connect(self._client_edited)
        dialog.finished.connect(dialog.deleteLater)
        self.edit_dialog = dialog
        dialog.open()
        return dialog
