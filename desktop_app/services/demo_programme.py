"""A year of plausible privacy-programme history for the demo branch (issue 14, "Done when").

Each part of the programme writes its own history through its own repositories
(``services/demo_<part>_history.seed_demo_history(me, rng)``: about four past quarters and the
current one, figures moving towards the targets with some misses early on); this module calls them
in order, then refreshes the client-facts snapshot so the demo auditor sees the education figure
too. ``me`` is the demo manager, signed in, holding the client-data key. Fast: no KDF, each part
in its own transaction or few.
"""

from __future__ import annotations

import random
from importlib import import_module

from desktop_app.services.signed_in import SignedIn

# (part, module); every module has ``seed_demo_history(me, rng)``.
DEMO_HISTORY_MODULES: tuple[tuple[str, str], ...] = (
    ("training", "desktop_app.services.demo_training_history"),
    ("review", "desktop_app.services.demo_review_history"),
    ("survey", "desktop_app.services.demo_survey_history"),
    ("education", "desktop_app.services.demo_education_history"),
    ("incidents", "desktop_app.services.demo_incidents_history"),
)


def seed_programme_history(me: SignedIn, rng: random.Random) -> None:
    """Every part's demo history, then the client-facts snapshot."""
    from desktop_app.services.programme_client_facts import refresh_client_facts

    for _part, module_name in DEMO_HISTORY_MODULES:
        import_module(module_name).seed_demo_history(me, rng)
    refresh_client_facts(me)
