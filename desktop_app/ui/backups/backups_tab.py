"""The Security area's "备份 / Backups" tab (IT administrators and managers: ``backup.run``).

Shows the schedule and the status from services/backup_schedule.overview (last backup and its size,
the latest verified backup, the last restore drill, overdue flags in red, the next run), a form for
the schedule (on/off, time in Beijing time, folder picker, generations kept; saved through
``set_schedule``, audited), "Back up now", "Verify a backup…", "Run a restore drill" (both open the
backup with the password typed here — the member's password as it was when the backup was taken) and
the history from ``backup_runs``. Every service call runs on the database lane through
``shell.call``; restoring stays on the command line (IT, replaces live data: ``branchvault backup
restore``). Nothing shown names a client.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTime, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.backup_schedule_rules import GENERATIONS_MAX, GENERATIONS_MIN
from desktop_app.domain.permissions import Action, can
from desktop_app.ui import dialogs
from desktop_app.ui.backups import backup_calls as calls
from desktop_app.ui.form_parts import BusyBar, MessageLabel, password_field
from desktop_app.ui.retranslate import Retranslating
from desktop_app.ui.shell import Shell

if TYPE_CHECKING:
    from desktop_app.services.backup_schedule import BackupOverview, BackupRun

RED = "color: #b3261e; font-weight: bold;"


class BackupsTab(Retranslating, QWidget):
    loaded = Signal()
    finished = Signal(str)  # "saved", "backup", "drill", "verify", "error"

    def __init__(self, shell: Shell, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shell = shell
        self.state: BackupOverview | None = None
        self.runs: list[BackupRun] = []
        self.busy = False

        self.status_box = QGroupBox()
        self.last_backup = QLabel()
        self.verified = QLabel()
        self.drill = QLabel()
        self.next_run = QLabel()
        for label in (self.last_backup, self.verified, self.drill):
            label.setWordWrap(True)
        self.last_failure = QLabel()
        self.last_failure.setWordWrap(True)
        self.last_backup_label, self.verified_label = QLabel(), QLabel()
        self.drill_label, self.next_run_label = QLabel(), QLabel()
        status = QFormLayout(self.status_box)
        status.addRow(self.last_backup_label, self.last_backup)
        status.addRow(self.verified_label, self.verified)
        status.addRow(self.drill_label, self.drill)
        status.addRow(self.next_run_label, self.next_run)
        status.addRow(self.last_failure)

        self.schedule_box = QGroupBox()
        self.enabled = QCheckBox()
        self.time = QTimeEdit()
        self.time.setDisplayFormat("HH:mm")
        self.folder = QLineEdit()
        self.choose_button = QPushButton()
        self.generations = QSpinBox()
        self.generations.setRange(GENERATIONS_MIN, GENERATIONS_MAX)
        self.save_button = QPushButton()
        self.time_label, self.folder_label, self.generations_label = QLabel(), QLabel(), QLabel()
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.choose_button)
        form = QFormLayout(self.schedule_box)
        form.addRow(self.enabled)
        form.addRow(self.time_label, self.time)
        form.addRow(self.folder_label, folder_row)
        form.addRow(self.generations_label, self.generations)
        form.addRow(self.save_button)

        self.actions_box = QGroupBox()
        self.password = password_field()
        self.password_label = QLabel()
        self.password_hint = QLabel()
        self.password_hint.setWordWrap(True)
        self.backup_button = QPushButton()
        self.verify_button = QPushButton()
        self.drill_button = QPushButton()
        buttons = QHBoxLayout()
        for button in (self.backup_button, self.verify_button, self.drill_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        actions = QFormLayout(self.actions_box)
        actions.addRow(buttons)
        actions.addRow(self.password_label, self.password)
        actions.addRow(self.password_hint)

        self.history = QTableWidget(0, 5)
        self.history.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.history.verticalHeader().setVisible(False)
        self.history.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.history.horizontalHeader().setStretchLastSection(True)
        self.busy_bar = BusyBar()
        self.message = MessageLabel()

        top = QHBoxLayout()
        top.addWidget(self.status_box, 1)
        top.addWidget(self.schedule_box, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.actions_box)
        layout.addWidget(self.busy_bar)
        layout.addWidget(self.message)
        layout.addWidget(self.history, 1)

        self.choose_button.clicked.connect(self.choose_folder)
        self.save_button.clicked.connect(self.save)
        self.backup_button.clicked.connect(self.back_up_now)
        self.verify_button.clicked.connect(self.verify)
        self.drill_button.clicked.connect(self.run_drill)
        self.retranslate()
        self.refresh()

    # --- loading -----------------------------------------------------------------------------
    def refresh(self) -> None:
        self.shell.call(calls.load_status, on_ok=self._loaded, on_error=self._error, owner=self)

    def _loaded(self, result: tuple[BackupOverview, list[BackupRun]]) -> None:
        self.state, self.runs = result
        schedule = self.state.schedule
        self.enabled.setChecked(schedule.enabled)
        hour, minute = (int(part) for part in schedule.time.split(":"))
        self.time.setTime(QTime(hour, minute))
        self.folder.setText(schedule.folder)
        self.generations.setValue(schedule.generations)
        self.retranslate()
        self.loaded.emit()

    # --- actions -----------------------------------------------------------------------------
    def choose_folder(self) -> None:
        chosen = dialogs.choose_folder(self, self.tr("Backup folder"))
        if chosen is not None:
            self.folder.setText(str(chosen))

    def _start(self) -> bool:
        if self.busy:
            return False
        self.busy = True
        self.busy_bar.setVisible(True)
        self.message.clear_message()
        return True

    def _end(self) -> None:
        self.busy = False
        self.busy_bar.setVisible(False)

    def save(self) -> None:
        if not self._start():
            return
        self.shell.call(
            calls.save_schedule,
            self.enabled.isChecked(),
            self.time.time().toString("HH:mm"),
            self.folder.text().strip(),
            self.generations.value(),
            on_ok=lambda _r: self._ok("saved", self.tr("Backup schedule saved.")),
            on_error=self._error,
            owner=self,
        )

    def back_up_now(self) -> None:
        folder = self.folder.text().strip()
        if not folder:
            chosen = dialogs.choose_folder(self, self.tr("Back up into which folder?"))
            if chosen is None:
                return
            folder = str(chosen)
        if not self._start():
            return
        self.shell.call(
            calls.back_up_now,
            folder=Path(folder),
            on_ok=lambda r: self._ok("backup", self.tr("Backup written: %1").replace("%1", str(r.path))),
            on_error=self._error,
            owner=self,
            progress=lambda done, total, _t: None,
        )

    def _password(self) -> str | None:
        password = self.password.text()
        if not password:
            self.message.show_error(
                self.tr("Type your password first (as it was when the backup was taken).")
            )
            return None
        return password

    def run_drill(self) -> None:
        password = self._password()
        if password is None or not self._start():
            return
        self.shell.call(calls.run_drill, password, on_ok=self._drilled, on_error=self._error, owner=self)

    def _drilled(self, outcome: Any) -> None:
        self.password.clear()
        if outcome.ok:
            text = self.tr("Restore drill passed (%1 s) and recorded: %2").replace(
                "%1", f"{outcome.seconds:.1f}"
            )
            self._ok("drill", text.replace("%2", str(outcome.path)))
        else:
            self._end()
            self.message.show_error(
                self.tr("Restore drill FAILED (recorded): %1").replace(
                    "%1", outcome.problem_text(self.shell.lang)
                )
            )
            self.finished.emit("drill")
            self.refresh()

    def verify(self) -> None:
        password = self._password()
        if password is None:
            return
        path = dialogs.open_file(self, self.tr("Verify a backup"), self.tr("Backups (*.bvbackup)"))
        if path is None or not self._start():
            return
        self.shell.call(
            calls.verify_file, path, password, on_ok=self._verified, on_error=self._error, owner=self
        )

    def _verified(self, verification: Any) -> None:
        self.password.clear()
        if verification.ok:
            self._ok("verify", self.tr("The backup opened and passed every check."))
        else:
            self._end()
            self.message.show_error(
                self.tr("The backup failed its checks: %1").replace(
                    "%1",
                    "; ".join(
                        p.zh if self.shell.lang.startswith("zh") else p.en for p in verification.problems
                    ),
                )
            )
            self.finished.emit("verify")
            self.refresh()

    def _ok(self, what: str, text: str) -> None:
        self._end()
        self.message.show_ok(text)
        self.finished.emit(what)
        self.refresh()

    def _error(self, exc: BaseException) -> None:
        self._end()
        self.password.clear()
        self.message.show_error(self.shell.error_text(exc))
        self.finished.emit("error")

    # --- texts -------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Backups"))
        self.status_box.setTitle(self.tr("Status"))
        self.schedule_box.setTitle(self.tr("Scheduled backup"))
        self.actions_box.setTitle(self.tr("Backups and restore drills"))
        self.last_backup_label.setText(self.tr("Last backup"))
        self.verified_label.setText(self.tr("Latest verified backup"))
        self.drill_label.setText(self.tr("Last restore drill"))
        self.next_run_label.setText(self.tr("Next scheduled backup"))
        self.enabled.setText(self.tr("Back up every day"))
        self.time_label.setText(self.tr("Time (Beijing time)"))
        self.folder_label.setText(self.tr("Folder (USB disk or network share)"))
        self.generations_label.setText(self.tr("Backups kept"))
        self.choose_button.setText(self.tr("Choose…"))
        self.save_button.setText(self.tr("Save schedule"))
        self.backup_button.setText(self.tr("Back up now"))
        self.verify_button.setText(self.tr("Verify a backup…"))
        self.drill_button.setText(self.tr("Run a restore drill"))
        self.password_label.setText(self.tr("Your password"))
        self.password_hint.setText(
            self.tr(
                "Verifying and drilling open the backup with your key slot in it: type your password as it "
                "was when the backup was taken. Restoring is done by IT on the command line "
                "(branchvault backup restore)."
            )
        )
        self.history.setHorizontalHeaderLabels(
            [self.tr("When"), self.tr("What"), self.tr("By"), self.tr("Result"), self.tr("File")]
        )
        self._show_state()

    def _show_state(self) -> None:
        state = self.state
        if state is None:
            return
        last = state.last_backup
        self.last_backup.setText(
            self.tr("none yet")
            if last is None
            else f"{calls.local_time(last.at)}  {calls.size_text(last.size)}  {last.file_name}"
        )
        verified = state.last_verified_backup
        text = self.tr("none") if verified is None else calls.local_time(verified.at)
        if state.backup_overdue:
            text += "  " + self.tr("OVERDUE: no verified backup within %n day(s)", "", state.max_age_days)
        self.verified.setText(text)
        self.verified.setStyleSheet(RED if state.backup_overdue else "")
        drill = state.last_drill
        text = self.tr("never") if drill is None else f"{calls.local_time(drill.at)}  {drill.by_username}"
        if state.drill_overdue:
            text += "  " + self.tr("OVERDUE: no passed drill within %n day(s)", "", state.drill_days)
        self.drill.setText(text)
        self.drill.setStyleSheet(RED if state.drill_overdue else "")
        if state.next_run_at is None:
            self.next_run.setText(self.tr("off"))
        else:
            from desktop_app.domain.branch_time import BRANCH_TIME

            self.next_run.setText(
                datetime.fromtimestamp(state.next_run_at, BRANCH_TIME).strftime("%Y-%m-%d %H:%M")
            )
        failure = state.last_failure
        if failure is None:
            self.last_failure.setText("")
        else:
            reason = (
                failure.findings[1 if self.shell.lang.startswith("zh") else 2]
                if len(failure.findings) > 2
                else ""
            )
            self.last_failure.setText(
                self.tr("The last backup failed (%1): %2")
                .replace("%1", calls.local_time(failure.at))
                .replace("%2", reason)
            )
        self.last_failure.setStyleSheet(RED if failure is not None else "")
        self._fill_history()

    def _fill_history(self) -> None:
        kinds = {
            "create": self.tr("backup"),
            "verify": self.tr("verify"),
            "restore": self.tr("restore"),
            "drill": self.tr("restore drill"),
        }
        self.history.setRowCount(len(self.runs))
        for row, run in enumerate(self.runs):
            what = kinds.get(run.kind, run.kind) + (self.tr(" (scheduled)") if run.scheduled else "")
            result = self.tr("ok") if run.ok else self.tr("FAILED")
            values = (calls.local_time(run.at), what, run.by_username, result, run.file_name or run.folder)
            for column, value in enumerate(values):
                self.history.setItem(row, column, QTableWidgetItem(value))


def make_tab(shell: Shell) -> QWidget | None:
    """The tab for IT administrators and managers (``backup.run``); None for other roles."""
    me = shell.existing_signed_in()
    if me is None or not can(me.session.role, Action.BACKUP_RUN):
        return None
    return BackupsTab(shell)
