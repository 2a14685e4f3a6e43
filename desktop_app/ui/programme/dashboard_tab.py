"""The programme dashboard tab ("指标 / Targets"): managers and auditors (``programme.view``).

Six target cards (dashboard_cards.py) with their trend by quarter, what is due, a quarter picker,
"Print quarterly report…" and "Save report as PDF…" (the PDF is built on the database lane through
``shell.call``; printing and saving through ui/pdf_printing.py, never into the data directory).
An auditor, who never holds the client-data key, sees the client figures of the latest snapshot
with their age ("client figures as of …"). Managers set the breach baseline here (year and count,
through services/programme_settings.py, audited). Everything shown comes from
``services.programme_status.programme_status``, the same as ``branchvault programme status``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.permissions import Action, can
from desktop_app.domain.programme_due import DueItem, DueKind, DueState
from desktop_app.domain.programme_periods import Quarter, recent_quarters
from desktop_app.domain.programme_targets import TargetId
from desktop_app.ui.form_parts import MessageLabel
from desktop_app.ui.programme.dashboard_cards import TargetCard
from desktop_app.ui.programme.dashboard_chart import Bar
from desktop_app.ui.retranslate import Retranslating
from desktop_app.ui.shell import Shell

if TYPE_CHECKING:
    from desktop_app.domain.programme_overview import ProgrammeStatus
    from desktop_app.domain.programme_policy import ProgrammePolicy
    from desktop_app.services.signed_in import SignedIn

QUARTERS_OFFERED = 8


def _report(me: SignedIn, quarter: Quarter) -> bytes:
    from desktop_app.services.programme_report import programme_report

    return programme_report(me, quarter)


def _status(me: SignedIn, quarter: Quarter) -> ProgrammeStatus:
    from desktop_app.services.programme_status import programme_status

    return programme_status(me, quarter)


def _policy(me: SignedIn) -> ProgrammePolicy:
    from desktop_app.services.programme_settings import programme_policy

    return programme_policy(me)


def _set_baseline(me: SignedIn, year: int, count: int) -> ProgrammePolicy:
    from desktop_app.services.programme_settings import set_programme_settings

    return set_programme_settings(me, {"breach_baseline_year": year, "breach_baseline_count": count})


class DashboardTab(Retranslating, QWidget):
    loaded = Signal()
    report_ready = Signal(bytes)
    baseline_saved = Signal()

    def __init__(self, shell: Shell, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shell = shell
        me = shell.signed_in()
        self.is_manager = can(me.session.role, Action.PROGRAMME_MANAGE)
        self.status: ProgrammeStatus | None = None
        self._started = False
        self._report_action = "save"
        self._last_pdf: bytes | None = None
        self.quarters = list(
            reversed(recent_quarters(Quarter.of(me.today()), QUARTERS_OFFERED))
        )  # newest first

        self.heading = QLabel()
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.heading.setFont(font)
        self.quarter_label = QLabel()
        self.quarter_box = QComboBox()
        for quarter in self.quarters:
            self.quarter_box.addItem(quarter.key(), quarter.key())
        self.refresh_button = QPushButton()
        self.print_button = QPushButton()
        self.save_button = QPushButton()
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.error = MessageLabel()

        self.cards = {target: TargetCard(target) for target in TargetId}
        grid = QGridLayout()
        for index, card in enumerate(self.cards.values()):
            grid.addWidget(card, index // 3, index % 3)

        self.due_box = QGroupBox()
        self.due_layout = QVBoxLayout(self.due_box)
        self.due_labels: list[QLabel] = []

        self.baseline_box = QGroupBox()
        self.baseline_year = QSpinBox()
        self.baseline_year.setRange(0, 2999)
        self.baseline_count = QSpinBox()
        self.baseline_count.setRange(-1, 100000)
        self.baseline_save = QPushButton()
        self.baseline_hint = QLabel()
        self.baseline_hint.setWordWrap(True)
        form = QFormLayout(self.baseline_box)
        self.baseline_year_label = QLabel()
        self.baseline_count_label = QLabel()
        form.addRow(self.baseline_year_label, self.baseline_year)
        form.addRow(self.baseline_count_label, self.baseline_count)
        form.addRow(self.baseline_hint)
        form.addRow(self.baseline_save)
        self.baseline_box.setVisible(self.is_manager)

        tools = QHBoxLayout()
        tools.addWidget(self.heading)
        tools.addStretch(1)
        tools.addWidget(self.quarter_label)
        tools.addWidget(self.quarter_box)
        tools.addWidget(self.refresh_button)
        tools.addWidget(self.print_button)
        tools.addWidget(self.save_button)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addLayout(tools)
        layout.addWidget(self.error)
        layout.addWidget(self.note)
        layout.addLayout(grid)
        lower = QHBoxLayout()
        lower.addWidget(self.due_box, 2)
        lower.addWidget(self.baseline_box, 1)
        layout.addLayout(lower)
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

        self.quarter_box.currentIndexChanged.connect(lambda _index: self.reload())
        self.refresh_button.clicked.connect(self.reload)
        self.print_button.clicked.connect(self.print_report)
        self.save_button.clicked.connect(self.save_report)
        self.baseline_save.clicked.connect(self.save_baseline)
        self.retranslate()

    # ------------------------------------------------------------------------------ texts

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Targets"))
        self.heading.setText(self.tr("Privacy programme targets"))
        self.quarter_label.setText(self.tr("&Quarter:"))
        self.quarter_label.setBuddy(self.quarter_box)
        self.refresh_button.setText(self.tr("Re&fresh"))
        self.print_button.setText(self.tr("&Print quarterly report…"))
        self.save_button.setText(self.tr("&Save report as PDF…"))
        self.due_box.setTitle(self.tr("What is due"))
        self.baseline_box.setTitle(self.tr("Breach baseline"))
        self.baseline_year_label.setText(self.tr("Baseline &year:"))
        self.baseline_year_label.setBuddy(self.baseline_year)
        self.baseline_count_label.setText(self.tr("Breaches that y&ear:"))
        self.baseline_count_label.setBuddy(self.baseline_count)
        self.baseline_year.setSpecialValueText(self.tr("Last year"))
        self.baseline_count.setSpecialValueText(self.tr("Count from the records"))
        self.baseline_hint.setText(
            self.tr(
                "The breach target compares this year's personal-information breaches with the "
                "baseline year. Set the count when the branch's records do not cover that year."
            )
        )
        self.baseline_save.setText(self.tr("Sa&ve baseline"))
        for card in self.cards.values():
            card.retranslate()
        self._show_status()

    def due_text(self, item: DueItem) -> str:
        n = str(item.count)
        day = "" if item.due_on is None else item.due_on.isoformat()
        if item.kind is DueKind.TRAINING:
            if item.state is DueState.OK:
                return self.tr("Training: everyone has completed this quarter's training")
            return (
                self.tr("Training: %1 staff have not completed it (grace period until %2)")
                .replace("%1", n)
                .replace("%2", day)
            )
        if item.kind is DueKind.REVIEW:
            if item.due_on is None:
                return self.tr("Compliance review: none finished yet; one is due now")
            texts = {
                DueState.OVERDUE: self.tr("Compliance review: overdue (was due by %1)"),
                DueState.DUE: self.tr("Compliance review: due by %1"),
                DueState.OK: self.tr("Compliance review: next due by %1"),
            }
            return texts[item.state].replace("%1", day)
        if item.kind is DueKind.SURVEY:
            if item.state is DueState.OK:
                return self.tr("Satisfaction survey: %1 responses this quarter").replace("%1", n)
            return self.tr("Satisfaction survey: no responses yet this quarter (it ends %1)").replace(
                "%1", day
            )
        if item.kind is DueKind.CAMPAIGNS:
            if item.state is DueState.OK:
                return self.tr("Education campaigns: enough this year")
            return self.tr("Education campaigns: %1 more needed this year").replace("%1", n)
        if item.kind is DueKind.INCIDENTS:
            if item.state is DueState.OVERDUE:
                return self.tr("Incidents: %1 open, with missed deadlines").replace("%1", n)
            return self.tr("Incidents: %1 open").replace("%1", n)
        if item.state is DueState.OVERDUE:
            return self.tr("Rectifications: %1 overdue").replace("%1", n)
        if item.state is DueState.DUE:
            return self.tr("Rectifications: some still open")
        return self.tr("Rectifications: none overdue")

    def state_text(self, state: DueState) -> str:
        return {
            DueState.OK: self.tr("OK"),
            DueState.DUE: self.tr("Due"),
            DueState.OVERDUE: self.tr("Overdue"),
        }[state]

    # ------------------------------------------------------------------------------ loading

    def showEvent(self, event: object) -> None:
        super().showEvent(event)  # type: ignore[arg-type]
        if not self._started:
            self._started = True
            self.reload()
            if self.is_manager:
                self.shell.call(_policy, on_ok=self._policy_loaded, on_error=self._failed, owner=self)

    def selected_quarter(self) -> Quarter:
        return Quarter.parse(str(self.quarter_box.currentData()))

    def reload(self) -> None:
        self.shell.call(
            _status, self.selected_quarter(), on_ok=self._loaded, on_error=self._failed, owner=self
        )

    def _loaded(self, status: ProgrammeStatus) -> None:
        self.status = status
        self.error.clear_message()
        self._show_status()
        self.loaded.emit()

    def _failed(self, exc: BaseException) -> None:
        self.error.show_error(self.shell.error_text(exc))

    def _show_status(self) -> None:
        status = self.status
        if status is None:
            return
        for index, result in enumerate(status.results):
            bars = [
                Bar(point.quarter, point.results[index].value_percent, point.results[index].met)
                for point in status.trend
            ]
            self.cards[result.target].set_result(result, bars)
        for label in self.due_labels:
            self.due_layout.removeWidget(label)
            label.deleteLater()
        self.due_labels = []
        for item in status.due:
            label = QLabel(f"{self.state_text(item.state)} — {self.due_text(item)}")
            label.setWordWrap(True)
            label.setObjectName(f"due-{item.kind.value}")
            if item.state is not DueState.OK:
                colour = "#c82828" if item.state is DueState.OVERDUE else "#a06000"
                label.setStyleSheet(f"color: {colour};")
            self.due_layout.addWidget(label)
            self.due_labels.append(label)
        self.note.setText(self._note_text(status))
        self.note.setVisible(bool(self.note.text()))

    def _note_text(self, status: ProgrammeStatus) -> str:
        lines = [self.tr("Figures as of %1.").replace("%1", status.as_of.isoformat())]
        source = status.client_facts
        if source.mismatch:
            lines.append(
                self.tr(
                    "The stored client figures do not match the audit log (they were edited) and are "
                    "not used; a manager opening this dashboard computes them again."
                )
            )
        elif not source.live:
            if source.computed_at is None:
                lines.append(
                    self.tr(
                        "Client figures (privacy education) are not available yet: they are computed "
                        "when a manager opens this dashboard."
                    )
                )
            else:
                when = source.computed_at.replace("T", " ").split(".")[0].rstrip("Z") + " UTC"
                lines.append(
                    self.tr("Client figures as of %1, computed by %2.")
                    .replace("%1", when)
                    .replace("%2", source.computed_by or "—")
                )
        return " ".join(lines)

    # ------------------------------------------------------------------------------ report

    def print_report(self) -> None:
        self._report_action = "print"
        self._build_report()

    def save_report(self) -> None:
        self._report_action = "save"
        self._build_report()

    def _build_report(self) -> None:
        self.print_button.setEnabled(False)
        self.save_button.setEnabled(False)
        self.shell.call(
            _report,
            self.selected_quarter(),
            on_ok=self._report_built,
            on_error=self._report_failed,
            owner=self,
        )

    def _report_failed(self, exc: BaseException) -> None:
        self.print_button.setEnabled(True)
        self.save_button.setEnabled(True)
        self._failed(exc)

    def _report_built(self, pdf: bytes) -> None:
        from desktop_app.ui.pdf_printing import print_pdf_bytes, save_pdf_as

        self.print_button.setEnabled(True)
        self.save_button.setEnabled(True)
        self._last_pdf = pdf
        key = self.selected_quarter().key()
        if self._report_action == "print":
            title = self.tr("Privacy programme report %1").replace("%1", key)
            print_pdf_bytes(self, pdf, title, data_dir=self.shell.data_dir)
        else:
            path = save_pdf_as(self, pdf, f"privacy-programme-{key}.pdf", data_dir=self.shell.data_dir)
            if path is not None:
                self.error.show_ok(self.tr("Saved as %1").replace("%1", str(path)))
        self.report_ready.emit(pdf)

    # ------------------------------------------------------------------------------ baseline

    def _policy_loaded(self, policy: ProgrammePolicy) -> None:
        self.baseline_year.setValue(policy.breach_baseline_year)
        self.baseline_count.setValue(policy.breach_baseline_count)

    def save_baseline(self) -> None:
        self.shell.call(
            _set_baseline,
            self.baseline_year.value(),
            self.baseline_count.value(),
            on_ok=self._baseline_saved,
            on_error=self._failed,
            owner=self,
        )

    def _baseline_saved(self, policy: ProgrammePolicy) -> None:
        self._policy_loaded(policy)
        self.error.show_ok(self.tr("Breach baseline saved."))
        self.baseline_saved.emit()
        self.reload()


def make_tab(shell: Shell) -> QWidget | None:
    """The dashboard for managers and auditors; None for other roles."""
    if not can(shell.signed_in().session.role, Action.PROGRAMME_VIEW):
        return None
    return DashboardTab(shell)
