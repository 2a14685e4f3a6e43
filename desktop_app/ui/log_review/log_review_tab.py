"""The "日志审查 / Log review" tab of the Security area: the auditor's periodic audit-log review.

The status line (last review, next due; red when overdue, and when a recorded review was altered or
deleted behind the app's back), a period picker (by default the day after the last review to
yesterday), the period's summary (entries per action and outcome, refusals per member, sign-ins
outside business hours, failed sign-ins, alerts raised and still open), the findings form (auditors
only: no findings, or findings written down, and the follow-up — no client's name or number) and
the history of recorded reviews (its columns fit their contents, the findings take the rest of the row
and show in full as a tooltip). Managers see it read-only; IT administrators and agents do not get
the tab. Every service call runs on the worker (``shell.call``); nothing is read before the tab is
first shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.log_review import ReviewOutcome
from desktop_app.domain.permissions import Action, can
from desktop_app.ui.audit.audit_labels import action_label, outcome_label
from desktop_app.ui.form_parts import ERROR_STYLE, MessageLabel
from desktop_app.ui.read_only_table import fit_columns_to_contents, setup_read_only_table
from desktop_app.ui.retranslate import Retranslating
from desktop_app.ui.shell import Shell

if TYPE_CHECKING:
    from desktop_app.services.log_reviews import LogReviewStatus, LogReviewView, PeriodSummary
    from desktop_app.services.signed_in import SignedIn


COUNT = 2  # the summary table's last column
FINDINGS = 6  # the history's last column


@dataclass(frozen=True)
class LogReviewPage:
    status: LogReviewStatus
    reviews: tuple[LogReviewView, ...]


def load_page(me: SignedIn) -> LogReviewPage:
    """On the worker: the status and the history."""
    from desktop_app.services.log_reviews import log_review_status, log_reviews

    return LogReviewPage(log_review_status(me), tuple(log_reviews(me)))


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _day(edit: QDateEdit) -> date:
    value = edit.date()
    return date(value.year(), value.month(), value.day())


class LogReviewTab(Retranslating, QWidget):
    loaded = Signal()
    summary_shown = Signal()
    recorded = Signal(object)  # LogReview

    def __init__(self, shell: Shell, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shell = shell
        self.can_record = can(shell.signed_in().session.role, Action.LOG_REVIEW)
        self.page: LogReviewPage | None = None
        self.summary: PeriodSummary | None = None
        self._started = False

        self.status_line = QLabel()
        self.status_line.setWordWrap(True)
        self.period_label = QLabel()
        self.start_edit = QDateEdit()
        self.end_edit = QDateEdit()
        for edit in (self.start_edit, self.end_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.summary_button = QPushButton()
        self.summary_button.clicked.connect(self.show_summary)
        self.figures = QLabel()
        self.figures.setWordWrap(True)
        self.actions_table = QTableWidget(0, 3)
        setup_read_only_table(self.actions_table)
        fit_columns_to_contents(self.actions_table, COUNT)
        self.no_findings = QCheckBox()
        self.findings = QPlainTextEdit()
        self.findings.setMaximumHeight(90)
        self.follow_up = QLineEdit()
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.sign_off_button = QPushButton()
        self.sign_off_button.clicked.connect(self.sign_off)
        self.message = MessageLabel()
        self.history = QTableWidget(0, 7)
        setup_read_only_table(self.history)
        fit_columns_to_contents(self.history, FINDINGS)

        period = QHBoxLayout()
        period.addWidget(self.period_label)
        period.addWidget(self.start_edit)
        period.addWidget(QLabel("–"))
        period.addWidget(self.end_edit)
        period.addWidget(self.summary_button)
        period.addStretch(1)
        self.form = QWidget()
        form = QFormLayout(self.form)
        form.setContentsMargins(0, 0, 0, 0)
        self.findings_label = QLabel()
        self.follow_up_label = QLabel()
        form.addRow(self.no_findings)
        form.addRow(self.findings_label, self.findings)
        form.addRow(self.follow_up_label, self.follow_up)
        form.addRow(self.hint)
        form.addRow(self.sign_off_button)
        self.form.setVisible(self.can_record)
        self.history_label = QLabel()
        column = QVBoxLayout(self)
        column.addWidget(self.status_line)
        column.addLayout(period)
        column.addWidget(self.figures)
        column.addWidget(self.actions_table, 2)
        column.addWidget(self.form)
        column.addWidget(self.message)
        column.addWidget(self.history_label)
        column.addWidget(self.history, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Log review"))
        self.period_label.setText(self.tr("Period:"))
        self.summary_button.setText(self.tr("Show &summary"))
        self.no_findings.setText(self.tr("&No findings"))
        self.findings_label.setText(self.tr("&Findings:"))
        self.findings_label.setBuddy(self.findings)
        self.follow_up_label.setText(self.tr("Follow-&up:"))
        self.follow_up_label.setBuddy(self.follow_up)
        self.hint.setText(
            self.tr("No client personal data: do not enter clients' names, phone or ID numbers.")
        )
        self.sign_off_button.setText(self.tr("&Verify the chain and sign off"))
        self.history_label.setText(self.tr("Recorded reviews"))
        self.actions_table.setHorizontalHeaderLabels(
            [self.tr("Action"), self.tr("Outcome"), self.tr("Count")]
        )
        self.history.setHorizontalHeaderLabels(
            [
                self.tr("Period"),
                self.tr("Outcome"),
                self.tr("Entries"),
                self.tr("Refusals"),
                self.tr("Audit chain"),
                self.tr("Reviewer"),
                self.tr("Findings"),
            ]
        )
        self._show_page()
        self._show_summary()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._started:
            self._started = True
            self.reload(with_summary=True)

    # ------------------------------------------------------------------------------------- loading

    def reload(self, *, with_summary: bool = False) -> None:
        def done(page: object) -> None:
            assert isinstance(page, LogReviewPage)
            self.page = page
            if with_summary:
                self.start_edit.setDate(_qdate(page.status.default_start))
                self.end_edit.setDate(_qdate(page.status.default_end))
                self.show_summary()
            self._show_page()
            self.loaded.emit()

        self.shell.call(load_page, on_ok=done, on_error=self._failed, owner=self)

    def show_summary(self) -> None:
        from desktop_app.services.log_reviews import period_summary

        def done(summary: object) -> None:
            self.summary = summary  # type: ignore[assignment]
            self._show_summary()
            self.summary_shown.emit()

        self.shell.call(
            period_summary,
            _day(self.start_edit),
            _day(self.end_edit),
            on_ok=done,
            on_error=self._failed,
            owner=self,
        )

    def sign_off(self) -> None:
        from desktop_app.services.log_reviews import record_log_review

        outcome = ReviewOutcome.NO_FINDINGS if self.no_findings.isChecked() else ReviewOutcome.FINDINGS

        def done(review: object) -> None:
            self.findings.clear()
            self.follow_up.clear()
            self.no_findings.setChecked(False)
            self.message.show_ok(self.tr("Review recorded; the audit chain was verified first."))
            self.recorded.emit(review)
            self.reload(with_summary=True)

        self.message.clear_message()
        self.shell.call(
            record_log_review,
            _day(self.start_edit),
            _day(self.end_edit),
            self.findings.toPlainText(),
            outcome,
            self.follow_up.text(),
            on_ok=done,
            on_error=self._failed,
            owner=self,
        )

    def _failed(self, exc: BaseException) -> None:
        self.message.show_error(self.shell.error_text(exc))

    # ------------------------------------------------------------------------------------- showing

    def status_text(self, status: LogReviewStatus) -> str:
        last = status.last
        if last is None:
            text = self.tr("No review recorded yet.")
        else:
            text = self.tr("Last review: %1 to %2.").replace("%1", str(last.period_start))
            text = text.replace("%2", str(last.period_end))
        text += " " + self.tr("Next review due by %1.").replace("%1", str(status.next_due))
        if status.overdue:
            text += " " + self.tr("The review is overdue by %n day(s).", "", status.days_overdue)
        if status.altered or status.missing:
            text += " " + self.tr(
                "Recorded reviews were altered or deleted outside the app (%1): they do not count."
            ).replace("%1", ", ".join(str(i) for i in (*status.altered, *status.missing)))
        return text

    def _show_page(self) -> None:
        page = self.page
        if page is None:
            return
        status = page.status
        self.status_line.setText(self.status_text(status))
        alarming = status.overdue or bool(status.altered or status.missing)
        self.status_line.setStyleSheet(ERROR_STYLE if alarming else "")
        self.history.setRowCount(len(page.reviews))
        for row, view in enumerate(page.reviews):
            r = view.review
            outcome = (
                self.tr("No findings") if r.outcome is ReviewOutcome.NO_FINDINGS else self.tr("Findings")
            )
            if view.altered:
                outcome += " — " + self.tr("ALTERED")
            chain = self.tr("Intact") if r.counts.chain_verified else self.tr("Failed")
            findings = r.findings + (f" → {r.follow_up}" if r.follow_up else "")
            cells = (
                f"{r.period_start} – {r.period_end}",
                outcome,
                str(r.counts.entries),
                str(r.counts.refusals),
                chain,
                view.reviewer_name,
                findings,
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == FINDINGS and text:
                    item.setToolTip(text)
                self.history.setItem(row, column, item)

    def _show_summary(self) -> None:
        summary = self.summary
        if summary is None:
            return
        c = summary.counts
        lines = [
            self.tr("%1 entries (sequence %2 to %3); %4 refusals; %5 failed sign-ins.")
            .replace("%1", str(c.entries))
            .replace("%2", str(c.first_seq or "-"))
            .replace("%3", str(c.last_seq or "-"))
            .replace("%4", str(c.refusals))
            .replace("%5", str(c.failed_sign_ins)),
            self.tr("Alerts raised: %1, still open: %2, acknowledged in the period: %3.")
            .replace("%1", str(c.alerts_raised))
            .replace("%2", str(c.alerts_open))
            .replace("%3", str(summary.alerts_acknowledged)),
        ]
        if summary.refusals_by_user:
            people = ", ".join(f"{user} ({n})" for user, n in summary.refusals_by_user)
            lines.append(self.tr("Refusals by member: %1").replace("%1", people))
        start, end = summary.business_hours
        off = ", ".join(f"{s.username} {s.at}" for s in summary.off_hours[:20]) or "-"
        lines.append(
            self.tr("Sign-ins outside %1:00–%2:00: %3")
            .replace("%1", str(start))
            .replace("%2", str(end))
            .replace("%3", off)
        )
        self.figures.setText("\n".join(lines))
        language = self.shell.lang
        self.actions_table.setRowCount(len(summary.by_action))
        for row, (action, outcome, count) in enumerate(summary.by_action):
            for column, text in enumerate(
                (action_label(action, language), outcome_label(outcome, language), str(count))
            ):
                self.actions_table.setItem(row, column, QTableWidgetItem(text))


def make_tab(shell: Shell) -> QWidget | None:
    """The tab for auditors (record) and managers (read); None for other roles."""
    if not can(shell.signed_in().session.role, Action.AUDIT_READ):
        return None
    return LogReviewTab(shell)
