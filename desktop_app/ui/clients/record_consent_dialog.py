"""Recording the consent form a client signed (``record_consent_form``, audited ``consent.record``).

The agent types the form number (pre-filled with the form printed last on this page), ticks what
the client ticked for each consent purpose (its kind shown: separate or optional consent), the day
signed (today by default, never after today), the guardian who signed for a client under 14 (name
and relation, required once "Signed by a guardian" is ticked), and may attach a scan or photo of the
signed form. The scan is checked (``check_scan``: JPEG, PNG or PDF, size limit) when it is chosen,
and a problem is shown at the scan field. A refusal from the service is shown at the field it
names, and nothing typed is lost. On success ``recorded(overview)`` is emitted and the dialog closes.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.branch_time import branch_day
from desktop_app.domain.consent_form_number import parse_form_number
from desktop_app.domain.consent_purposes import GuardianRelation, PurposeId, consent_purposes
from desktop_app.domain.consent_records import (
    SCAN_FIELD,
    SCAN_MAX_BYTES,
    ConsentFormDraft,
    check_scan,
    scan_too_large,
)
from desktop_app.domain.errors import BranchVaultError, InvalidInput
from desktop_app.domain.field_errors import InvalidField
from desktop_app.ui import dialogs
from desktop_app.ui.form_parts import MessageLabel
from desktop_app.ui.job_dialog import JobDialog
from desktop_app.ui.shell import Shell

if TYPE_CHECKING:
    pass

INVALID_STYLE = "border: 1px solid #b3261e;"
FORM_NUMBER_MAX = 40
FORM_NUMBER_ERRORS = frozenset({"form_already_recorded", "form_for_another_client"})
"""Service refusals (BranchVaultError codes) that are about the form number."""


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class RecordConsentDialog(JobDialog):
    recorded = Signal(object)  # the ConsentOverview after recording

    def __init__(
        self,
        shell: Shell,
        client_id: int,
        form_number: str = "",
        parent: QWidget | None = None,
        *,
        client_under_14: bool | None = None,
    ) -> None:
        """``client_under_14``: known from the client's ID number (the guardian tick is then fixed:
        a child's form is signed by a guardian, an adult's never is); None leaves it to the agent."""
        super().__init__(shell, parent)
        self.guardian_locked = client_under_14 is not None
        self.client_id = client_id
        self.scan: bytes | None = None
        self.scan_path: Path | None = None
        self.error_field: str | None = None
        self.today = branch_day(shell.signed_in().clock())
        self.field_errors: dict[str, MessageLabel] = {}
        self.labels: dict[str, QLabel] = {}

        self.form_number = QLineEdit(form_number)
        self.form_number.setMaxLength(FORM_NUMBER_MAX)
        self.ticks: dict[PurposeId, QCheckBox] = {p.id: QCheckBox() for p in consent_purposes()}
        self.answers_box = QGroupBox()
        answers_layout = QVBoxLayout(self.answers_box)
        for tick in self.ticks.values():
            answers_layout.addWidget(tick)
        self.signed_on = QDateEdit(_qdate(self.today))
        self.signed_on.setCalendarPopup(True)
        self.signed_on.setDisplayFormat("yyyy-MM-dd")
        self.signed_on.setMaximumDate(_qdate(self.today))
        self.by_guardian = QCheckBox()
        self.by_guardian.toggled.connect(self._update_guardian)
        self.by_guardian.setChecked(bool(client_under_14))
        self.by_guardian.setEnabled(not self.guardian_locked)
        self.guardian_name = QLineEdit()
        self.guardian_name.setMaxLength(40)
        self.guardian_relation = QComboBox()
        self.scan_name = QLabel()
        self.scan_name.setWordWrap(True)
        self.choose_scan_button = QPushButton()
        self.choose_scan_button.setAutoDefault(False)
        self.choose_scan_button.clicked.connect(self.choose_scan)
        self.remove_scan_button = QPushButton()
        self.remove_scan_button.setAutoDefault(False)
        self.remove_scan_button.clicked.connect(self.remove_scan)
        scan_row = QWidget()
        scan_layout = QHBoxLayout(scan_row)
        scan_layout.setContentsMargins(0, 0, 0, 0)
        scan_layout.addWidget(self.scan_name, 1)
        scan_layout.addWidget(self.choose_scan_button)
        scan_layout.addWidget(self.remove_scan_button)

        self.fields: dict[str, QWidget] = {
            "form_number": self.form_number,
            "answers": self.answers_box,
            "signed_on": self.signed_on,
            "guardian_name": self.guardian_name,
            "guardian_relation": self.guardian_relation,
            "scan": scan_row,
        }
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for key, widget in self.fields.items():
            holder = QWidget()
            column = QVBoxLayout(holder)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(1)
            column.addWidget(widget)
            error = MessageLabel()
            column.addWidget(error)
            self.field_errors[key] = error
            if key == "guardian_name":
                form.addRow("", self.by_guardian)
            label = QLabel()
            if key != "answers":
                label.setBuddy(widget)
            self.labels[key] = label
            form.addRow(label, holder)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)
        self.retranslate()
        self._update_guardian()
        self._show_scan()

    # ------------------------------------------------------------------------------------ texts

    def retranslate(self) -> None:
        lang = self.shell.lang
        self.setWindowTitle(self.tr("Record signed consent form"))
        self.hint.setText(
            self.tr(
                "Enter exactly what the client ticked and signed on the paper form. A purpose not "
                "ticked is recorded as refused; one given before and not ticked now is withdrawn."
            )
        )
        required = self.by_guardian.isChecked()
        texts = {
            "form_number": self.tr("&Form number:"),
            "answers": self.tr("Client ticked:"),
            "signed_on": self.tr("&Date signed:"),
            "guardian_name": self.tr("Guardian's &name *:") if required else self.tr("Guardian's &name:"),
            "guardian_relation": self.tr("Re&lation *:") if required else self.tr("Re&lation:"),
            "scan": self.tr("Scan or photo:"),
        }
        for key, text in texts.items():
            self.labels[key].setText(text)
        self.answers_box.setTitle("")
        for item in consent_purposes():
            brackets = "（%s）" if lang.startswith("zh") else " (%s)"
            self.ticks[item.id].setText(item.id.label(lang) + brackets % item.kind.label(lang))
        self.by_guardian.setText(self.tr("Signed by a &guardian (the client is under 14)"))
        current = self.guardian_relation.currentData()
        self.guardian_relation.clear()
        self.guardian_relation.addItem(self.tr("(choose)"), "")
        for relation in GuardianRelation:
            self.guardian_relation.addItem(relation.label(lang), relation.value)
        self.guardian_relation.setCurrentIndex(max(0, self.guardian_relation.findData(current or "")))
        self.choose_scan_button.setText(self.tr("&Choose file…"))
        self.remove_scan_button.setText(self.tr("Remove"))
        self.save_button.setText(self.tr("&Save"))
        self._show_scan()

    def _update_guardian(self) -> None:
        on = self.by_guardian.isChecked()
        self.guardian_name.setEnabled(on)
        self.guardian_relation.setEnabled(on)
        self.retranslate()

    def _show_scan(self) -> None:
        if self.scan_path is None:
            limit = str(SCAN_MAX_BYTES // (1024 * 1024))
            self.scan_name.setText(
                self.tr("None (optional; JPEG, PNG or PDF, up to %1 MB)").replace("%1", limit)
            )
        else:
            size = f"{len(self.scan or b'') / 1024:.0f}"
            self.scan_name.setText(
                self.tr("%1 (%2 KB)").replace("%1", self.scan_path.name).replace("%2", size)
            )
        self.remove_scan_button.setVisible(self.scan_path is not None)

    # ------------------------------------------------------------------------------------- scan

    def choose_scan(self) -> None:
        chosen = dialogs.open_file(
            self, self.tr("Scan of the signed form"), self.tr("Scans (*.jpg *.jpeg *.png *.pdf)")
        )
        if chosen is not None:
            self.load_scan(chosen)

    def load_scan(self, path: Path) -> bool:
        """Read and check the file (type by content, size); a problem is shown at the scan field
        and the previous choice stays."""
        self._clear_error("scan")
        try:
            size = path.stat().st_size
            if size > SCAN_MAX_BYTES:
                raise scan_too_large(size)  # refused before reading a file that big
            data = path.read_bytes()
            check_scan(data)
        except InvalidField as exc:
            self._show_field_error("scan", exc)
            return False
        except OSError:
            self._show_field_error(
                "scan",
                InvalidField(SCAN_FIELD, "scan_unreadable", "无法读取该文件", "the file cannot be read"),
            )
            return False
        self.scan, self.scan_path = data, path
        self._show_scan()
        return True

    def remove_scan(self) -> None:
        self.scan, self.scan_path = None, None
        self._clear_error("scan")
        self._show_scan()

    # ----------------------------------------------------------------------------------- submit

    def draft(self) -> ConsentFormDraft:
        signed = self.signed_on.date()
        guardian = self.by_guardian.isChecked()
        return ConsentFormDraft(
            form_number=self.form_number.text().strip(),
            answers={key.value: tick.isChecked() for key, tick in self.ticks.items()},
            signed_on=date(signed.year(), signed.month(), signed.day()),
            guardian_name=self.guardian_name.text() if guardian else "",
            guardian_relation=str(self.guardian_relation.currentData() or "") if guardian else "",
            scan=self.scan,
        )

    def submit(self) -> None:
        from desktop_app.services.client_consents import record_consent_form

        if self.busy:
            return
        draft = self.draft()
        self.clear_errors()
        try:
            parse_form_number(draft.form_number)  # checked here so the message shows at the field
        except InvalidInput as exc:
            self._show_field_error("form_number", exc)
            self.failed.emit(self.shell.error_text(exc))
            return
        self.run_job(record_consent_form, self.client_id, draft)

    def set_busy(self, busy: bool) -> None:
        super().set_busy(busy)
        for widget in self.fields.values():
            widget.setEnabled(not busy)
        self.by_guardian.setEnabled(not busy and not self.guardian_locked)
        if not busy:
            self._update_guardian()

    def succeeded(self, result: object) -> None:
        self.accept()
        self.recorded.emit(result)

    def show_failure(self, exc: BaseException, text: str) -> None:
        key: str | None = None
        if isinstance(exc, InvalidField) and exc.field in self.fields:
            key = exc.field
        elif isinstance(exc, BranchVaultError) and getattr(exc, "code", "") in FORM_NUMBER_ERRORS:
            key = "form_number"
        if key is None:
            self.error.show_error(text)
        else:
            self._show_field_error(key, exc)

    def clear_errors(self) -> None:
        self.error.clear_message()
        for key in self.fields:
            self._clear_error(key)
        self.error_field = None

    def _clear_error(self, key: str) -> None:
        self.field_errors[key].clear_message()
        self.fields[key].setStyleSheet("")

    def _show_field_error(self, key: str, exc: BaseException) -> None:
        self.error_field = key
        widget = self.fields[key]
        if key not in ("answers", "scan"):
            widget.setStyleSheet(INVALID_STYLE)
        self.field_errors[key].show_error(self.shell.error_text(exc))
        widget.setFocus()
