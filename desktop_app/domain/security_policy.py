"""Every security default in one documented table, and the rule that nobody below IT weakens them.

The defaults follow what MLPS 2.0 (GB/T 22239-2019) assessors expect and OWASP ASVS 4.0.3 where it
is stricter. Sources that may set values, strongest last:

1. the defaults below;
2. the branch configuration written by IT at ``init`` / ``provision`` (``[security]`` table);
3. the machine-wide policy file written by IT (``/etc/branchvault/policy.toml`` and the like),
   which may only make a setting stricter than what the branch configuration says.

Per-user settings (language, window layout) never carry security settings at all.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, fields, replace
from typing import Any

# Floors no configuration may go below.
MIN_KDF_MEMORY_KIB = 64 * 1024
MIN_AUDIT_RETENTION_DAYS = 180


@dataclass(frozen=True)
class SecurityPolicy:
    """The security settings in force. Field docs are the documentation table (see README)."""

    idle_lock_minutes: int = field(
        default=5,
        metadata={"doc": "Minutes without input before the screen locks (MLPS practice is at most 15)."},
    )
    lockout_attempts: int = field(
        default=5, metadata={"doc": "Failed sign-ins in a row before the account locks."}
    )
    lockout_minutes: int = field(default=15, metadata={"doc": "How long a locked account stays locked."})
    kdf_target_seconds: float = field(
        default=0.5,
        metadata={"doc": "Target Argon2id time for one unlock, used once to calibrate the KDF cost."},
    )
    kdf_min_memory_kib: int = field(
        default=MIN_KDF_MEMORY_KIB,
        metadata={"doc": "Argon2id memory cost floor in KiB (never below 64 MiB)."},
    )
    password_min_length: int = field(default=10, metadata={"doc": "Minimum password length."})
    password_min_classes: int = field(
        default=3,
        metadata={"doc": "Minimum number of character classes (lower, upper, digit, symbol) out of 4."},
    )
    password_max_age_days: int = field(
        default=90, metadata={"doc": "Days before a password must be changed; 0 disables expiry."}
    )
    reauth_minutes: int = field(
        default=15,
        metadata={"doc": "Minutes after the last password entry before sensitive actions ask for it again."},
    )
    reveal_seconds: int = field(
        default=30,
        metadata={
            "doc": "Seconds a revealed field stays visible, and a copied value stays on the clipboard."
        },
    )
    bulk_reveal_threshold: int = field(
        default=20,
        metadata={
            "doc": "Reveals by one user inside the window below that trigger the bulk guard and a "
            "bulk-reveal alert."
        },
    )
    bulk_reveal_window_minutes: int = field(default=10, metadata={"doc": "The bulk-reveal window."})
    suppression_k: int = field(
        default=5,
        metadata={"doc": "Smallest group size shown in HQ summaries (k-anonymity style suppression)."},
    )
    audit_retention_days: int = field(
        default=0,
        metadata={
            "doc": "0 keeps audit entries forever; otherwise at least 180 days (Cybersecurity Law Art. 21)."
        },
    )
    # --- security operations (issue 15): alert rules, reviews, backups, checks, second factor ---
    alert_business_start_hour: int = field(
        default=8,
        metadata={
            "doc": "Hour (Beijing time, 0-23) the business day starts: a sign-in before it raises "
            "an off-hours alert."
        },
    )
    alert_business_end_hour: int = field(
        default=21,
        metadata={
            "doc": "Hour (Beijing time, 1-24) the business day ends: a sign-in from then on raises "
            "an off-hours alert."
        },
    )
    alert_failed_signins_per_hour: int = field(
        default=10,
        metadata={"doc": "Failed sign-ins (all accounts together) within an hour that raise an alert."},
    )
    alert_sensitive_searches_per_hour: int = field(
        default=30,
        metadata={
            "doc": "Searches by ID number or phone by one user within an hour that raise an "
            "enumeration alert."
        },
    )
    alert_exports_per_day: int = field(
        default=5,
        metadata={
            "doc": "Exports started by one user in a day (summaries to HQ, audit exports, rejected-row "
            "files) that raise an export-spike alert."
        },
    )
    alert_views_factor: int = field(
        default=3,
        metadata={
            "doc": "A staff member opening more than this many times their usual number of client "
            "records in a day (median of their previous 30 working days) raises an alert."
        },
    )
    alert_views_minimum: int = field(
        default=40,
        metadata={"doc": "…and at least this many records that day (a quiet agent's few views never do)."},
    )
    alert_scan_minutes: int = field(
        default=15,
        metadata={
            "doc": "Minutes between the periodic pass over the audit log for the rules that need a "
            "window or a history."
        },
    )
    log_review_days: int = field(
        default=30,
        metadata={"doc": "Days between the auditor's recorded reviews of the audit log; later is overdue."},
    )
    access_review_months: int = field(
        default=3,
        metadata={
            "doc": "Months between access reviews (a manager attests every account); later is overdue."
        },
    )
    inactive_account_days: int = field(
        default=90,
        metadata={"doc": "Days without a sign-in after which an account is flagged as inactive."},
    )
    inactive_auto_disable: int = field(
        default=0,
        metadata={
            "doc": "1 disables accounts inactive that long automatically (audited); 0 only flags them."
        },
    )
    backup_max_age_days: int = field(
        default=7,
        metadata={
            "doc": "Days after which the latest verified backup counts as missing (alert, compliance review)."
        },
    )
    backup_keep_days: int = field(
        default=30,
        metadata={
            "doc": "Days a backup is kept in the backup folder at most, whatever the generations: a "
            "destroyed client's data leaves every backup within this many days."
        },
    )
    restore_drill_days: int = field(
        default=180,
        metadata={
            "doc": "Days between restore drills (restore the latest backup to a temporary place and "
            "verify it); later is overdue."
        },
    )
    integrity_check_hours: int = field(
        default=24,
        metadata={
            "doc": "Hours between the app's integrity checks of the live database (also run after an "
            "unclean shutdown)."
        },
    )
    totp_it_admin: int = field(
        default=1,
        metadata={"doc": "1 requires IT administrators to sign in with a TOTP code after the password."},
    )
    totp_manager: int = field(
        default=0,
        metadata={"doc": "1 requires branch managers to sign in with a TOTP code after the password."},
    )


# For each field: True when a larger value is stricter. Used to refuse weakening.
_LARGER_IS_STRICTER: dict[str, bool] = {
    "idle_lock_minutes": False,
    "lockout_attempts": False,
    "lockout_minutes": True,
    "kdf_target_seconds": True,
    "kdf_min_memory_kib": True,
    "password_min_length": True,
    "password_min_classes": True,
    "password_max_age_days": False,
    "reauth_minutes": False,
    "reveal_seconds": False,
    "bulk_reveal_threshold": False,
    "bulk_reveal_window_minutes": True,
    "suppression_k": True,
    "audit_retention_days": True,
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

_FIELD_TYPES: dict[str, type] = {
    f.name: type(getattr(SecurityPolicy(), f.name)) for f in fields(SecurityPolicy)
}


class PolicyError(ValueError):
    """A policy file names an unknown setting or a value outside what is allowed."""


def _coerce(name: str, value: Any) -> int | float:
    if name not in _FIELD_TYPES:
        raise PolicyError(f"unknown security setting: {name}")
    kind = _FIELD_TYPES[name]
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise PolicyError(f"{name} must be a number")
    if not math.isfinite(value):  # TOML allows inf and nan
        raise PolicyError(f"{name} must be a finite number")
    coerced = kind(value)
    if coerced < 0:
        raise PolicyError(f"{name} must not be negative")
    return coerced


# Allowed ranges where MLPS 2.0 practice or usability bounds a setting (inclusive).
_RANGES: tuple[tuple[str, float, float], ...] = (
    ("idle_lock_minutes", 1, 15),  # MLPS practice: lock after at most 15 idle minutes
    ("lockout_attempts", 1, 10),
    ("lockout_minutes", 15, 24 * 60),  # MLPS practice: locked for at least 15 minutes
    ("reauth_minutes", 1, 15),  # ASVS 3.7.1 / MLPS: recent password before sensitive actions
    ("reveal_seconds", 5, 300),
    ("password_max_age_days", 0, 365),
    ("suppression_k", 3, 1000),  # below 3 the HQ summary's markers alone can give small counts away
    ("alert_business_start_hour", 0, 23),
    ("alert_business_end_hour", 1, 24),
    ("alert_failed_signins_per_hour", 1, 1000),
    ("alert_sensitive_searches_per_hour", 1, 10000),
    ("alert_exports_per_day", 1, 1000),
    ("alert_views_factor", 2, 20),
    ("alert_views_minimum", 1, 10000),
    ("alert_scan_minutes", 1, 60),
    ("log_review_days", 7, 92),  # at least quarterly (MLPS 2.0: audit records reviewed regularly)
    ("access_review_months", 1, 12),
    ("inactive_account_days", 14, 365),
    ("inactive_auto_disable", 0, 1),
    ("backup_max_age_days", 1, 92),
    ("backup_keep_days", 7, 366),
    ("restore_drill_days", 30, 366),
    ("integrity_check_hours", 1, 168),
    ("totp_it_admin", 0, 1),
    ("totp_manager", 0, 1),
)


def _validate(policy: SecurityPolicy) -> SecurityPolicy:
    if policy.kdf_min_memory_kib < MIN_KDF_MEMORY_KIB:
        raise PolicyError("kdf_min_memory_kib must be at least 65536 (64 MiB)")
    if not 1 <= policy.password_min_classes <= 4:
        raise PolicyError("password_min_classes must be between 1 and 4")
    for name, low, high in _RANGES:
        value = getattr(policy, name)
        if not low <= value <= high:
            raise PolicyError(f"{name} must be between {low} and {high}")
    if policy.password_min_length < 8:
        raise PolicyError("password_min_length must be at least 8")
    if policy.alert_business_start_hour >= policy.alert_business_end_hour:
        raise PolicyError("alert_business_start_hour must be before alert_business_end_hour")
    if 0 < policy.audit_retention_days < MIN_AUDIT_RETENTION_DAYS:
        raise PolicyError("audit_retention_days must be 0 (keep) or at least 180")
    return policy


def apply_settings(base: SecurityPolicy, settings: dict[str, Any]) -> SecurityPolicy:
    """Return ``base`` with ``settings`` applied (IT's branch configuration may set any value)."""
    values = {name: _coerce(name, value) for name, value in settings.items()}
    return _validate(replace(base, **values))  # type: ignore[arg-type]


def _stricter(name: str, old: int | float, new: int | float) -> int | float:
    if name == "audit_retention_days":  # 0 keeps entries forever: the strictest choice
        return 0 if 0 in (old, new) else max(old, new)
    if name == "password_max_age_days":  # 0 disables expiry: the weakest choice
        nonzero = [v for v in (old, new) if v]
        return min(nonzero) if nonzero else 0
    return max(old, new) if _LARGER_IS_STRICTER[name] else min(old, new)


def tighten(base: SecurityPolicy, settings: dict[str, Any]) -> SecurityPolicy:
    """Apply a machine-wide policy: each value wins only where it is stricter than ``base``."""
    coerced = {name: _coerce(name, value) for name, value in settings.items()}  # unknown name: PolicyError
    values = {name: _stricter(name, getattr(base, name), value) for name, value in coerced.items()}
    return _validate(replace(base, **values))  # type: ignore[arg-type]


def as_table() -> list[tuple[str, object, str]]:
    """(name, default, description) rows: the documentation table for README and ``--help``."""
    default = SecurityPolicy()
    return [(f.name, getattr(default, f.name), f.metadata["doc"]) for f in fields(SecurityPolicy)]
