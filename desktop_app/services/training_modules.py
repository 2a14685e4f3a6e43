"""The privacy-training modules staff read before the quiz: the newest bundled training set.

Rule: every role that takes the training (``training.take``) may read the modules in force; the
set is the one quizzes are drawn from (store/training_content.py), so what is read is what is asked.
Reading is not audited (it touches no personal information); quiz attempts are, by
services/training_records.py. Reason and legal basis: PIPL Art. 51(4) (regular staff training).
"""

from __future__ import annotations

from desktop_app.domain.permissions import Action
from desktop_app.domain.training_content import TrainingSet
from desktop_app.services.audit_trail import check_permission
from desktop_app.services.signed_in import SignedIn
from desktop_app.store.training_content import load_training_set


def current_training_set(me: SignedIn) -> TrainingSet:
    """The modules and question bank in force (the newest bundled version)."""
    check_permission(me, Action.TRAINING_TAKE)
    return load_training_set()
