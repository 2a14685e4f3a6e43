"""A year of plausible client-satisfaction history for the demo branch (issue 14's demo profile).

Four past quarters and the current one so far: 30-60 responses a quarter (the current one in
proportion to the days gone), most imported from the company's online survey (one import batch a
quarter) and the rest typed in from paper forms; the satisfied share climbs from about 78 % (the
oldest quarter misses the 85 % target) to about 91 %. The survey question is remembered in the
programme settings, as a first import would have done. Written through the repository with
explicit past days, in one transaction, no KDF: a few milliseconds. Demo data only: every
response is invented, nothing names a client.
"""

from __future__ import annotations

import hashlib
import random
from datetime import UTC, date, datetime, time, timedelta

from desktop_app.domain.branch_time import utc_timestamp
from desktop_app.domain.programme_periods import Quarter
from desktop_app.services.signed_in import SignedIn
from desktop_app.store.satisfaction_repository import NewResponse, SatisfactionRepository

DEMO_QUESTION = "您对我们处理您个人信息的方式满意吗？"
SATISFIED_SHARE = (0.78, 0.82, 0.86, 0.90, 0.91)  # oldest quarter first
IMPORTED_SHARE = 0.7
_BEIJING = timedelta(hours=8)


def _ratings(rng: random.Random, total: int, satisfied_share: float) -> list[int]:
    """``total`` ratings, exactly ``round(total * satisfied_share)`` of them 4 or 5, shuffled."""
    satisfied = round(total * satisfied_share)
    ratings = [5 if rng.random() < 0.6 else 4 for _ in range(satisfied)]
    ratings += rng.choices((3, 2, 1), weights=(6, 3, 1), k=total - satisfied)
    rng.shuffle(ratings)
    return ratings


def _stamp(day: date, rng: random.Random) -> str:
    """A time on ``day`` between 09:00 and 20:00 Beijing, as a stored UTC timestamp."""
    local = datetime.combine(day, time(9)) + timedelta(minutes=rng.randrange(11 * 60))
    return utc_timestamp((local - _BEIJING).replace(tzinfo=UTC).timestamp())


def seed_demo_history(me: SignedIn, rng: random.Random) -> None:
    """Seed the demo branch's satisfaction responses (``me``: the demo manager, signed in)."""
    from desktop_app.services.programme_settings import set_programme_settings

    today = me.today()
    current = Quarter.of(today)
    quarters = [current]
    for _ in range(len(SATISFIED_SHARE) - 1):
        quarters.insert(0, quarters[0].previous())
    repo = SatisfactionRepository(me.db)
    staff_id = me.session.staff_id
    with me.db.transaction():
        for quarter, share in zip(quarters, SATISFIED_SHARE, strict=True):
            last = min(quarter.end, today)
            days = (last - quarter.start).days + 1
            total = rng.randint(30, 60) * days // ((quarter.end - quarter.start).days + 1)
            total = max(total, 3)
            spread = sorted(quarter.start + timedelta(days=rng.randrange(days)) for _ in range(total))
            responses = [
                NewResponse(day, quarter.key(), rating)
                for day, rating in zip(spread, _ratings(rng, total, share), strict=True)
            ]
            from_survey = [rng.random() < IMPORTED_SHARE for _ in responses]
            imported = [r for r, online in zip(responses, from_survey, strict=True) if online]
            paper = [r for r, online in zip(responses, from_survey, strict=True) if not online]
            for response in paper:
                repo.add_paper(response, entered_by=staff_id, now=_stamp(response.day, rng))
            if imported:
                at = _stamp(last, rng)
                digest = hashlib.sha256(f"demo-survey-{quarter.key()}-{rng.random()}".encode()).hexdigest()
                batch = repo.add_batch(
                    file_sha256=digest,
                    question=DEMO_QUESTION,
                    rows_read=len(imported) + 2,
                    imported=len(imported),
                    skipped=2,
                    imported_by=staff_id,
                    now=at,
                )
                repo.add_imported(imported, batch_id=batch, entered_by=staff_id, now=at)
        set_programme_settings(me, {"survey_target_question": DEMO_QUESTION})
