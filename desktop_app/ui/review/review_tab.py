"""The "合规自查 / Compliance review" tab: reviews, the current review item by item, rectifications.

Managers and auditors (``Action.REVIEW_CONDUCT``). The list on the left holds every review (the
draft first); the tree shows the selected review's items grouped by category with their result.
Selecting an item shows its question, legal basis, the evidence asked for and, for items the app
evaluates, the app's evidence read-only (those results cannot be overruled, only noted; an item the
app cannot judge can only fail or be not applicable). A failure asks for the rectification's owner
and due date. Finish freezes the review; "Save PDF…" writes the report through the checked output
path (ui/output_files.py). The rectifications table flags overdue ones in red and closes one with a
note. Every service call runs on the shell's worker (services/compliance_reviews.py); free texts
carry the "no personal details" hint because they are kept in branch.db.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.compliance_review import ItemResult, Outcome
from desktop_app.domain.permissions import Action, can
from desktop_app.ui.form_parts import BusyBar, MessageLabel
from desktop_app.ui.output_files import choose_output, with_pdf_suffix
from desktop_app.ui.read_only_table import setup_read_only_table
from desktop_app.ui.retranslate import Retranslating
from desktop_app.ui.shell import Shell

if TYPE_CHECKING:
    from desktop_app.services.compliance_reviews import RectificationRow, ReviewDetail, StaffName
    from desktop_app.services.signed_in import SignedIn

OVERDUE_COLOUR = QColor("#c62828")
RESULT_ROLE = Qt.ItemDataRole.UserRole


def _load(me: SignedIn) -> tuple[list[ReviewDetail], list[RectificationRow], list[StaffName], date, date]:
    from desktop_app.services import compliance_reviews as reviews

    return (
        reviews.list_reviews(me),
        reviews.list_rectifications(me),
        reviews.owner_candidates(me),
        reviews.next_review_due_on(me),
        reviews.default_due_date(me),
    )


def make_tab(shell: Shell) -> QWidget | None:
    """The tab for reviewers (managers, auditors); None for other roles."""
    me = shell.existing_signed_in()
    if me is None or not can(me.session.role, Action.REVIEW_CONDUCT):
        return None
    return ReviewTab(shell)


class ReviewTab(Retranslating, QWidget):
    loaded = Signal()
    changed = Signal(str)  # what was done: "start", "answer", "finish", "close", "evaluate"
    saved = Signal(str)  # the PDF's path
    failed = Signal(str)

    def __init__(self, shell: Shell, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shell = shell
        self._started = False
        self.reviews: list[ReviewDetail] = []
        self.rectification_rows: list[RectificationRow] = []
        self.owners: list[StaffName] = []
        self.default_due = date.today()
        self.current: ReviewDetail | None = None
        self.selected_item: str | None = None

        self.heading = QLabel()
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.heading.setFont(font)
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.due_label = QLabel()
        self.score_label = QLabel()
        self.error = MessageLabel()
        self.info = MessageLabel()
        self.busy_bar = BusyBar()
        self.refresh_button = QPushButton()
        self.start_button = QPushButton()
        self.evaluate_button = QPushButton()
        self.verify_button = QPushButton()
        self.finish_button = QPushButton()
        self.pdf_button = QPushButton()

        self.review_list = QListWidget()
        self.items_tree = QTreeWidget()
        self.items_tree.setColumnCount(3)
        self.items_tree.setColumnWidth(0, 90)
        self.items_tree.setColumnWidth(1, 380)

        self.item_box = QGroupBox()
        self.question = QLabel()
        self.question.setWordWrap(True)
        self.basis = QLabel()
        self.basis.setWordWrap(True)
        self.evidence_asked = QLabel()
        self.evidence_asked.setWordWrap(True)
        self.app_evidence = QLabel()
        self.app_evidence.setWordWrap(True)
        self.app_evidence.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.pass_radio = QRadioButton()
        self.fail_radio = QRadioButton()
        self.na_radio = QRadioButton()
        self.result_group = QButtonGroup(self)
        for radio, result in (
            (self.pass_radio, ItemResult.PASS),
            (self.fail_radio, ItemResult.FAIL),
            (self.na_radio, ItemResult.NA),
        ):
            self.result_group.addButton(radio)
            radio.setProperty("result", result.value)
        self.note_edit = QLineEdit()
        self.owner_box = QComboBox()
        self.due_edit = QDateEdit()
        self.due_edit.setCalendarPopup(True)
        self.due_edit.setDisplayFormat("yyyy-MM-dd")
        self.owner_label = QLabel()
        self.due_label_text = QLabel()
        self.save_answer_button = QPushButton()
        results = QHBoxLayout()
        for radio in (self.pass_radio, self.fail_radio, self.na_radio):
            results.addWidget(radio)
        results.addStretch(1)
        form = QFormLayout()
        self.note_label = QLabel()
        form.addRow(self.note_label, self.note_edit)
        form.addRow(self.owner_label, self.owner_box)
        form.addRow(self.due_label_text, self.due_edit)
        box = QVBoxLayout(self.item_box)
        for widget in (self.question, self.basis, self.evidence_asked, self.app_evidence):
            box.addWidget(widget)
        box.addLayout(results)
        box.addLayout(form)
        box.addWidget(self.save_answer_button, 0, Qt.AlignmentFlag.AlignRight)

        self.rect_heading = QLabel()
        self.rect_table = QTableWidget(0, 6)
        setup_read_only_table(self.rect_table)
        self.close_note = QLineEdit()
        self.close_button = QPushButton()
        closing = QHBoxLayout()
        closing.addWidget(self.close_note, 1)
        closing.addWidget(self.close_button)

        tools = QHBoxLayout()
        for button in (
            self.start_button,
            self.evaluate_button,
            self.verify_button,
            self.finish_button,
            self.pdf_button,
        ):
            tools.addWidget(button)
        tools.addStretch(1)
        tools.addWidget(self.refresh_button)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.score_label)
        right_layout.addWidget(self.items_tree, 3)
        right_layout.addWidget(self.item_box, 2)
        top = QSplitter(Qt.Orientation.Horizontal)
        top.addWidget(self.review_list)
        top.addWidget(right)
        top.setStretchFactor(1, 4)
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addWidget(self.rect_heading)
        bottom_layout.addWidget(self.rect_table)
        bottom_layout.addLayout(closing)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        splitter.setStretchFactor(0, 3)

        layout = QVBoxLayout(self)
        header: tuple[QWidget, ...] = (
            self.heading,
            self.explanation,
            self.due_label,
            self.error,
            self.info,
            self.busy_bar,
        )
        for part in header:
            layout.addWidget(part)
        layout.addLayout(tools)
        layout.addWidget(splitter, 1)

        self.refresh_button.clicked.connect(self.reload)
        self.start_button.clicked.connect(self.start_review)
        self.evaluate_button.clicked.connect(lambda: self.evaluate(verify_audit=False))
        self.verify_button.clicked.connect(lambda: self.evaluate(verify_audit=True))
        self.finish_button.clicked.connect(self.finish_review)
        self.pdf_button.clicked.connect(self.save_pdf)
        self.save_answer_button.clicked.connect(self.save_answer)
        self.close_button.clicked.connect(self.close_rectification)
        self.review_list.currentRowChanged.connect(self._review_chosen)
        self.items_tree.currentItemChanged.connect(self._item_chosen)
        self.result_group.buttonToggled.connect(lambda *_: self._result_changed())
        self.retranslate()
        self._show_item(None)

    # ------------------------------------------------------------------------------------- texts

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Compliance review"))
        self.heading.setText(self.tr("Compliance self-review"))
        self.explanation.setText(
            self.tr(
                "Every six months a manager or an auditor goes through the checklist. Items marked "
                "\u201capp\u201d are evaluated by BranchVault from its own records; answer the others "
                "after checking on site. Each failure needs a rectification with an owner and a due date."
            )
        )
        self.refresh_button.setText(self.tr("&Refresh"))
        self.start_button.setText(self.tr("&Start review"))
        self.evaluate_button.setText(self.tr("&Evaluate again"))
        self.verify_button.setText(self.tr("&Verify audit chain and evaluate"))
        self.finish_button.setText(self.tr("&Finish review"))
        self.pdf_button.setText(self.tr("Save &PDF…"))
        self.item_box.setTitle(self.tr("Item"))
        self.pass_radio.setText(self.tr("Pass"))
        self.fail_radio.setText(self.tr("Fail"))
        self.na_radio.setText(self.tr("Not applicable"))
        self.note_label.setText(self.tr("Note:"))
        hint = self.tr("Do not enter client names, ID numbers or other personal details here")
        self.note_edit.setPlaceholderText(hint)
        self.close_note.setPlaceholderText(self.tr("What was done (closing note)") + " — " + hint)
        self.owner_label.setText(self.tr("Owner:"))
        self.due_label_text.setText(self.tr("Due date:"))
        self.save_answer_button.setText(self.tr("Save &answer"))
        self.rect_heading.setText(self.tr("Rectifications (overdue in red)"))
        self.close_button.setText(self.tr("&Close rectification"))
        self.items_tree.setHeaderLabels([self.tr("Item"), self.tr("Question"), self.tr("Result")])
        self.rect_table.setHorizontalHeaderLabels(
            [
                self.tr("No."),
                self.tr("Period / item"),
                self.tr("What"),
                self.tr("Owner"),
                self.tr("Due"),
                self.tr("State"),
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
        for button in (self.refresh_button, self.start_button, self.save_answer_button, self.finish_button):
            button.setEnabled(not busy)

    def reload(self) -> None:
        self._busy(True)
        self.shell.call(_load, on_ok=self._loaded, on_error=self._failed, owner=self)

    def _loaded(self, result: object) -> None:
        reviews, rows, owners, next_due, default_due = cast(
            "tuple[list[ReviewDetail], list[RectificationRow], list[StaffName], date, date]", result
        )
        keep = self.current.review.id if self.current else None
        self.reviews, self.rectification_rows, self.owners, self.default_due = (
            reviews,
            rows,
            owners,
            default_due,
        )
        self.next_due = next_due
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
            detail = cast("ReviewDetail | None", result if hasattr(result, "review") else None)
            if detail is not None:
                self.current = detail
            self.changed.emit(what)
            self.reload()

        return ok

    # ------------------------------------------------------------------------------------ showing

    def _fill(self) -> None:
        if not hasattr(self, "next_due"):
            return
        self.due_label.setText(self.tr("Next review due by %1").replace("%1", self.next_due.isoformat()))
        self.review_list.blockSignals(True)
        self.review_list.clear()
        row = 0
        for index, detail in enumerate(self.reviews):
            r = detail.review
            state = self.tr("finished") if r.finished else self.tr("draft")
            score = self._pick(detail.score.label())
            QListWidgetItem(f"{r.period_key}  #{r.id}  {state}  {score}", self.review_list)
            if self.current is not None and r.id == self.current.review.id:
                row = index
        self.review_list.setCurrentRow(row if self.reviews else -1)
        self.review_list.blockSignals(False)
        draft = any(not d.review.finished for d in self.reviews)
        self.start_button.setEnabled(not draft)
        editable = self.current is not None and not self.current.review.finished
        for button in (self.evaluate_button, self.verify_button, self.finish_button):
            button.setEnabled(editable)
        self.pdf_button.setEnabled(self.current is not None)
        self._fill_items()
        self._fill_rectifications()

    def _fill_items(self) -> None:
        keep = self.selected_item
        self.items_tree.blockSignals(True)
        self.items_tree.clear()
        detail = self.current
        chosen: QTreeWidgetItem | None = None
        if detail is None:
            self.score_label.setText(self.tr("No review yet: start one."))
        else:
            score = self._pick(detail.score.label())
            self.score_label.setText(
                self.tr("Review %1 (%2), score %3, unanswered %4")
                .replace("%1", str(detail.review.id))
                .replace("%2", detail.review.period_key)
                .replace("%3", score)
                .replace("%4", str(detail.score.unanswered))
            )
            if detail.altered:
                from desktop_app.services.compliance_reviews import ALTERED_WARNING

                self.error.show_error(self._pick(ALTERED_WARNING))
            for category, items in detail.checklist.by_category():
                parent = QTreeWidgetItem(self.items_tree, [self._pick((category.zh, category.en))])
                parent.setFirstColumnSpanned(True)
                for item in items:
                    answer = detail.answer(item.id)
                    result = "—" if answer.result is None else self._pick(answer.result.labels)
                    label = item.id + (" · " + self.tr("app") if item.app_evaluated else "")
                    child = QTreeWidgetItem(
                        parent, [label, self._pick((item.question_zh, item.question_en)), result]
                    )
                    child.setData(0, RESULT_ROLE, item.id)
                    if answer.result is ItemResult.FAIL:
                        child.setForeground(2, QBrush(OVERDUE_COLOUR))
                    if item.id == keep:
                        chosen = child
            self.items_tree.expandAll()
        self.items_tree.blockSignals(False)
        if chosen is not None:
            self.items_tree.setCurrentItem(chosen)
        self._show_item(keep if chosen is not None else None)

    def _fill_rectifications(self) -> None:
        rows: list[tuple[int, str, str, str, str, str, bool, bool]] = []
        shown_ids: set[int] = set()
        for row in self.rectification_rows:
            r = row.rectification
            shown_ids.add(r.id)
            rows.append(
                (
                    r.id,
                    f"{row.period_key} {r.item_id}",
                    r.description,
                    row.owner,
                    r.due_on.isoformat(),
                    r.state.value,
                    row.overdue,
                    r.state.value == "open",
                )
            )
        if self.current is not None and not self.current.review.finished:  # the draft's planned ones
            for r in self.current.rectifications:
                if r.id not in shown_ids:
                    rows.append(
                        (
                            r.id,
                            f"{self.current.review.period_key} {r.item_id}",
                            r.description,
                            self.current.name(r.owner_id),
                            r.due_on.isoformat(),
                            "draft",
                            False,
                            False,
                        )
                    )
        self.rect_table.setRowCount(len(rows))
        for index, (rid, where, what, owner, due, state, overdue, _open) in enumerate(rows):
            state_text = {
                "open": self.tr("open"),
                "closed": self.tr("closed"),
                "draft": self.tr("planned (review not finished)"),
            }[state]
            if overdue:
                state_text += " — " + self.tr("OVERDUE")
            for column, text in enumerate((str(rid), where, what, owner, due, state_text)):
                cell = QTableWidgetItem(text)
                cell.setData(RESULT_ROLE, rid)
                if overdue:
                    cell.setForeground(QBrush(OVERDUE_COLOUR))
                self.rect_table.setItem(index, column, cell)

    def overdue_rows(self) -> list[int]:
        """Rows of the rectifications table shown in red (for tests and the banner)."""
        return [
            row
            for row in range(self.rect_table.rowCount())
            if (cell := self.rect_table.item(row, 0)) is not None
            and cell.foreground().color() == OVERDUE_COLOUR
        ]

    def _review_chosen(self, row: int) -> None:
        if 0 <= row < len(self.reviews):
            self.current = self.reviews[row]
            self.selected_item = None
            self._fill()

    def _item_chosen(self, current: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None) -> None:
        item_id = None if current is None else current.data(0, RESULT_ROLE)
        self._show_item(str(item_id) if item_id else None)

    def select_item(self, item_id: str) -> None:
        """Select ``item_id`` in the tree (tests, and after saving an answer)."""
        for index in range(self.items_tree.topLevelItemCount()):
            parent = self.items_tree.topLevelItem(index)
            if parent is None:
                continue
            for child_index in range(parent.childCount()):
                child = parent.child(child_index)
                if child is not None and child.data(0, RESULT_ROLE) == item_id:
                    self.items_tree.setCurrentItem(child)
                    return

    def _show_item(self, item_id: str | None) -> None:
        self.selected_item = item_id
        detail = self.current
        visible = detail is not None and item_id is not None
        self.item_box.setEnabled(visible and detail is not None and not detail.review.finished)
        if not visible or detail is None or item_id is None:
            for label in (self.question, self.basis, self.evidence_asked, self.app_evidence):
                label.clear()
            self._result_changed()
            return
        item = detail.checklist.item(item_id)
        answer = detail.answer(item_id)
        self.question.setText(f"<b>{item.id}</b> " + self._pick((item.question_zh, item.question_en)))
        self.basis.setText(
            self.tr("Legal basis: %1").replace("%1", self._pick((item.basis_zh, item.basis_en)))
        )
        self.evidence_asked.setText(
            self.tr("Evidence asked for: %1").replace("%1", self._pick((item.evidence_zh, item.evidence_en)))
        )
        ev = answer.evaluation
        if ev is not None:
            text = self._pick((ev.evidence_zh, ev.evidence_en))
            self.app_evidence.setText(self.tr("Evaluated by the app (read-only): %1").replace("%1", text))
        else:
            self.app_evidence.clear()
        given = ev.result() if ev is not None else None
        app_fixed = item.app_evaluated and ev is not None and given is not None
        unknown = ev is not None and ev.outcome is Outcome.UNKNOWN
        for radio in (self.pass_radio, self.fail_radio, self.na_radio):
            radio.setEnabled(not app_fixed)
        if unknown:
            self.pass_radio.setEnabled(False)
        self.result_group.setExclusive(False)
        for radio in (self.pass_radio, self.fail_radio, self.na_radio):
            radio.setChecked(answer.result is not None and radio.property("result") == answer.result.value)
        self.result_group.setExclusive(True)
        self.note_edit.setText(answer.note)
        self.owner_box.clear()
        for owner in self.owners:
            self.owner_box.addItem(owner.label(), owner.username)
        self.due_edit.setDate(QDate(self.default_due.year, self.default_due.month, self.default_due.day))
        self._result_changed()

    def chosen_result(self) -> ItemResult | None:
        button = self.result_group.checkedButton()
        return None if button is None else ItemResult(str(button.property("result")))

    def _result_changed(self) -> None:
        detail = self.current
        failing = self.chosen_result() is ItemResult.FAIL
        has_rectification = bool(
            detail and self.selected_item and detail.rectifications_of(self.selected_item)
        )
        need = failing and not has_rectification
        for widget in (self.owner_box, self.due_edit, self.owner_label, self.due_label_text):
            widget.setVisible(need)

    # ------------------------------------------------------------------------------------ actions

    def start_review(self) -> None:
        from desktop_app.services.compliance_reviews import start_review

        self._busy(True)
        self.shell.call(
            start_review,
            on_ok=self._done("start", self.tr("Review started.")),
            on_error=self._failed,
            owner=self,
        )

    def evaluate(self, *, verify_audit: bool) -> None:
        from desktop_app.services.compliance_reviews import evaluate_items

        if self.current is None:
            return
        self._busy(True)
        self.shell.call(
            evaluate_items,
            self.current.review.id,
            verify_audit=verify_audit,
            on_ok=self._done("evaluate", self.tr("The app's items were evaluated again.")),
            on_error=self._failed,
            owner=self,
        )

    def save_answer(self) -> None:
        result = self.chosen_result()
        if self.current is None or self.selected_item is None or result is None:
            self.error.show_error(self.tr("Choose pass, fail or not applicable."))
            return
        owner: str | None = None
        due: date | None = None
        if self.owner_box.isVisible():
            owner = str(self.owner_box.currentData())
            qdate = self.due_edit.date()
            due = date(qdate.year(), qdate.month(), qdate.day())
        self._busy(True)
        self.shell.call(
            _answer,
            self.selected_item,
            result,
            self.note_edit.text(),
            owner,
            due,
            self.current.review.id,
            on_ok=self._done("answer", self.tr("Answer saved.")),
            on_error=self._failed,
            owner=self,
        )

    def finish_review(self) -> None:
        from desktop_app.services.compliance_reviews import finish_review

        if self.current is None:
            return
        self._busy(True)
        self.shell.call(
            finish_review,
            self.current.review.id,
            on_ok=self._done("finish", self.tr("Review finished: it can no longer change.")),
            on_error=self._failed,
            owner=self,
        )

    def selected_rectification(self) -> int | None:
        rows = self.rect_table.selectionModel().selectedRows()
        if not rows:
            return None
        cell = self.rect_table.item(rows[0].row(), 0)
        return None if cell is None else int(cell.data(RESULT_ROLE))

    def close_rectification(self) -> None:
        from desktop_app.services.compliance_reviews import close_rectification

        chosen = self.selected_rectification()
        if chosen is None:
            self.error.show_error(self.tr("Choose a rectification first."))
            return
        self._busy(True)
        self.shell.call(
            close_rectification,
            chosen,
            self.close_note.text(),
            on_ok=self._done("close", self.tr("Rectification closed.")),
            on_error=self._failed,
            owner=self,
        )

    def save_pdf(self) -> None:
        from desktop_app.services.compliance_reviews import save_report

        if self.current is None:
            return
        r = self.current.review
        chosen = choose_output(
            self,
            self.tr("Save the review report"),
            f"compliance-review-{r.period_key}-{r.id}.pdf",
            self.tr("PDF files (*.pdf)"),
            data_dir=self.shell.data_dir,
            normalise=with_pdf_suffix,
        )
        if chosen is None:
            return
        self._busy(True)

        def written(path: object) -> None:
            self._busy(False)
            self.info.show_ok(self.tr("Report saved: %1").replace("%1", str(path)))
            self.saved.emit(str(path))

        self.shell.call(
            save_report,
            chosen.path,
            r.id,
            overwrite=chosen.overwrite,
            on_ok=written,
            on_error=self._failed,
            owner=self,
        )


def _answer(
    me: SignedIn,
    item_id: str,
    result: ItemResult,
    note: str,
    owner: str | None,
    due: date | None,
    review_id: int,
) -> ReviewDetail:
    """On the database lane: answer an item (and open its rectification when a failure names an owner)."""
    from desktop_app.services.compliance_reviews import answer_item

    return answer_item(me, item_id, result, note, owner=owner, due_on=due, review_id=review_id)
