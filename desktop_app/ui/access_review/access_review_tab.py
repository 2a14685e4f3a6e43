"""The "权限审查 / Access review" tab (Security area): the periodic review of every staff account.

Managers (``Action.ACCESS_REVIEW``) start this period's review, decide for each member — keep,
disable, or change the role (each with a confirmation dialog: a disable rotates the keys and signs
everyone out; a role change into agent or manager waits for a manager's confirmation code) — finish
it and export it as .xlsx. IT administrators and auditors (``Action.SECOPS_VIEW``) see the same
tab read-only. The table shows each member's role, last successful sign-in and days without one,
inactive accounts in red (times in Beijing time to the minute; the columns fit their contents and
the note takes the rest, so the table fits a 1280-pixel window); the narrow list on the left is the
history of reviews. A finished review that
no longer matches its audit fingerprint shows the "altered" warning. Every service call runs on
the shell's worker (services/access_reviews.py); notes carry the "no personal details" hint.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.access_review import Decision
from desktop_app.domain.permissions import Action, can
from desktop_app.domain.roles import Role
from desktop_app.ui import dialogs
from desktop_app.ui.exports.export_labels import local_time
from desktop_app.ui.form_parts import BusyBar, MessageLabel
from desktop_app.ui.output_files import choose_output
from desktop_app.ui.read_only_table import fit_columns_to_contents, setup_read_only_table
from desktop_app.ui.retranslate import Retranslating
from desktop_app.ui.shell import Shell

if TYPE_CHECKING:
    from desktop_app.services.access_reviews import MemberActivity, ReviewDetail, ReviewStatus
    from desktop_app.services.signed_in import SignedIn

INACTIVE_COLOUR = QColor("#c62828")
USERNAME_ROLE = Qt.ItemDataRole.UserRole
(USERNAME, NAME, ROLE, LAST_SIGN_IN, DAYS, DECISION, NOTE, DECIDED_BY) = range(8)
HISTORY_WIDTH = 170


def _load(me: SignedIn) -> tuple[list[ReviewDetail], ReviewStatus, list[MemberActivity]]:
    from desktop_app.services import access_reviews as reviews

    return reviews.list_reviews(me), reviews.review_status(me), reviews.member_activity(me)


def _decide(me: SignedIn, username: str, decision: str, new_role: Role | None, note: str) -> ReviewDetail:
    from desktop_app.services.access_reviews import decide

    return decide(me, username, decision, new_role=new_role, note=note)


def with_xlsx_suffix(path: Path) -> Path:
    """A name typed without a suffix gets ``.xlsx``."""
    return path if path.suffix else path.with_suffix(".xlsx")


def make_tab(shell: Shell) -> QWidget | None:
    """Managers run the review; IT administrators and auditors read it; None for agents."""
    me = shell.existing_signed_in()
    if me is None or not can(me.session.role, Action.SECOPS_VIEW):
        return None
    return AccessReviewTab(shell, editable=can(me.session.role, Action.ACCESS_REVIEW))


class AccessReviewTab(Retranslating, QWidget):
    loaded = Signal()
    changed = Signal(str)  # "start", "keep", "disable", "change_role", "finish"
    saved = Signal(str)  # the export's path
    failed = Signal(str)

    def __init__(self, shell: Shell, *, editable: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shell = shell
        self.editable = editable
        self._started = False
        self.reviews: list[ReviewDetail] = []
        self.status: ReviewStatus | None = None
        self.activity: list[MemberActivity] = []
        self.current: ReviewDetail | None = None

        self.heading = QLabel()
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.heading.setFont(font)
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.status_label = QLabel()
        self.error = MessageLabel()
        self.info = MessageLabel()
        self.busy_bar = BusyBar()
        self.refresh_button = QPushButton()
        self.start_button = QPushButton()
        self.finish_button = QPushButton()
        self.export_button = QPushButton()
        self.history_list = QListWidget()
        self.table = QTableWidget(0, 8)
        setup_read_only_table(self.table)
        fit_columns_to_contents(self.table, NOTE)
        self.note_edit = QLineEdit()
        self.keep_button = QPushButton()
        self.disable_button = QPushButton()
        self.role_box = QComboBox()
        for role in Role:
            self.role_box.addItem("", role.value)
        self.role_button = QPushButton()

        tools = QHBoxLayout()
        for button in (self.start_button, self.finish_button, self.export_button):
            tools.addWidget(button)
        tools.addStretch(1)
        tools.addWidget(self.refresh_button)
        deciding = QHBoxLayout()
        deciding.addWidget(self.note_edit, 1)
        for widget in (self.keep_button, self.disable_button, self.role_box, self.role_button):
            deciding.addWidget(widget)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.table, 1)
        right_layout.addLayout(deciding)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.history_list)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([HISTORY_WIDTH, 1000])
        layout = QVBoxLayout(self)
        header: tuple[QWidget, ...] = (
            self.heading,
            self.explanation,
            self.status_label,
            self.error,
            self.info,
            self.busy_bar,
        )
        for part in header:
            layout.addWidget(part)
        layout.addLayout(tools)
        layout.addWidget(splitter, 1)
        editing: tuple[QWidget, ...] = (
            self.start_button,
            self.finish_button,
            self.note_edit,
            self.keep_button,
            self.disable_button,
            self.role_box,
            self.role_button,
        )
        for part in editing:
            part.setVisible(editable)

        self.refresh_button.clicked.connect(self.reload)
        self.start_button.clicked.connect(self.start_review)
        self.finish_button.clicked.connect(self.finish_review)
        self.export_button.clicked.connect(self.export)
        self.keep_button.clicked.connect(lambda: self.decide_selected(Decision.KEEP))
        self.disable_button.clicked.connect(lambda: self.decide_selected(Decision.DISABLE))
        self.role_button.clicked.connect(lambda: self.decide_selected(Decision.CHANGE_ROLE))
        self.history_list.currentRowChanged.connect(self._review_chosen)
        self.retranslate()

    # ------------------------------------------------------------------------------------- texts

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Access review"))
        self.heading.setText(self.tr("Periodic access review"))
        self.explanation.setText(
            self.tr(
                "Once per period a manager checks every staff account: keep it (the role is still "
                "needed), disable it, or change its role. Disabling rotates the keys and signs everyone "
                "out; a member moved into a client role needs a manager's confirmation before seeing "
                "client data. Accounts without a sign-in for a long time are shown in red."
            )
        )
        self.refresh_button.setText(self.tr("&Refresh"))
        self.start_button.setText(self.tr("&Start this period's review"))
        self.finish_button.setText(self.tr("&Finish review"))
        self.export_button.setText(self.tr("&Export…"))
        self.keep_button.setText(self.tr("&Keep"))
        self.disable_button.setText(self.tr("&Disable"))
        self.role_button.setText(self.tr("Change &role"))
        self.note_edit.setPlaceholderText(
            self.tr("Note (why) — do not enter client names, ID numbers or other personal details")
        )
        for index, role in enumerate(Role):
            self.role_box.setItemText(index, role.label(self.shell.lang))
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Username"),
                self.tr("Name"),
                self.tr("Role"),
                self.tr("Last sign-in"),
                self.tr("Days"),
                self.tr("Decision"),
                self.tr("Note"),
                self.tr("Decided by"),
            ]
        )
        self._fill()

    def _zh(self) -> bool:
        return self.shell.lang.startswith("zh")

    def _pick(self, pair: tuple[str, str]) -> str:
        return pair[0] if self._zh() else pair[1]

    # ------------------------------------------------------------------------------------ loading

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._started:
            self._started = True
            self.reload()

    def _busy(self, busy: bool) -> None:
        self.busy_bar.setVisible(busy)
        for button in (self.refresh_button, self.start_button, self.finish_button, self.keep_button):
            button.setEnabled(not busy)

    def reload(self) -> None:
        self._busy(True)
        self.shell.call(_load, on_ok=self._loaded, on_error=self._failed, owner=self)

    def _loaded(self, result: object) -> None:
        reviews, status, activity = cast(
            "tuple[list[ReviewDetail], ReviewStatus, list[MemberActivity]]", result
        )
        keep = self.current.review.id if self.current else None
        self.reviews, self.status, self.activity = reviews, status, activity
        self._busy(False)
        ids = [r.review.id for r in reviews]
        self.current = reviews[ids.index(keep)] if keep in ids else (reviews[0] if reviews else None)
        self._fill()
        self.loaded.emit()

    def _failed(self, exc: BaseException) -> None:
        self._busy(False)
        text = self.shell.error_text(exc)
        self.error.show_error(text)
        self.failed.emit(text)

    def _done(self, what: str, message: str) -> Callable[[object], None]:
        def ok(result: object) -> None:
            self.error.clear_message()
            self.info.show_ok(message)
            if hasattr(result, "review"):
                self.current = cast("ReviewDetail", result)
            self.changed.emit(what)
            self.reload()

        return ok

    # ------------------------------------------------------------------------------------ showing

    def _fill(self) -> None:
        status = self.status
        if status is None:
            return
        text = self.tr("Period %1: next review due by %2.").replace("%1", status.period_key)
        text = text.replace("%2", status.next_due.isoformat())
        if status.reviewed:
            text += " " + self.tr("This period's review is finished.")
        elif status.overdue:
            text += " " + self.tr("The review is OVERDUE.")
        self.status_label.setText(text)
        self.history_list.blockSignals(True)
        self.history_list.clear()
        row = 0
        for index, detail in enumerate(self.reviews):
            r = detail.review
            state = self.tr("finished") if r.finished else self.tr("open")
            QListWidgetItem(f"{r.period_key}  #{r.id}  {state}", self.history_list)
            if self.current is not None and r.id == self.current.review.id:
                row = index
        self.history_list.setCurrentRow(row if self.reviews else -1)
        self.history_list.blockSignals(False)
        open_review = any(not d.review.finished for d in self.reviews)
        self.start_button.setEnabled(not open_review and not status.reviewed)
        deciding = self.current is not None and not self.current.review.finished
        for widget in (self.finish_button, self.keep_button, self.disable_button, self.role_button):
            widget.setEnabled(deciding)
        self.export_button.setEnabled(self.current is not None)
        self.error.clear_message()
        if self.current is not None and self.current.altered:
            from desktop_app.services.access_reviews import ALTERED_WARNING

            self.error.show_error(self._pick(ALTERED_WARNING))
        self._fill_table()

    def _fill_table(self) -> None:
        inactive = {a.username for a in self.activity if a.inactive and a.active}
        rows: list[tuple[list[str], bool]] = []
        if self.current is None:  # no review yet: today's accounts
            for a in self.activity:
                last = local_time(a.last_sign_in) or self.tr("never signed in")
                cells = [
                    a.username,
                    a.display_name,
                    a.role.label(self.shell.lang),
                    last,
                    str(a.days_inactive),
                ]
                rows.append(([*cells, "", "", ""], a.username in inactive))
        else:
            detail = self.current
            for i in detail.items:
                decision = (
                    "" if i.decision is None else self._pick((i.decision.label_zh, i.decision.label_en))
                )
                if i.new_role is not None:
                    decision += " → " + i.new_role.label(self.shell.lang)
                role = i.role.label(self.shell.lang) + ("" if i.active else " · " + self.tr("disabled"))
                by = f"{detail.name(i.decided_by)} {local_time(i.decided_at)}".strip()
                cells = [
                    i.username,
                    i.display_name,
                    role,
                    local_time(i.last_sign_in) or self.tr("never signed in"),
                    str(i.days_inactive),
                    decision,
                    i.note,
                    by,
                ]
                rows.append((cells, i.username in inactive and i.decision is None))
        self.table.setRowCount(len(rows))
        for r, (cells, flagged) in enumerate(rows):
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(USERNAME_ROLE, cells[USERNAME])
                if c == NOTE and text:
                    item.setToolTip(text)
                if flagged and c in (LAST_SIGN_IN, DAYS):
                    item.setForeground(QBrush(INACTIVE_COLOUR))
                self.table.setItem(r, c, item)

    def _review_chosen(self, row: int) -> None:
        if 0 <= row < len(self.reviews):
            self.current = self.reviews[row]
            self._fill()

    def select_member(self, username: str) -> None:
        for row in range(self.table.rowCount()):
            cell = self.table.item(row, 0)
            if cell is not None and cell.text() == username:
                self.table.selectRow(row)
                return

    def selected_member(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        cell = self.table.item(rows[0].row(), 0)
        return None if cell is None else str(cell.data(USERNAME_ROLE))

    # ------------------------------------------------------------------------------------ actions

    def start_review(self) -> None:
        from desktop_app.services.access_reviews import start_review

        self._busy(True)
        self.shell.call(
            start_review,
            on_ok=self._done("start", self.tr("Review started.")),
            on_error=self._failed,
            owner=self,
        )

    def decide_selected(self, decision: Decision) -> None:
        username = self.selected_member()
        if username is None:
            self.error.show_error(self.tr("Choose a member first."))
            return
        new_role: Role | None = None
        if decision is Decision.DISABLE:
            question = self.tr(
                "Disable %1? Their key slot is removed, their client-data access is withdrawn and the "
                "keys are rotated: everyone signed in must sign in again."
            ).replace("%1", username)
            if not dialogs.confirm(self, self.tr("Disable the account?"), question):
                return
        elif decision is Decision.CHANGE_ROLE:
            new_role = Role(str(self.role_box.currentData()))
            question = (
                self.tr(
                    "Change %1's role to %2? Client-data access is withdrawn and the keys are rotated; a "
                    "member moved to agent or manager must be confirmed again by a manager."
                )
                .replace("%1", username)
                .replace("%2", new_role.label(self.shell.lang))
            )
            if not dialogs.confirm(self, self.tr("Change the role?"), question):
                return
        self._busy(True)
        self.shell.call(
            _decide,
            username,
            decision.value,
            new_role,
            self.note_edit.text(),
            on_ok=self._done(decision.value, self.tr("Decision saved for %1.").replace("%1", username)),
            on_error=self._failed,
            owner=self,
        )

    def finish_review(self) -> None:
        from desktop_app.services.access_reviews import finish_review

        if not dialogs.confirm(
            self,
            self.tr("Finish the review?"),
            self.tr("A finished review can no longer change. Finish it now?"),
        ):
            return
        self._busy(True)
        self.shell.call(
            finish_review,
            on_ok=self._done("finish", self.tr("Review finished: it can no longer change.")),
            on_error=self._failed,
            owner=self,
        )

    def export(self) -> None:
        from desktop_app.services.access_reviews import export_review

        if self.current is None:
            return
        r = self.current.review
        chosen = choose_output(
            self,
            self.tr("Export the access review"),
            f"access-review-{r.period_key}.xlsx",
            self.tr("Excel workbooks (*.xlsx);;CSV files (*.csv)"),
            data_dir=self.shell.data_dir,
            normalise=with_xlsx_suffix,
        )
        if chosen is None:
            return
        self._busy(True)

        def written(path: object) -> None:
            self._busy(False)
            self.info.show_ok(self.tr("Exported: %1").replace("%1", str(path)))
            self.saved.emit(str(path))

        self.shell.call(
            export_review,
            chosen.path,
            r.id,
            overwrite=chosen.overwrite,
            on_ok=written,
            on_error=self._failed,
            owner=self,
        )
