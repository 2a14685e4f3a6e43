"""Security policy: defaults, validation of IT's settings, floors, and tighten() never weakening."""

from __future__ import annotations

from dataclasses import fields
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.domain.security_policy import (
    PolicyError,
    SecurityPolicy,
    apply_settings,
    as_table,
    tighten,
)

# Written out here on purpose: which direction is stricter for each setting.
LARGER_IS_STRICTER = {
    "idle_lock_minutes": False,
    "lockout_attempts": False,
    "lockout_minutes": True,
    "kdf_target_seconds": True,
    "kdf_min_memory_kib": True,
    "password_min_length": True,
    "password_min_classes": True,
    "password_max_age_days": False,  # but 0 (never expires) is the weakest
    "reauth_minutes": False,
    "reveal_seconds": False,
    "bulk_reveal_threshold": False,
    "bulk_reveal_window_minutes": True,
    "suppression_k": True,
    "audit_retention_days": True,  # but 0 (keep forever) is the strictest
    "alert_business_start_hour": True,  # a later start: more sign-ins count as off-hours
    "alert_business_end_hour": False,
    "alert_failed_signins_per_hour": False,
    "alert_sensitive_searches_per_hour": False,
    "alert_exports_per_day": False,
    "alert_views_factor": False,
    "alert_views_minimum": False,
    "alert_scan_minutes": False,
    "log_review_days": False,
    "access_review_months": False,
    "inactive_account_days": False,
    "inactive_auto_disable": True,
    "backup_max_age_days": False,
    "backup_keep_days": False,
    "restore_drill_days": False,
    "integrity_check_hours": False,
    "totp_it_admin": True,
    "totp_manager": True,
}

VALID = {
    "idle_lock_minutes": st.integers(1, 15),
    "lockout_attempts": st.integers(1, 10),
    "lockout_minutes": st.integers(15, 1440),
    "kdf_target_seconds": st.floats(0, 5, allow_nan=False),
    "kdf_min_memory_kib": st.integers(64 * 1024, 1024 * 1024),
    "password_min_length": st.integers(8, 64),
    "password_min_classes": st.integers(1, 4),
    "password_max_age_days": st.integers(0, 365),
    "reauth_minutes": st.integers(1, 15),
    "reveal_seconds": st.integers(5, 300),
    "bulk_reveal_threshold": st.integers(0, 200),
    "bulk_reveal_window_minutes": st.integers(0, 120),
    "suppression_k": st.integers(3, 50),
    "audit_retention_days": st.one_of(st.just(0), st.integers(180, 3650)),
    # start before end whatever is combined: the morning and the evening never cross
    "alert_business_start_hour": st.integers(0, 11),
    "alert_business_end_hour": st.integers(12, 24),
    "alert_failed_signins_per_hour": st.integers(1, 1000),
    "alert_sensitive_searches_per_hour": st.integers(1, 10000),
    "alert_exports_per_day": st.integers(1, 1000),
    "alert_views_factor": st.integers(2, 20),
    "alert_views_minimum": st.integers(1, 10000),
    "alert_scan_minutes": st.integers(1, 60),
    "log_review_days": st.integers(7, 92),
    "access_review_months": st.integers(1, 12),
    "inactive_account_days": st.integers(14, 365),
    "inactive_auto_disable": st.integers(0, 1),
    "backup_max_age_days": st.integers(1, 92),
    "backup_keep_days": st.integers(7, 366),
    "restore_drill_days": st.integers(30, 366),
    "integrity_check_hours": st.integers(1, 168),
    "totp_it_admin": st.integers(0, 1),
    "totp_manager": st.integers(0, 1),
}


def at_least_as_strict(name: str, value: float, base: float) -> bool:
    if name == "audit_retention_days":
        return value == 0 or (base != 0 and value >= base)
    if name == "password_max_age_days":
        return base == 0 or (value != 0 and value <= base)
    return value >= base if LARGER_IS_STRICTER[name] else value <= base


def valid_settings(min_size: int = 0) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries({}, optional=VALID).filter(lambda d: len(d) >= min_size)


def test_direction_table_covers_every_setting() -> None:
    assert set(LARGER_IS_STRICTER) == {f.name for f in fields(SecurityPolicy)} == set(VALID)


def test_defaults() -> None:
    policy = SecurityPolicy()
    assert (policy.lockout_attempts, policy.lockout_minutes) == (5, 15)
    assert policy.kdf_min_memory_kib == 64 * 1024
    assert policy.password_min_length == 10 and policy.password_min_classes == 3
    assert policy.password_max_age_days == 90
    assert policy.audit_retention_days == 0
    assert policy.idle_lock_minutes <= 15


def test_documentation_table_has_every_field() -> None:
    rows = as_table()
    assert [r[0] for r in rows] == [f.name for f in fields(SecurityPolicy)]
    assert all(doc for _, _, doc in rows)


def test_apply_settings_sets_values() -> None:
    policy = apply_settings(SecurityPolicy(), {"lockout_attempts": 3, "kdf_target_seconds": 1})
    assert policy.lockout_attempts == 3
    assert policy.kdf_target_seconds == 1.0 and isinstance(policy.kdf_target_seconds, float)


def test_apply_settings_may_weaken_within_floors() -> None:
    policy = apply_settings(SecurityPolicy(), {"lockout_attempts": 10, "password_max_age_days": 0})
    assert policy.lockout_attempts == 10 and policy.password_max_age_days == 0


