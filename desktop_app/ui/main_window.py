"""The main window: role-aware navigation (only the areas ``areas_for(role)`` allows), the area
pages, the session status bar and the menus. ``lock()`` swaps everything for the lock screen.

Client data (issue 10): for an agent or manager without the client-data key the Clients, Requests
and Consent areas show the waiting panel (ui/client_access/waiting_panel.py) instead of pages that
would query clients.db; once the session holds the key they are rebuilt in place. Managers get a
"Client data" menu with the confirmation screen, and after sign-in (``start_client_access_prompts``)
either the key set-up dialog (no key yet) or a banner naming how many members wait.

Exports (issue 13): the Exports page (ui/exports/) and the background sync that sends approved
summaries to headquarters (ui/exports/export_sync.py, network lane) live as long as the window;
``start_export_work`` starts the sync after sign-in for a user who can read the outbox, and a
manager sees how many summaries await approval on the navigation entry and in a banner.

Training (issue 14): after sign-in (``start_training_prompt``) every member sees a banner while this
quarter's privacy training is due (ui/training/training_banner.py); once it is overdue and the gate
applies, the client areas show the training panel (ui/training/gate_panel.py) instead of their pages
— the services refuse those actions anyway (services/training_gate.py) — until a quiz is passed."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app import __version__
from desktop_app.domain.navigation import Area, areas_for
from desktop_app.domain.permissions import Action, can
from desktop_app.domain.roles import Role
from desktop_app.domain.training_due import TrainingDue
from desktop_app.services.session import ACCESS_GRANTED, ACCESS_NOT_SET_UP
from desktop_app.ui import dialogs
from desktop_app.ui.client_access.pending_banner import PendingMembersBanner
from desktop_app.ui.client_access.waiting_panel import (
    CLIENT_DATA_AREAS,
    ClientAccessWaitingPanel,
    shows_waiting_panel,
)
from desktop_app.ui.exports.awaiting_banner import AwaitingApprovalBanner
from desktop_app.ui.exports.export_sync import ExportSync
from desktop_app.ui.lock_screen import LockScreen
from desktop_app.ui.retranslate import Retranslating
from desktop_app.ui.shell import Shell
from desktop_app.ui.sign_in_dialog import LANGUAGE_NAMES
from desktop_app.ui.status_bar import SessionStatusBar
from desktop_app.ui.training.gate_panel import TrainingGatePanel
from desktop_app.ui.training.training_banner import TrainingDueBanner


def _page_for(
    area: Area, shell: Shell, export_sync: ExportSync | None = None, *, training_gated: bool = False
) -> QWidget:
    session = shell.signed_in().session
    if shows_waiting_panel(session, area):
        return ClientAccessWaitingPanel(shell, area)
    if training_gated and area in CLIENT_DATA_AREAS:
        return TrainingGatePanel(area)
    if area is Area.EXPORTS:
        from desktop_app.ui.exports.exports_page import ExportsPage

        return ExportsPage(shell, export_sync)
    if area is Area.ADMIN:
        from desktop_app.ui.admin.admin_page import AdminPage

        return AdminPage(shell)
    if area is Area.CLIENTS:
        from desktop_app.ui.clients.clients_page import ClientsPage

        return ClientsPage(shell)
    if area is Area.CONSENT:
        from desktop_app.ui.notices.notices_page import NoticesPage

        return NoticesPage(shell)
    if area is Area.REQUESTS:
        from desktop_app.ui.requests.requests_area import RequestsArea

        return RequestsArea(shell)
    if area is Area.PROGRAMME:
        from desktop_app.ui.programme.area import ProgrammeArea

        return ProgrammeArea(shell)
    if area is Area.SECURITY:
        from desktop_app.ui.security.area import SecurityArea

        return SecurityArea(shell)
    from desktop_app.ui.audit.audit_page import AuditPage  # the last area

    return AuditPage(shell)


class MainWindow(Retranslating, QMainWindow):
    sign_out_requested = Signal()
    lock_requested = Signal()
    change_password_requested = Signal()
    quit_requested = Signal()

    def __init__(self, shell: Shell, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shell = shell
        ctx = shell.signed_in()
        session = ctx.session
        config = ctx.require_config()
        self.session = session
        self.config = config
        self.locked = False
        self._hidden_docks: list[QDockWidget] = []
        self._closing_for_app = False
        self.awaiting_exports = 0
        self.training_gated = False
        self.export_sync = ExportSync(shell, self)
        self.export_sync.awaiting_changed.connect(self.set_awaiting_exports)
        self.resize(1100, 700)

        self.nav = QListWidget()
        self.nav.setFixedWidth(160)
        self.nav.setStyleSheet("QListWidget::item { padding: 8px 12px; }")
        nav_font = self.nav.font()
        nav_font.setPointSizeF(nav_font.pointSizeF() * 1.15)
        self.nav.setFont(nav_font)
        self.pages = QStackedWidget()
        self.page_by_area: dict[Area, QWidget] = {}
        for area in areas_for(session.role):
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, area.value)
            self.nav.addItem(item)
            page = self._make_page(area)
            self.page_by_area[area] = page
            self.pages.addWidget(page)
        self.nav.currentRowChanged.connect(self.pages.setCurrentIndex)

        self.workspace = QWidget()
        self.pending_banner = PendingMembersBanner()
        self.pending_banner.open_requested.connect(self.show_confirm_access)
        self.awaiting_banner = AwaitingApprovalBanner()
        self.awaiting_banner.open_requested.connect(lambda: self.show_area(Area.EXPORTS))
        self.training_banner = TrainingDueBanner()
        self.training_banner.open_requested.connect(self.show_training)
        self.confirm_dialog: QWidget | None = None
        self.key_setup_dialog: QWidget | None = None
        column = QVBoxLayout(self.workspace)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.training_banner)
        column.addWidget(self.pending_banner)
        column.addWidget(self.awaiting_banner)
        row = QHBoxLayout()
        column.addLayout(row, 1)
        row.addWidget(self.nav)
        row.addWidget(self.pages, 1)
        self.lock_screen = LockScreen(shell, session.username, session.display_name)
        self.central = QStackedWidget()
        self.central.addWidget(self.workspace)
        self.central.addWidget(self.lock_screen)
        self.setCentralWidget(self.central)

        self.status = SessionStatusBar(
            session, config.letterhead(), use_keyring=config.use_keyring, demo=shell.demo, language=shell.lang
        )
        shell.language.changed.connect(self.status.set_language)
        self.setStatusBar(self.status)
        self._build_menus()
        self.retranslate()
        if self.nav.count():
            self.nav.setCurrentRow(0)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.session_menu = bar.addMenu("")
        self.change_password_action = QAction(self)
        self.change_password_action.triggered.connect(self.change_password_requested)
        self.lock_action = QAction(self)
        self.lock_action.setShortcut("Ctrl+L")
        self.lock_action.triggered.connect(self.lock_requested)
        self.sign_out_action = QAction(self)
        self.sign_out_action.triggered.connect(self.sign_out_requested)
        self.quit_action = QAction(self)
        self.quit_action.setShortcut("Ctrl+Q")
        self.quit_action.triggered.connect(self.quit_requested)
        self.second_factor_action = QAction(self)
        self.second_factor_action.triggered.connect(self.show_second_factor)
        self.second_factor_action.setVisible(can(self.session.role, Action.SECOND_FACTOR_ENROL))
        for action in (
            self.change_password_action,
            self.second_factor_action,
            self.lock_action,
            self.sign_out_action,
        ):
            self.session_menu.addAction(action)
        self.session_menu.addSeparator()
        self.session_menu.addAction(self.quit_action)

        self.language_menu = bar.addMenu("")
        group = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        for code, name in LANGUAGE_NAMES:
            action = QAction(name, self, checkable=True)
            action.setChecked(code == self.shell.lang)
            action.triggered.connect(lambda _checked=False, c=code: self.shell.language.switch(c))
            group.addAction(action)
            self.language_menu.addAction(action)
            self.language_actions[code] = action
        self.shell.language.changed.connect(self._language_changed)

        self.client_data_menu = bar.addMenu("")
        self.confirm_access_action = QAction(self)
        self.confirm_access_action.triggered.connect(self.show_confirm_access)
        self.client_data_menu.addAction(self.confirm_access_action)
        self.client_data_menu.menuAction().setVisible(can(self.session.role, Action.ACCESS_CONFIRM))
        self._update_client_actions()

        self.help_menu = bar.addMenu("")
        self.about_action = QAction(self)
        self.about_action.triggered.connect(self.show_about)
        self.help_menu.addAction(self.about_action)

    def retranslate(self) -> None:
        title = self.tr("BranchVault — %1").replace("%1", self.config.branch_name)
        if self.shell.demo:
            title += " [" + self.tr("Demo profile") + "]"
        self.setWindowTitle(title)
        names = {
            Area.CLIENTS: self.tr("Clients"),
            Area.REQUESTS: self.tr("Requests and retention"),
            Area.CONSENT: self.tr("Consent"),
            Area.EXPORTS: self.tr("Exports"),
            Area.PROGRAMME: self.tr("Privacy programme"),
            Area.SECURITY: self.tr("Security"),
            Area.AUDIT: self.tr("Audit"),
            Area.ADMIN: self.tr("Admin"),
        }
        if self.awaiting_exports:
            names[Area.EXPORTS] = self.tr("Exports (%1)").replace("%1", str(self.awaiting_exports))
        for index in range(self.nav.count()):
            item = self.nav.item(index)
            item.setText(names[Area(item.data(Qt.ItemDataRole.UserRole))])
        self.session_menu.setTitle(self.tr("&Session"))
        self.change_password_action.setText(self.tr("&Change password…"))
        self.second_factor_action.setText(self.tr("&Two-factor authentication…"))
        self.lock_action.setText(self.tr("&Lock now"))
        self.sign_out_action.setText(self.tr("Sign &out"))
        self.quit_action.setText(self.tr("&Quit"))
        self.language_menu.setTitle(self.tr("&Language"))
        self.client_data_menu.setTitle(self.tr("Client &data"))
        self.confirm_access_action.setText(self.tr("&Confirm staff access…"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.about_action.setText(self.tr("&About BranchVault"))

    # --- client data (issue 10) ---------------------------------------------------------------
    def _make_page(self, area: Area) -> QWidget:
        page = _page_for(area, self.shell, self.export_sync, training_gated=self.training_gated)
        if isinstance(page, ClientAccessWaitingPanel):
            page.access_granted.connect(self._client_access_granted)
        elif isinstance(page, TrainingGatePanel):
            page.take_training_requested.connect(self.show_training)
        elif area is Area.PROGRAMME:
            self._watch_training_tabs(page)
        elif area is Area.EXPORTS and self.may_approve_exports():
            page.awaiting_changed.connect(self.set_awaiting_exports)  # type: ignore[attr-defined]
        return page

    def _update_client_actions(self) -> None:
        self.confirm_access_action.setEnabled(self.session.client_access == ACCESS_GRANTED)

    def _client_access_granted(self) -> None:
        # after the signal's sender (a panel's dialog) has finished emitting
        QTimer.singleShot(0, self.rebuild_client_areas)

    def rebuild_client_areas(self) -> None:
        """Replace each client area's page by the one the session's access now calls for."""
        for area, old in list(self.page_by_area.items()):
            if self._page_kind(old) == self._wanted_kind(area):
                continue
            index = self.pages.indexOf(old)
            current = self.pages.currentIndex()
            page = self._make_page(area)
            self.pages.insertWidget(index, page)
            self.pages.removeWidget(old)
            old.deleteLater()
            self.page_by_area[area] = page
            self.pages.setCurrentIndex(current)
        self._update_client_actions()
        self.start_export_work()  # the key arrived: the outbox can be read now

    def _page_kind(self, page: QWidget) -> str:
        if isinstance(page, ClientAccessWaitingPanel):
            return "waiting"
        return "training" if isinstance(page, TrainingGatePanel) else "page"

    def _wanted_kind(self, area: Area) -> str:
        if shows_waiting_panel(self.session, area):
            return "waiting"
        return "training" if self.training_gated and area in CLIENT_DATA_AREAS else "page"

    def start_client_access_prompts(self) -> None:
        """After sign-in: a manager on a branch without a client-data key is asked to create it; a
        manager holding it learns how many members wait for confirmation."""
        session = self.session
        if session.role is not Role.MANAGER or session.must_change_password:
            return
        if session.client_access == ACCESS_NOT_SET_UP:
            self.show_key_setup()
        elif session.client_access == ACCESS_GRANTED:
            self.check_pending_members()

    # --- training (issue 14) ---------------------------------------------------------------------
    def show_second_factor(self) -> QWidget:
        """Session > Two-factor authentication…: the member's state and setting up (again)."""
        from desktop_app.ui.second_factor_dialog import SecondFactorDialog

        dialog = SecondFactorDialog(self.shell, forced=False, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def start_training_prompt(self) -> None:
        """After sign-in and after each quiz: this quarter's training status for the banner and the
        gate (read on the database lane)."""
        if self.session.must_change_password:
            return
        from desktop_app.services.training_gate import current_due

        self.shell.call(current_due, on_ok=self.set_training_due, on_error=lambda _exc: None, owner=self)

    def set_training_due(self, due: TrainingDue) -> None:
        self.training_banner.set_due(due)
        gated = due.gated
        if gated != self.training_gated:
            self.training_gated = gated
            self.rebuild_client_areas()

    def show_training(self) -> QWidget | None:
        """The programme area with its "My training" tab in front."""
        if Area.PROGRAMME not in self.page_by_area:
            return None
        from desktop_app.ui.training.my_training_tab import MyTrainingTab

        page = self.show_area(Area.PROGRAMME)
        show_tab = getattr(page, "show_tab", None)
        if show_tab is not None:
            show_tab(MyTrainingTab)
        return page

    def _watch_training_tabs(self, page: QWidget) -> None:
        from desktop_app.ui.training.my_training_tab import MyTrainingTab

        for tab in page.findChildren(MyTrainingTab):
            tab.submitted.connect(self.start_training_prompt)

    # --- exports (issue 13) ----------------------------------------------------------------------
    def may_approve_exports(self) -> bool:
        return can(self.session.role, Action.EXPORT_APPROVE)

    def start_export_work(self) -> None:
        """After sign-in (and once the client-data key arrives): the background sync for a user
        who can read the outbox; a manager's count of summaries awaiting approval comes with its
        first pass."""
        if self.session.must_change_password or self.export_sync.active:
            return
        self.export_sync.start()

    def set_awaiting_exports(self, count: int) -> None:
        if not self.may_approve_exports():
            return
        self.awaiting_exports = count
        self.awaiting_banner.set_count(count)
        self.retranslate()

    def show_key_setup(self) -> QWidget:
        from desktop_app.ui.client_access.key_setup_dialog import ClientKeySetUpDialog

        dialog = ClientKeySetUpDialog(self.shell, self)
        dialog.access_granted.connect(self._client_access_granted)
        self.key_setup_dialog = dialog
        dialog.open()
        return dialog

    def check_pending_members(self) -> None:
        from desktop_app.services.client_access import pending_members

        self.shell.call(
            pending_members,
            on_ok=lambda members: self.pending_banner.set_count(len(members)),
            on_error=lambda _exc: None,
            owner=self.pending_banner,
        )

    def show_confirm_access(self) -> QWidget | None:
        if not can(self.session.role, Action.ACCESS_CONFIRM) or self.session.client_access != ACCESS_GRANTED:
            return None
        from desktop_app.ui.client_access.confirm_access_dialog import ConfirmAccessDialog

        if self.confirm_dialog is not None:
            self.confirm_dialog.deleteLater()
        dialog = ConfirmAccessDialog(self.shell, self)
        dialog.changed.connect(self.pending_banner.set_count)
        self.confirm_dialog = dialog
        dialog.open()
        return dialog

    def _language_changed(self, language: str) -> None:
        action = self.language_actions.get(language)
        if action is not None:
            action.setChecked(True)

    def area_ids(self) -> list[Area]:
        return [Area(self.nav.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(self.nav.count())]

    def area_names(self) -> list[str]:
        return [self.nav.item(i).text() for i in range(self.nav.count())]

    def show_area(self, area: Area) -> QWidget:
        self.nav.setCurrentRow(self.area_ids().index(area))
        return self.page_by_area[area]

    def show_about(self) -> None:
        text = self.tr(
            "BranchVault %1\nEncrypted client records for real-estate branch offices.\n\n"
            "Branch: %2\nData folder: %3"
        )
        text = (
            text.replace("%1", __version__)
            .replace("%2", f"{self.config.branch_name} ({self.config.branch_code})")
            .replace("%3", str(self.shell.data_dir))
        )
        dialogs.about(self, self.tr("About BranchVault"), text)

    def lock(self) -> None:
        """Cover every piece of data: the lock screen replaces the workspace; docks are hidden."""
        if self.locked:
            return
        self.locked = True
        self._hidden_docks = [dock for dock in self.findChildren(QDockWidget) if dock.isVisible()]
        for dock in self._hidden_docks:
            dock.hide()
        self.lock_screen.reset()
        self.central.setCurrentWidget(self.lock_screen)
        for action in (self.change_password_action, self.lock_action):
            action.setEnabled(False)

    def unlock(self) -> None:
        if not self.locked:
            return
        self.locked = False
        self.central.setCurrentWidget(self.workspace)
        for dock in self._hidden_docks:
            dock.show()
        self._hidden_docks = []
        for action in (self.change_password_action, self.lock_action):
            action.setEnabled(True)

    def close_for_app(self) -> None:
        """Close without asking the controller (it is already tearing the window down)."""
        self.export_sync.stop()
        self._closing_for_app = True
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._closing_for_app:
            event.accept()
            return
        event.ignore()
        self.quit_requested.emit()
