"""The branch settings whose authoritative copy lives inside the encrypted database, and how two
copies are compared.

Rule: the security settings (``[security]``), the Argon2id cost (``[keys.kdf]``) and the branch
identity printed on consent forms and privacy notices (branch, company and headquarters names and
contacts, HQ address) are changed only by IT through an audited command. ``branch.toml`` in the
data directory is a readable copy, needed before anyone signs in; the copy in the database wins.

Reason: anyone who can write the data folder (a local administrator with a text editor) could
otherwise weaken the lockout, the idle lock or the password rules, or change the processor and
recipient named to clients — PIPL Art. 17 and 23 require the notice to name them truthfully; MLPS
2.0 (GB/T 22239-2019, 8.1.4.1) requires the security settings to be protected from unauthorised
change.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any
from urllib.parse import urlsplit

from desktop_app.domain.errors import InvalidInput
from desktop_app.domain.security_policy import SecurityPolicy, apply_settings, tighten

IDENTITY_FIELDS: tuple[str, ...] = (
    "branch_code",
    "branch_name",
    "company_name",
    "company_contact",
    "hq_name",
    "hq_contact",
    "hq_url",
    "survey_url",
)
"""The branch identity kept in the database: what consent forms and the privacy notice print
(plus the HQ address, where client data is sent, and the satisfaction survey's address printed as a
QR code on the consent form: a file edited to point clients at another site is restored)."""

EDITABLE_IDENTITY: tuple[str, ...] = tuple(name for name in IDENTITY_FIELDS if name != "branch_code")
"""Identity values IT may change (``config set`` / ``provision``); the branch code never changes."""

KDF_FIELDS: tuple[str, ...] = ("time_cost", "memory_kib", "parallelism")

PRE_SIGN_IN: tuple[str, ...] = (
    "lockout_attempts",
    "lockout_minutes",
    "kdf_target_seconds",
    "kdf_min_memory_kib",
    "password_max_age_days",
)
"""Security settings the app reads from the file before anyone has signed in (the database is
still locked then)."""


@dataclass(frozen=True)
class BranchSettings:
    """One copy of the protected settings: identity values, the ``[security]`` table, the KDF cost."""

    identity: Mapping[str, str]
    security: Mapping[str, Any] = field(default_factory=dict)
    kdf: Mapping[str, int] = field(default_factory=dict)

    def policy(self) -> SecurityPolicy:
        return apply_settings(SecurityPolicy(), dict(self.security))

    def to_json(self) -> bytes:
        data = {"identity": dict(self.identity), "security": dict(self.security), "kdf": dict(self.kdf)}
        return json.dumps(data, ensure_ascii=False, sort_keys=True).encode("utf-8")

    @classmethod
    def from_json(cls, raw: bytes) -> BranchSettings:
        """Parse a stored copy; ``ValueError`` if it is not one (checked by the caller)."""
        data = json.loads(raw.decode("utf-8"))
        if not isinstance(data, dict):
            raise ValueError("not a settings copy")
        identity = data.get("identity", {})
        security = data.get("security", {})
        kdf = data.get("kdf", {})
        if not (isinstance(identity, dict) and isinstance(security, dict) and isinstance(kdf, dict)):
            raise ValueError("not a settings copy")
        settings = cls(
            {name: str(identity.get(name, "")) for name in IDENTITY_FIELDS},
            dict(security),
            {name: int(kdf[name]) for name in KDF_FIELDS if name in kdf},
        )
        settings.policy()  # a stored copy always validates; PolicyError is a ValueError
        return settings


def differences(file: BranchSettings, stored: BranchSettings) -> dict[str, tuple[object, object]]:
    """Setting name -> (value in the file, value in the database), for every value that differs.

    Security settings are compared as the values in force (a setting left out equals its default),
    named ``security.<name>``; identity values ``branch.<name>``; the KDF cost ``keys.kdf.<name>``.
    """
    changed: dict[str, tuple[object, object]] = {}
    for name in IDENTITY_FIELDS:
        file_value, stored_value = file.identity.get(name, ""), stored.identity.get(name, "")
        if file_value != stored_value:
            changed[f"branch.{name}"] = (file_value, stored_value)
    file_policy, stored_policy = file.policy(), stored.policy()
    for item in fields(SecurityPolicy):
        ours, theirs = getattr(file_policy, item.name), getattr(stored_policy, item.name)
        if ours != theirs:
            changed[f"security.{item.name}"] = (ours, theirs)
    for name in KDF_FIELDS:
        file_cost, stored_cost = file.kdf.get(name), stored.kdf.get(name)
        if stored_cost is not None and file_cost != stored_cost:
            changed[f"keys.kdf.{name}"] = (file_cost, stored_cost)
    return changed


def at_least_as_strict(policy: SecurityPolicy, last_known: Mapping[str, Any]) -> SecurityPolicy:
    """``policy`` tightened by the last security settings the database held, for the settings
    read before sign-in: a file edited to weaken them is not honoured (values already stricter stay)."""
    known = apply_settings(SecurityPolicy(), dict(last_known))
    return tighten(policy, {name: getattr(known, name) for name in PRE_SIGN_IN})


def stronger_kdf(file: Mapping[str, int], last_known: Mapping[str, int]) -> dict[str, int]:
    """Each KDF cost parameter at least as high as the last one the database held."""
    return {name: max(int(file.get(name, 0)), int(last_known.get(name, 0))) for name in KDF_FIELDS}


IDENTITY_MAX = 200


def is_https_address(value: str) -> bool:
    """An https:// address with a host, no user name or password, no spaces, no port 0: the only
    kind the HQ address may be (client data leaves the branch over it; plain http would expose it)."""
    try:
        parts = urlsplit(value)
        port = parts.port  # raises ValueError for a bad port
    except ValueError:
        return False
    return (
        parts.scheme.lower() == "https"
        and bool(parts.hostname)
        and not parts.username
        and not parts.password
        and not any(c.isspace() for c in value)
        and port != 0
    )


def validate_identity(name: str, value: str) -> str:
    """The trimmed value IT may store for identity field ``name``; InvalidInput naming the problem."""
    if name not in EDITABLE_IDENTITY:
        raise InvalidInput(
            f"未知或不可更改的门店信息项：{name}（可用：{'、'.join(EDITABLE_IDENTITY)}）。",
            f"Unknown or unchangeable branch value: {name} (known: {', '.join(EDITABLE_IDENTITY)}).",
        )
    value = value.strip()
    if any(ord(c) < 32 for c in value) or len(value) > IDENTITY_MAX:
        raise InvalidInput(
            f"{name} 不能含控制字符，且不超过 {IDENTITY_MAX} 个字符。",
            f"{name} must not hold control characters and is at most {IDENTITY_MAX} characters.",
        )
    if name == "branch_name" and not 1 <= len(value) <= 60:
        raise InvalidInput(
            "门店名称不能为空，且不超过 60 个字符。", "The branch name must be 1–60 characters."
        )
    if name == "hq_url" and value and not is_https_address(value):
        raise InvalidInput(
            "总部地址须为 https:// 开头的网址（不含空格或用户名密码）。",
            "The headquarters URL must be an https:// address (no spaces, no user name or password).",
        )
    if name == "survey_url" and value and not (is_https_address(value) and value.isascii()):
        raise InvalidInput(
            "问卷地址须为 https:// 开头的网址（不含空格、中文字符或用户名密码）。",
            "The survey URL must be an https:// address (no spaces, non-ASCII characters, user name or "
            "password).",
        )
    return value
