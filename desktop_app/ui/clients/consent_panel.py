"""The Consent tab of the client detail page: the state of each consent purpose, the recorded forms,
and the consent actions (PIPL Art. 14, 15, 29, 31).

One row per consent purpose of the registry (status, since when, form number, and "Withdraw…" while
it is given); a warning when a newer privacy notice changed purposes or recipients and the client
must sign again; the recorded forms (number, notice version, day signed, witness, masked guardian,
scan or not). "Print consent form…" makes the form on the worker (``print_consent_form``, audited)
and offers Print… or Save as PDF… (ui/clients/consent_print_choice.py); "Record signed form…" and
"Withdraw…" open their dialogs. After each action the tab reloads and ``changed`` is emitted, so
the detail page reloads too (a withdrawal removes the ID number and income from it).
Everything runs on the shell's worker; the PDF stays in memory. The owner calls ``reload()`` once
the client may be shown (the detail page does after its own load, so a refusal is audited once).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.consent_purposes import PurposeId, consent_purposes, purpose
from desktop_app.domain.consent_records import ConsentMethod, ConsentStatus
from desktop_app.domain.permissions import Action, can
from desktop_app.ui.clients.client_labels import choice_label, local_date
from desktop_app.ui.form_parts import WARNING_STYLE, BusyBar, MessageLabel
from desktop_app.ui.retranslate import Retranslating
from desktop_app.ui.shell import Shell

if TYPE_CHECKING:
    from desktop_app.services.client_consents import ConsentOverview, PrintedConsentForm
    from desktop_app.ui.clients.consent_print_choice import ConsentPrintChoice
    from desktop_app.ui.clients.record_consent_dialog import RecordConsentDialog
    from desktop_app.ui.clients.withdraw_consent_dialog import WithdrawConsentDialog

PURPOSE, KIND, STATUS, SINCE, FORM, ACTION = range(6)
F_NUMBER, F_NOTICE, F_SIGNED, F_WITNESS, F_GUARDIAN, F_SCAN = range(6)
STATUS_STYLES = {
    ConsentStatus.GRANTED: "color: #1b6e20; font-weight: bold;",
    ConsentStatus.WITHDRAWN: "color: #b3261e;",
}


def _table(columns: int) -> QTableWidget:
    table = QTableWidget(0, columns)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    table.verticalHeader().setVisible(False)
    table.setWordWrap(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    return table


def _item(text: str, tooltip: str = "") -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    if tooltip:
        item.setToolTip(tooltip)
    return item


class ConsentPanel(Retranslating, QWidget):
    """``loaded`` after each (re)load of the overview; ``changed`` after a form was recorded or a
    consent withdrawn; ``printed(form_number)`` when a form was made for printing."""

    loaded = Signal()
    changed = Signal()
    printed = Signal(str)
    failed = Signal(str)

    def __init__(self, shell: Shell, client_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shell = shell
        self.client_id = client_id
        self.overview: ConsentOverview | None = None
        self.last_printed: str = ""  # the form number printed last in this session of the page
        self.printer_factory: Callable[[], QPrinter | None] = lambda: None
        """A seam for tests: the printer to print on (None: the default printer)."""
        self.print_dialog: ConsentPrintChoice | None = None
        self.record_dialog: RecordConsentDialog | None = None
        self.withdraw_dialog: WithdrawConsentDialog | None = None
        session = shell.signed_in().session
        self.may_edit = can(session.role, Action.CLIENT_EDIT)
        self.may_print = can(session.role, Action.CONSENT_PRINT)

        self.reconsent = QLabel()
        self.reconsent.setWordWrap(True)
        self.reconsent.setStyleSheet(WARNING_STYLE)
        self.reconsent.setVisible(False)
        self.notice_line = QLabel()
        self.notice_line.setWordWrap(True)
        # One row per purpose in a grid of labels: it never scrolls, and long labels wrap.
        self.purposes_box = QGroupBox()
        grid = QGridLayout(self.purposes_box)
        grid.setHorizontalSpacing(14)
        self.headers = [QLabel() for _ in range(ACTION)]
        for column, header in enumerate(self.headers):
            font = header.font()
            font.setBold(True)
            header.setFont(font)
            grid.addWidget(header, 0, column)
        self.cells: dict[PurposeId, list[QLabel]] = {}
        self.withdraw_buttons: dict[PurposeId, QPushButton] = {}
        for row, item in enumerate(consent_purposes(), start=1):
            cells = [QLabel() for _ in range(ACTION)]
            cells[PURPOSE].setWordWrap(True)
            for column, cell in enumerate(cells):
                grid.addWidget(cell, row, column)
            self.cells[item.id] = cells
            button = QPushButton()
            button.setAutoDefault(False)
            button.setVisible(False)
            button.clicked.connect(lambda _checked=False, p=item.id: self.open_withdraw(p))
            self.withdraw_buttons[item.id] = button
            grid.addWidget(button, row, ACTION)
        grid.setColumnStretch(PURPOSE, 1)
        self.forms = _table(6)
        self.forms_box = QGroupBox()
        forms_layout = QVBoxLayout(self.forms_box)
        forms_layout.addWidget(self.forms)
        self.no_forms = QLabel()
        forms_layout.addWidget(self.no_forms)

        self.print_button = QPushButton()
        self.print_button.setVisible(self.may_print)
        self.print_button.clicked.connect(self.print_form)
        self.record_button = QPushButton()
        self.record_button.setVisible(self.may_edit)
        self.record_button.clicked.connect(self.open_record)
        for button in (self.print_button, self.record_button):
            button.setAutoDefault(False)
            button.setEnabled(False)
        self.error = MessageLabel()
        self.info = MessageLabel()
        self.busy_bar = BusyBar()

        buttons = QHBoxLayout()
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.record_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.reconsent)
        layout.addWidget(self.notice_line)
        layout.addWidget(self.purposes_box)
        layout.addWidget(self.forms_box, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.info)
        layout.addWidget(self.busy_bar)
        layout.addLayout(buttons)
        self.retranslate()

    # ------------------------------------------------------------------------------------ texts

    def retranslate(self) -> None:
        headers = (
            self.tr("Purpose"),
            self.tr("Kind"),
            self.tr("Status"),
            self.tr("Since"),
            self.tr("Form number"),
        )
        for header, text in zip(self.headers, headers, strict=True):
            header.setText(text)
        self.purposes_box.setTitle(self.tr("Consents"))
        self.forms.setHorizontalHeaderLabels(
            [
                self.tr("Form number"),
                self.tr("Notice version"),
                self.tr("Signed"),
                self.tr("Witness"),
                self.tr("Guardian"),
                self.tr("Scan"),
            ]
        )
        self.forms_box.setTitle(self.tr("Recorded forms"))
        self.no_forms.setText(self.tr("No signed form recorded yet."))
        self.print_button.setText(self.tr("&Print consent form…"))
        self.record_button.setText(self.tr("&Record signed form…"))
        for button in self.withdraw_buttons.values():
            button.setText(self.tr("Withdraw…"))
        self.reconsent.setText(
            self.tr(
                "Sign again: a newer privacy notice changed the purposes or recipients. Print the "
                "current consent form and ask the client to sign it."
            )
        )
        self._show()

    def _show(self) -> None:
        lang = self.shell.lang
        overview = self.overview
        for item in consent_purposes():
            cells = self.cells[item.id]
            cells[PURPOSE].setText(item.id.label(lang))
            cells[KIND].setText(item.kind.label(lang))
            state = None if overview is None else next(p for p in overview.purposes if p.purpose is item.id)
            status = state.status if state is not None else None
            cells[STATUS].setText(status.label(lang) if status is not None else "")
            cells[STATUS].setStyleSheet(STATUS_STYLES.get(status, "") if status is not None else "")
            cells[SINCE].setText(local_date(state.since) if state else "")
            cells[FORM].setText((state.form_number or "") if state else "")
            button = self.withdraw_buttons[item.id]
            button.setVisible(self.may_edit and status is ConsentStatus.GRANTED and item.withdrawable)
        if overview is None:
            return
        self.reconsent.setVisible(overview.needs_reconsent)
        if overview.notice_version and not overview.forms:
            text = self.tr("Registered under notice version %1, no consent form signed; current version %2.")
            text = text.replace("%1", overview.notice_version).replace("%2", overview.current_notice_version)
        elif overview.notice_version:
            text = self.tr("Latest form signed under notice version %1; current version %2.")
            text = text.replace("%1", overview.notice_version).replace("%2", overview.current_notice_version)
        else:
            text = self.tr("Current privacy notice version: %1.").replace(
                "%1", overview.current_notice_version
            )
        self.notice_line.setText(text)
        self.forms.setRowCount(len(overview.forms))
        for row, form in enumerate(overview.forms):
            number = form.form_number or choice_label(ConsentMethod, form.method, lang)
            self.forms.setItem(row, F_NUMBER, _item(number))
            self.forms.setItem(row, F_NOTICE, _item(form.notice_version))
            self.forms.setItem(row, F_SIGNED, _item(form.signed_on.isoformat()))
            self.forms.setItem(row, F_WITNESS, _item(form.witnessed_by))
            self.forms.setItem(row, F_GUARDIAN, _item(form.guardian))
            scan = self.tr("Yes") if form.scan_type else self.tr("No")
            self.forms.setItem(row, F_SCAN, _item(scan))
        self.forms.setVisible(bool(overview.forms))
        self.no_forms.setVisible(not overview.forms)
        self.forms.resizeColumnsToContents()

    def status_text(self, purpose_id: PurposeId) -> str:
        """The status cell of ``purpose_id`` as shown."""
        return self.cells[purpose_id][STATUS].text()

    def form_rows(self) -> list[list[str]]:
        return [
            [self.forms.item(r, c).text() for c in range(self.forms.columnCount())]  # type: ignore[union-attr]
            for r in range(self.forms.rowCount())
        ]

    # ---------------------------------------------------------------------------------- loading

    def reload(self) -> None:
        from desktop_app.services.client_consents import consent_overview

        self.busy_bar.setVisible(True)
        self.shell.call(
            consent_overview, self.client_id, on_ok=self._loaded, on_error=self._failed, owner=self
        )

    def _loaded(self, result: object) -> None:
        self.busy_bar.setVisible(False)
        self.error.clear_message()
        self.overview = result  # type: ignore[assignment]
        self._show()
        self.print_button.setEnabled(True)
        self.record_button.setEnabled(True)
        self.loaded.emit()

    def _failed(self, exc: BaseException) -> None:
        self.busy_bar.setVisible(False)
        text = self.shell.error_text(exc)
        self.info.clear_message()
        self.error.show_error(text)
        self.failed.emit(text)

    def _consent_changed(self, overview: object) -> None:
        self._loaded(overview)
        self.changed.emit()

    # ----------------------------------------------------------------------------------- print

    def print_form(self) -> None:
        """Make this client's form on the database lane, then offer Print… / Save as PDF…."""
        from desktop_app.services.client_consents import print_consent_form

        self.error.clear_message()
        self.info.clear_message()
        self.busy_bar.setVisible(True)
        self.print_button.setEnabled(False)
        self.shell.call(
            print_consent_form,
            self.client_id,
            language=self.shell.lang,
            on_ok=self._form_made,
            on_error=self._print_failed,
            owner=self,
        )

    def _print_failed(self, exc: BaseException) -> None:
        self.print_button.setEnabled(True)
        self._failed(exc)

    def _form_made(self, result: object) -> None:
        from desktop_app.ui.clients.consent_print_choice import ConsentPrintChoice

        self.busy_bar.setVisible(False)
        self.print_button.setEnabled(True)
        form: PrintedConsentForm = result  # type: ignore[assignment]
        self.last_printed = form.form_number
        dialog = ConsentPrintChoice(self.shell, form, self.printer_factory, self)
        dialog.finished.connect(dialog.deleteLater)
        self.print_dialog = dialog
        self.printed.emit(form.form_number)
        dialog.open()

    # ---------------------------------------------------------------------------------- record

    def open_record(self) -> RecordConsentDialog:
        from desktop_app.ui.clients.record_consent_dialog import RecordConsentDialog

        under_14 = None if self.overview is None else self.overview.client_under_14
        dialog = RecordConsentDialog(
            self.shell, self.client_id, self.last_printed, self, client_under_14=under_14
        )
        dialog.recorded.connect(self._recorded)
        dialog.finished.connect(dialog.deleteLater)
        self.record_dialog = dialog
        dialog.open()
        return dialog

    def _recorded(self, overview: object) -> None:
        self._consent_changed(overview)
        self.info.show_ok(self.tr("The signed form is recorded."))

    # -------------------------------------------------------------------------------- withdraw

    def open_withdraw(self, purpose_id: PurposeId) -> WithdrawConsentDialog:
        from desktop_app.ui.clients.withdraw_consent_dialog import WithdrawConsentDialog

        dialog = WithdrawConsentDialog(self.shell, self.client_id, purpose(purpose_id), self)
        dialog.withdrawn.connect(self._withdrawn)
        dialog.finished.connect(dialog.deleteLater)
        self.withdraw_dialog = dialog
        dialog.open()
        return dialog

    def _withdrawn(self, overview: object) -> None:
        self._consent_changed(overview)
        self.info.show_ok(self.tr("The consent is withdrawn; it took effect at once."))
