"""The banner after sign-in while this quarter's privacy training is not done (every role).

Rule: shown while the member's training is due or overdue (services/training_gate.current_due);
it names the days left before the gate (the grace period, domain/training_due.py), or says that
client data stays closed until the quiz is passed. Its button opens the programme area's "My
training" tab. Hidden once the training is done. Reason: PIPL Art. 51(4); a reminder rather than
a modal question — the member may be in the middle of helping a client.
"""

from __future__ import annotations

from desktop_app.domain.training_due import DueStatus, TrainingDue
from desktop_app.ui.count_banner import CountBanner


class TrainingDueBanner(CountBanner):
    STYLE = "background: #fff4e0; border: 1px solid #e0b060;"
    OVERDUE_STYLE = "background: #fde4e1; border: 1px solid #d98c84;"

    due: TrainingDue | None = None

    def set_due(self, due: TrainingDue | None) -> None:
        self.due = due
        overdue = due is not None and due.status is DueStatus.OVERDUE
        style = self.OVERDUE_STYLE if overdue else self.STYLE
        self.setStyleSheet(f"{type(self).__name__} {{ {style} }}")
        self.set_count(1 if due is not None and due.needs_attention else 0)

    def retranslate(self) -> None:
        due = self.due
        self.button.setText(self.tr("Take the training"))
        if due is None or due.status is DueStatus.DONE:
            self.label.setText("")
        elif due.status is DueStatus.DUE:
            self.label.setText(
                self.tr("Privacy training due this quarter (%n day(s) left)", "", due.days_left)
            )
        elif due.gated:
            self.label.setText(
                self.tr(
                    "Privacy training is overdue: client data stays closed until you pass this quarter's quiz."
                )
            )
        else:
            self.label.setText(self.tr("Privacy training is overdue this quarter: please take the quiz."))
