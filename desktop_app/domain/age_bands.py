"""Age bands: what is shown instead of a birth date (masking.md: the birth date is never shown, an age
band only where needed). The date is read from a resident ID number and compared with a date the
caller passes in, so the result is a pure function of its arguments.

Bands are decades, except that minors (under 18, 未成年人) form one band whatever their age and
everyone 80 or older forms another, so that neither a minor's exact decade nor a rare old age
narrows a person down. Anything that gives no believable age yields an empty string.
"""

from __future__ import annotations

from datetime import date

ADULT_AGE = 18
OLDEST_BAND_START = 80
_OLDEST_BELIEVABLE_AGE = 150


def age_band(age: int) -> str:
    """``35`` → ``30–39岁``; ``16`` → ``18岁以下``; ``25`` → ``18–29岁``; ``85`` → ``80岁及以上``."""
    if not 0 <= age <= _OLDEST_BELIEVABLE_AGE:
        return ""
    if age < ADULT_AGE:
        return f"{ADULT_AGE}岁以下"
    if age < 30:
        return f"{ADULT_AGE}–29岁"
    if age >= OLDEST_BAND_START:
        return f"{OLDEST_BAND_START}岁及以上"
    decade = age // 10 * 10
    return f"{decade}–{decade + 9}岁"


def birth_date_from_resident_id(id_number: str) -> date | None:
    """The birth date in an 18-digit (YYYYMMDD at positions 7–14) or 15-digit (YYMMDD at 7–12, 19YY)
    resident ID number, or None when the number has neither shape or the date does not exist."""
    text = id_number.strip()
    if len(text) == 18 and text[:17].isascii() and text[:17].isdigit():
        digits = text[6:14]
    elif len(text) == 15 and text.isascii() and text.isdigit():
        digits = "19" + text[6:12]
    else:
        return None
    try:
        return date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    except ValueError:
        return None


def completed_years(birth: date, today: date) -> int:
    """Completed years (周岁) on ``today``; someone born on 29 February turns a year older on 1 March
    in years without one."""
    return today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))


def age_band_from_resident_id(id_number: str, today: date) -> str:
    """``("110105199003071234", date(2026, 5, 1))`` → ``30–39岁``; empty when the number holds no
    valid birth date or that date is after ``today``."""
    birth = birth_date_from_resident_id(id_number)
    if birth is None or birth > today:
        return ""
    return age_band(completed_years(birth, today))
