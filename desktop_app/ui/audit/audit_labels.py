"""Readable names for audit actions and outcomes; unknown codes are shown as they are."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QCoreApplication


@cache
def _action_labels(language: str) -> dict[str, str]:
    return {
        "access.denied": QCoreApplication.translate("AuditLabels", "Access denied"),
        "audit.export": QCoreApplication.translate("AuditLabels", "Audit log exported"),
        "audit.verify": QCoreApplication.translate("AuditLabels", "Audit chain verified"),
        "audit.view": QCoreApplication.translate("AuditLabels", "Audit log viewed"),
        "auth.lockout": QCoreApplication.translate("AuditLabels", "Account locked"),
        "auth.password_changed": QCoreApplication.translate("AuditLabels", "Password changed"),
        "auth.reauthenticate": QCoreApplication.translate("AuditLabels", "Password re-entered"),
        "auth.sign_in": QCoreApplication.translate("AuditLabels", "Sign-in"),
        "auth.sign_out": QCoreApplication.translate("AuditLabels", "Sign-out"),
        "branch.init": QCoreApplication.translate("AuditLabels", "Branch set up"),
        "keys.recovery_used": QCoreApplication.translate("AuditLabels", "Recovery code used"),
        "keys.rekey": QCoreApplication.translate("AuditLabels", "Database key rotated"),
        "keys.slot_upgraded": QCoreApplication.translate("AuditLabels", "Key slot strengthened"),
        "staff.add": QCoreApplication.translate("AuditLabels", "Staff member added"),
        "staff.disable": QCoreApplication.translate("AuditLabels", "Staff member disabled"),
        "staff.reset_password": QCoreApplication.translate("AuditLabels", "Password reset"),
    }


@cache
def _outcome_labels(language: str) -> dict[str, str]:
    return {
        "success": QCoreApplication.translate("AuditLabels", "Success"),
        "failure": QCoreApplication.translate("AuditLabels", "Failure"),
        "denied": QCoreApplication.translate("AuditLabels", "Denied"),
    }


@cache
def _target_labels(language: str) -> dict[str, str]:
    return {
        "audit_log": QCoreApplication.translate("AuditLabels", "Audit log"),
        "branch": QCoreApplication.translate("AuditLabels", "Branch"),
        "staff": QCoreApplication.translate("AuditLabels", "Staff member"),
        "action": QCoreApplication.translate("AuditLabels", "Action"),
    }


def target_label(target_type: str, target_id: str, language: str) -> str:
    """The entry's target: its id (a username, a branch code) or else its translated kind."""
    return target_id or _target_labels(language).get(target_type, target_type)


def action_label(code: str, language: str) -> str:
    return _action_labels(language).get(code, code)


def outcome_label(code: str, language: str) -> str:
    return _outcome_labels(language).get(code, code)
