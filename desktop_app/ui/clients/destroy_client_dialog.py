"""A manager deletes a client on the company's own initiative (PIPL Art. 47 para. 1).

The dialog asks for the Art. 47 ground (domain/deletion_grounds.py ``OWN_INITIATIVE``) and a note
that names no one, and that the manager understands the data cannot be recovered; "Delete" runs
``client_destruction.destroy_client`` on the database lane (the service checks the role, the ground and
the note, and audits). Then it says what happened: destroyed, with "Save certificate…" for the
single-client destruction certificate (made on the database lane, saved through ui/pdf_printing.py, never
into the data directory), or, for a buyer under the anti-money-laundering hold, kept in storage
only until the hold ends. ``finished_with(destroyed)`` is emitted once, after the deletion; a
refusal is shown in the dialog with the note kept.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.deletion_grounds import NOTE_MAX, OWN_INITIATIVE, DeletionGround
from desktop_app.ui.form_parts import BusyBar
from desktop_app.ui.job_dialog import JobDialog
from desktop_app.ui.shell import Shell


class DestroyClientDialog(JobDialog):
    destroyed = Signal(object)  # the DestroyOutcome (destroyed, or kept in storage only)

    def __init__(self, shell: Shell, client_id: int, parent: QWidget | None = None) -> None:
        super().__init__(shell, parent)
        self.client_id = client_id
        self.outcome: object | None = None
        self.record_id: int | None = None
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.ground = QComboBox()
        self.ground_label = QLabel()
        self.ground_label.setBuddy(self.ground)
        self.note = QLineEdit()
        self.note.setMaxLength(NOTE_MAX)
        self.note_label = QLabel()
        self.note_label.setBuddy(self.note)
        form = QFormLayout()
        form.addRow(self.ground_label, self.ground)
        form.addRow(self.note_label, self.note)
        self.understood = QCheckBox()
        self.message = self.error  # outcomes are shown on the same line as refusals
        self.busy_bar = BusyBar()
        self.certificate_button = QPushButton()
        self.certificate_button.setVisible(False)
        self.certificate_button.setAutoDefault(False)
        self.certificate_button.clicked.connect(self.save_certificate)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setDefault(True)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self.note.textChanged.connect(self._update_ok)
        self.understood.toggled.connect(self._update_ok)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.understood)
        layout.addWidget(self.message)
        layout.addWidget(self.busy_bar)
        layout.addWidget(self.certificate_button)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)
        self.retranslate()
        self._update_ok()

    def _ground_labels(self) -> dict[DeletionGround, str]:
        return {
            DeletionGround.PURPOSE_ACHIEVED: self.tr("The purpose of processing has been achieved"),
            DeletionGround.PURPOSE_IMPOSSIBLE: self.tr("The purpose of processing cannot be achieved"),
            DeletionGround.NO_LONGER_NECESSARY: self.tr("The data is no longer necessary for the purpose"),
            DeletionGround.SERVICE_STOPPED: self.tr("The company stopped providing the service"),
            DeletionGround.CONSENT_WITHDRAWN: self.tr("The client withdrew consent"),
            DeletionGround.PROCESSING_UNLAWFUL: self.tr(
                "The processing violated laws, regulations or the agreement"
            ),
        }

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Delete client data"))
        self.intro.setText(
            self.tr(
                "Delete this client's personal information on the company's own initiative (PIPL "
                "Art. 47): the record, follow-ups and search entries are destroyed and cannot be "
                "recovered, and a destruction certificate is made. A buyer still under the "
                "anti-money-laundering hold is kept in storage only instead."
            )
        )
        self.ground_label.setText(self.tr("&Ground:"))
        self.note_label.setText(self.tr("&Note:"))
        self.note.setPlaceholderText(self.tr("Why (required; no names, phone or ID numbers)"))
        self.understood.setText(self.tr("I understand the data cannot be recovered"))
        self.ok_button.setText(self.tr("&Delete"))
        self.certificate_button.setText(self.tr("&Save certificate…"))
        current = self.ground.currentData()
        self.ground.clear()
        labels = self._ground_labels()
        for ground in OWN_INITIATIVE:
            self.ground.addItem(labels[ground], ground.value)
        if current is not None:
            self.ground.setCurrentIndex(max(0, self.ground.findData(current)))

    def choose(self, ground: DeletionGround | str) -> None:
        index = self.ground.findData(str(ground))
        if index < 0:
            raise KeyError(ground)
        self.ground.setCurrentIndex(index)

    def _update_ok(self, *_args: object) -> None:
        ready = bool(self.note.text().strip()) and self.understood.isChecked()
        self.ok_button.setEnabled(ready and not self.busy and self.outcome is None)

    def submit(self) -> None:
        from desktop_app.services.client_destruction import destroy_client

        if self.busy or self.outcome is not None or not self.ok_button.isEnabled():
            return
        self.run_job(destroy_client, self.client_id, str(self.ground.currentData()), self.note.text())

    def set_busy(self, busy: bool) -> None:
        super().set_busy(busy)
        for widget in (self.ground, self.note, self.understood):
            widget.setEnabled(not busy and self.outcome is None)
        self._update_ok()

    def succeeded(self, outcome: object) -> None:
        self.outcome = outcome
        self.set_busy(False)  # the inputs stay disabled now that there is an outcome
        record = getattr(outcome, "record", None)
        self.cancel_button.setText(self.tr("&Close"))
        if record is not None:
            self.record_id = int(record.id)
            self.message.show_ok(
                self.tr("The client's data was destroyed (destruction record No. %1).").replace(
                    "%1", str(record.id)
                )
            )
            self.certificate_button.setVisible(True)
        else:
            ends = getattr(outcome, "hold_ends", None)
            self.message.show_ok(
                self.tr(
                    "This client bought: anti-money-laundering rules require keeping the records until "
                    "%1. The record is now in storage only and all other processing has stopped; "
                    "nothing was destroyed."
                ).replace("%1", ends.isoformat() if ends is not None else "-")
            )
        self.destroyed.emit(outcome)

    def save_certificate(self) -> None:
        from desktop_app.services.client_deletion import destruction_certificate_pdf

        if self.record_id is not None:
            self.run_job(
                destruction_certificate_pdf, self.record_id, then=self._certificate_ready, clear=False
            )

    def _certificate_ready(self, pdf: object) -> None:
        from desktop_app.ui.pdf_printing import save_pdf_as

        assert isinstance(pdf, bytes)
        path = save_pdf_as(
            self, pdf, f"destruction-certificate-{self.record_id}.pdf", data_dir=self.shell.data_dir
        )
        if path is not None:
            self.message.show_ok(self.tr("Certificate saved as %1").replace("%1", str(path)))