@pytest.mark.parametrize(
    ("settings", "match"),
    [
        ({"no_such_setting": 1}, "unknown security setting"),
        ({"lockout_attempts": "5"}, "must be a number"),
        ({"lockout_attempts": True}, "must be a number"),
        ({"lockout_attempts": None}, "must be a number"),
        ({"lockout_minutes": -1}, "must not be negative"),
        ({"kdf_min_memory_kib": 64 * 1024 - 1}, "64 MiB"),
        ({"kdf_min_memory_kib": 1024}, "64 MiB"),
        ({"audit_retention_days": 1}, "180"),
        ({"audit_retention_days": 179}, "180"),
        ({"password_min_classes": 0}, "between 1 and 4"),
        ({"password_min_classes": 5}, "between 1 and 4"),
        ({"password_min_length": 7}, "at least 8"),
        ({"lockout_attempts": 0}, "between 1 and 10"),
        ({"lockout_attempts": 1000}, "between 1 and 10"),
        ({"idle_lock_minutes": 0}, "between 1 and 15"),
        ({"idle_lock_minutes": 600}, "between 1 and 15"),
        ({"lockout_minutes": 0}, "between 15 and 1440"),
        ({"reauth_minutes": 60}, "between 1 and 15"),
        ({"reveal_seconds": 0}, "between 5 and 300"),
        ({"suppression_k": 2}, "between 3 and 1000"),
    ],
)
def test_apply_settings_rejects(settings: dict[str, Any], match: str) -> None:
    with pytest.raises(PolicyError, match=match):
        apply_settings(SecurityPolicy(), settings)


@pytest.mark.parametrize("days", [0, 180, 365])
def test_audit_retention_floor_allows_keep_forever_and_180_plus(days: int) -> None:
    assert apply_settings(SecurityPolicy(), {"audit_retention_days": days}).audit_retention_days == days


def test_tighten_ignores_weaker_values() -> None:
    base = SecurityPolicy()
    weaker = {
        "lockout_attempts": 10,
        "lockout_minutes": 1,
        "password_min_length": 8,
        "password_max_age_days": 0,
        "kdf_min_memory_kib": 1024,
        "idle_lock_minutes": 60,
    }
    assert tighten(base, weaker) == base


def test_tighten_applies_stricter_values() -> None:
    policy = tighten(
        SecurityPolicy(),
        {
            "lockout_attempts": 3,
            "lockout_minutes": 30,
            "password_min_length": 14,
            "password_max_age_days": 30,
        },
    )
    assert (policy.lockout_attempts, policy.lockout_minutes) == (3, 30)
    assert (policy.password_min_length, policy.password_max_age_days) == (14, 30)


def test_tighten_special_zero_values() -> None:
    keep_for_a_year = SecurityPolicy(audit_retention_days=365)
    assert tighten(keep_for_a_year, {"audit_retention_days": 0}).audit_retention_days == 0
    assert tighten(SecurityPolicy(), {"audit_retention_days": 400}).audit_retention_days == 0
    never_expires = SecurityPolicy(password_max_age_days=0)
    assert tighten(never_expires, {"password_max_age_days": 60}).password_max_age_days == 60


def test_tighten_still_rejects_unknown_settings() -> None:
    with pytest.raises(PolicyError):
        tighten(SecurityPolicy(), {"lockout_atempts": 3})


@given(base_settings=valid_settings(), machine=valid_settings(min_size=1))
def test_property_tighten_never_weakens_any_field(
    base_settings: dict[str, Any], machine: dict[str, Any]
) -> None:
    base = apply_settings(SecurityPolicy(), base_settings)
    result = tighten(base, machine)
    for name in LARGER_IS_STRICTER:
        assert at_least_as_strict(name, getattr(result, name), getattr(base, name)), name
        if name in machine:  # and it is at least as strict as what the machine policy asked for
            assert at_least_as_strict(name, getattr(result, name), type(getattr(base, name))(machine[name]))
        else:
            assert getattr(result, name) == getattr(base, name)


@given(
    base_settings=valid_settings(),
    machine=st.dictionaries(st.sampled_from(sorted(VALID)), st.integers(0, 10**7), min_size=1),
)
def test_property_tighten_with_any_numbers_never_weakens(
    base_settings: dict[str, Any], machine: dict[str, Any]
) -> None:
    base = apply_settings(SecurityPolicy(), base_settings)
    try:
        result = tighten(base, machine)
    except PolicyError:
        return  # a nonsensical machine policy (e.g. 0 attempts) is refused as a whole, never applied
    for name in LARGER_IS_STRICTER:
        assert at_least_as_strict(name, getattr(result, name), getattr(base, name)), name
    assert result.kdf_min_memory_kib >= 64 * 1024
    assert result.audit_retention_days == 0 or result.audit_retention_days >= 180


def test_business_hours_must_not_cross() -> None:
    with pytest.raises(PolicyError):
        apply_settings(SecurityPolicy(), {"alert_business_start_hour": 21, "alert_business_end_hour": 9})
    with pytest.raises(PolicyError):  # a machine policy that tightens both past each other is refused too
        tighten(SecurityPolicy(), {"alert_business_start_hour": 20, "alert_business_end_hour": 10})
