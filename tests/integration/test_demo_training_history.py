"""The demo's year of training history: coverage 75 % → 100 % over the four past quarters, a
first-attempt pass rate between 80 % and 100 %, the current quarter half done (the agent never
gated), app attempts that can be shown again, and fast."""

from __future__ import annotations

import random
import time
from collections.abc import Callable

from desktop_app.domain.programme_periods import Quarter
from desktop_app.domain.roles import Role
from desktop_app.domain.training_figures import TrainingCounts
from desktop_app.services.demo_training_history import seed_demo_history
from desktop_app.services.signed_in import SignedIn
from desktop_app.services.training_records import attempt_quiz, my_training_status, training_counts
from desktop_app.store.training_repository import TrainingRepository

SignIn = Callable[[Role], SignedIn]


def test_a_year_of_plausible_training_history(signed_in: SignIn) -> None:
    manager = signed_in(Role.MANAGER)
    started = time.perf_counter()
    seed_demo_history(manager, random.Random(7))
    assert time.perf_counter() - started < 0.5
    current = Quarter.of(manager.today())
    quarters = [current.previous().previous().previous().previous()]
    for _ in range(3):
        quarters.append(quarters[-1].next())
    counts = [training_counts(manager, q) for q in quarters]
    assert counts == [
        TrainingCounts(active_staff=8, completed=6, quiz_takers=5, first_attempt_passed=4),
        TrainingCounts(active_staff=8, completed=7, quiz_takers=6, first_attempt_passed=5),
        TrainingCounts(active_staff=6, completed=6, quiz_takers=5, first_attempt_passed=4),
        TrainingCounts(active_staff=5, completed=5, quiz_takers=5, first_attempt_passed=5),
    ]
    now = training_counts(manager, current)
    assert now.active_staff == 4 and now.completed == 2
    assert my_training_status(signed_in(Role.AGENT)).completed
    for attempt in TrainingRepository(manager.db).attempts(quarters[0].key()):
        quiz = attempt_quiz(attempt)
        assert quiz is None or len(quiz.questions) == len(attempt.answers or {})
