"""The Clients area (agents: their own clients; managers: the whole branch).

A search box (search as you type, debounced) over the masked list; with the box empty, the paged
list in the chosen order. The filter bar (intention level, stage, source channel, agent for
managers, last-contact dates) narrows the list, the count and the search alike. "New client" opens
intake, "Edit…" the selected client's edit dialog, "Import…" the spreadsheet import wizard;
double-clicking a row opens the masked detail. Nothing is read before the area is first shown,
and every query runs on the worker.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.client_list_query import ClientSort
from desktop_app.domain.permissions import Action, can
from desktop_app.domain.roles import Role
from desktop_app.ui.clients.client_detail_dialog import ClientDetailDialog
from desktop_app.ui.clients.client_edit_dialog import ClientEditDialog
from desktop_app.ui.clients.client_filters import ClientFilterBar
from desktop_app.ui.clients.client_table_model import ClientTableModel
from desktop_app.ui.clients.intake_dialog import IntakeDialog
from desktop_app.ui.form_parts import MessageLabel
from desktop_app.ui.read_only_table import setup_read_only_table
from desktop_app.ui.retranslate import Retranslating
from desktop_app.ui.shell import Shell

if TYPE_CHECKING:
    from desktop_app.domain.staff_member import StaffMember
    from desktop_app.ui.clients.consent_batch_dialog import ConsentBatchDialog
    from desktop_app.ui.clients.import_wizard import ImportWizard

SEARCH_DELAY_MS = 150
COLUMN_WIDTHS = (110, 140, 130, 110, 110, 110, 120)
SORTS = (ClientSort.LAST_CONTACT, ClientSort.INTENTION, ClientSort.NAME)


class ClientsPage(Retranslating, QWidget):
    def __init__(self, shell: Shell, page_size: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shell = shell
        self._started = False
        self.model = ClientTableModel(shell, page_size) if page_size else ClientTableModel(shell)
        session = shell.signed_in().session
        self.model.agent_names[session.staff_id] = session.display_name
        self._may_list_staff = can(session.role, Action.STAFF_LIST)
        self._may_create = can(session.role, Action.CLIENT_EDIT)
        self._may_print_forms = can(session.role, Action.CONSENT_PRINT)
        self.intake_dialog: IntakeDialog | None = None
        self.detail_dialog: ClientDetailDialog | None = None
        self.edit_dialog: ClientEditDialog | None = None
        self.import_wizard: ImportWizard | None = None
        self.batch_dialog: ConsentBatchDialog | None = None

        self.heading = QLabel()
        bold = self.heading.font()
        bold.setBold(True)
        bold.setPointSizeF(bold.pointSizeF() * 1.2)
        self.heading.setFont(bold)
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(240)
        self.sort_label = QLabel()
        self.sort = QComboBox()
        for sort in SORTS:
            self.sort.addItem("", sort.value)
        self.new_button = QPushButton()
        self.new_button.setEnabled(self._may_create)
        self.edit_button = QPushButton()
        self.edit_button.setEnabled(False)
        self.edit_button.setVisible(self._may_create)
        self.import_button = QPushButton()
        self.import_button.setVisible(self._may_create)
        self.forms_button = QPushButton()  # the selected clients' consent forms as one PDF
        self.forms_button.setEnabled(False)
        self.forms_button.setVisible(self._may_print_forms)
        self.filters = ClientFilterBar(shell, show_agents=can(session.role, Action.CLIENT_VIEW_BRANCH))
        self.error = MessageLabel()
        self.count_label = QLabel()
        self.table = QTableView()
        self.table.setModel(self.model)
        setup_read_only_table(self.table)  # fixed widths: sizing to contents would read every row
        for column, width in enumerate(COLUMN_WIDTHS):
            self.table.setColumnWidth(column, width)
        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(SEARCH_DELAY_MS)

        tools = QHBoxLayout()
        tools.addWidget(self.search, 1)
        tools.addWidget(self.sort_label)
        tools.addWidget(self.sort)
        tools.addWidget(self.new_button)
        tools.addWidget(self.edit_button)
        tools.addWidget(self.import_button)
        tools.addWidget(self.forms_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(tools)
        layout.addWidget(self.filters)
        layout.addWidget(self.error)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)

        self.search.textChanged.connect(lambda _text: self.search_timer.start())
        self.search_timer.timeout.connect(self.apply_search)
        self.sort.currentIndexChanged.connect(lambda _index: self.reload())
        self.filters.changed.connect(self.reload)
        self.new_button.clicked.connect(self.open_intake)
        self.edit_button.clicked.connect(self._edit_selected)
        self.import_button.clicked.connect(self.open_import)
        self.forms_button.clicked.connect(self.print_selected_forms)
        selection = self.table.selectionModel()
        selection.selectionChanged.connect(lambda *_args: self._update_edit_button())
        self.model.modelReset.connect(self._update_edit_button)
        self.table.doubleClicked.connect(self._row_activated)
        self.model.loaded.connect(self._update_count)
        self.model.loaded.connect(self.error.clear_message)
        self.model.failed.connect(self.error.show_error)
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Clients"))
        self.search.setPlaceholderText(self.tr("Search by name, pinyin, initials or phone digits"))
        self.sort_label.setText(self.tr("Sort by:"))
        sort_names = {
            ClientSort.LAST_CONTACT: self.tr("Last contact"),
            ClientSort.INTENTION: self.tr("Intention level"),
            ClientSort.NAME: self.tr("Name"),
        }
        for index, sort in enumerate(SORTS):
            self.sort.setItemText(index, sort_names[sort])
        self.new_button.setText(self.tr("&New client"))
        self.edit_button.setText(self.tr("&Edit…"))
        self.import_button.setText(self.tr("&Import…"))
        self.forms_button.setText(self.tr("Consent &forms (PDF)…"))
        self.forms_button.setToolTip(self.tr("The consent forms of the selected clients as one PDF to print"))
        self.model.retranslate()
        self._update_count()

    def current_sort(self) -> ClientSort:
        return ClientSort(str(self.sort.currentData()))

    def apply_search(self) -> None:
        self.search_timer.stop()
        self.reload()

    def reload(self) -> None:
        self.model.reload(
            sort=self.current_sort(), text=self.search.text(), filters=self.filters.current_filter()
        )

    def _update_count(self) -> None:
        if self.model.search_text or self.filters.is_active():
            text = self.tr("Matching clients: %1")
        else:
            text = self.tr("Clients: %1")
        self.count_label.setText(text.replace("%1", str(self.model.total)))

    def showEvent(self, event: QShowEvent) -> None:
        """The first time the area is shown: the agents' names (managers), then the rows."""
        super().showEvent(event)
        if self._started:
            return
        self._started = True
        if self._may_list_staff:
            from desktop_app.services.staff_accounts import list_staff

            self.shell.call(list_staff, on_ok=self._staff_arrived, owner=self)
        self.reload()

    def _staff_arrived(self, staff: object) -> None:
        members: list[StaffMember] = list(staff)  # type: ignore[call-overload]
        self.model.agent_names.update({member.id: member.display_name for member in members})
        self.model.retranslate()
        self.filters.set_agents(
            [(m.id, m.display_name) for m in members if m.role in (Role.AGENT, Role.MANAGER)]
        )

    # ------------------------------------------------------------------------------------ dialogs

    def open_intake(self) -> IntakeDialog:
        dialog = IntakeDialog(self.shell, self)
        dialog.created.connect(lambda _client_id: self.reload())
        dialog.open_existing.connect(self.open_client)
        dialog.finished.connect(dialog.deleteLater)
        self.intake_dialog = dialog
        dialog.open()
        return dialog

    def selected_client_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.client_id(rows[0].row()) if rows else None

    def selected_client_ids(self) -> list[int]:
        """The selected rows' clients, in list order."""
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        ids = (self.model.client_id(row) for row in rows)
        return [client_id for client_id in ids if client_id is not None]

    def _update_edit_button(self) -> None:
        self.edit_button.setEnabled(self._may_create and self.selected_client_id() is not None)
        self.forms_button.setEnabled(self._may_print_forms and self.table.selectionModel().hasSelection())

    def print_selected_forms(self) -> ConsentBatchDialog | None:
        """Ask where to save, then prepare the selected clients' forms with progress and Cancel."""
        from desktop_app.services.consent_batch import MAX_BATCH
        from desktop_app.ui.clients.consent_batch_dialog import ConsentBatchDialog  # lazy
        from desktop_app.ui.output_files import choose_output, with_pdf_suffix

        selected = len(self.table.selectionModel().selectedRows())
        client_ids = self.selected_client_ids()
        if selected > MAX_BATCH:
            self.error.show_error(
                self.tr("Choose at most %1 clients for one PDF.").replace("%1", str(MAX_BATCH))
            )
            return None
        if not client_ids or len(client_ids) < selected:  # a selected page is still being fetched
            self.error.show_error(self.tr("The list is still loading. Try again in a moment."))
            return None
        chosen = choose_output(
            self,
            self.tr("Save the consent forms as PDF"),
            f"consent-forms-{self.shell.signed_in().today().isoformat()}.pdf",
            self.tr("PDF files (*.pdf)"),
            data_dir=self.shell.data_dir,
            normalise=with_pdf_suffix,
        )
        if chosen is None:
            return None
        dialog = ConsentBatchDialog(self.shell, client_ids, chosen, self)
        dialog.finished.connect(dialog.deleteLater)
        self.batch_dialog = dialog
        dialog.open()
        dialog.start()
        return dialog

    def _edit_selected(self) -> None:
        client_id = self.selected_client_id()
        if client_id is not None:
            self.open_edit(client_id)

    def open_edit(self, client_id: int) -> ClientEditDialog:
        dialog = ClientEditDialog(self.shell, client_id, self)
        dialog.saved.connect(lambda _client_id: self.reload())
        dialog.finished.connect(dialog.deleteLater)
        self.edit_dialog = dialog
        dialog.open()
        return dialog

    def open_import(self) -> ImportWizard:
        from desktop_app.ui.clients.import_wizard import ImportWizard  # written alongside; lazy

        wizard = ImportWizard(self.shell, self)
        wizard.imported.connect(lambda _count: self.reload())
        wizard.finished.connect(wizard.deleteLater)
        self.import_wizard = wizard
        wizard.open()
        return wizard

    def _row_activated(self, index: QModelIndex) -> None:
        client_id = self.model.client_id(index.row())
        if client_id is not None:
            self.open_client(client_id)

    def open_client(self, client_id: int) -> ClientDetailDialog:
        dialog = ClientDetailDialog(self.shell, client_id, self)
        dialog.changed.connect(self.reload)  # an edit, follow-up or reassignment shows in the list
        dialog.finished.connect(dialog.deleteLater)
        self.detail_dialog = dialog
        dialog.open()
        return dialog
