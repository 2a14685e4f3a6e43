"""Readable names for audit actions and outcomes; unknown codes are shown as they are."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QCoreApplication


@cache
def _action_labels(language: str) -> dict[str, str]:
    return {
        "access.denied": QCoreApplication.translate("AuditLabels", "Access denied"),
        "access.confirm": QCoreApplication.translate("AuditLabels", "Staff access to client data confirmed"),
        "auth.events_dropped": QCoreApplication.translate("AuditLabels", "Sign-in events lost"),
        "config.copied_to_database": QCoreApplication.translate(
            "AuditLabels", "Branch configuration copied into the database"
        ),
        "config.edit": QCoreApplication.translate("AuditLabels", "Branch configuration changed"),
        "config.file_tampered": QCoreApplication.translate(
            "AuditLabels", "Edited configuration file restored"
        ),
        "keys.client_key_created": QCoreApplication.translate("AuditLabels", "Client-data key created"),
        "keys.client_rotation": QCoreApplication.translate("AuditLabels", "Client-data key rotated"),
        "keys.client_recovery_used": QCoreApplication.translate(
            "AuditLabels", "Client-data recovery code used"
        ),
        "keys.recovery_slot_missing": QCoreApplication.translate("AuditLabels", "Recovery key slot missing"),
        "audit.export": QCoreApplication.translate("AuditLabels", "Audit log exported"),
        "audit.verify": QCoreApplication.translate("AuditLabels", "Audit chain verified"),
        "audit.view": QCoreApplication.translate("AuditLabels", "Audit log viewed"),
        "audit.rollback_detected": QCoreApplication.translate(
            "AuditLabels", "Audit log rolled back or rewritten"
        ),
        "audit.witness_missing": QCoreApplication.translate("AuditLabels", "Audit chain witness missing"),
        "audit.triggers_restored": QCoreApplication.translate(
            "AuditLabels", "Append-only protection put back"
        ),
        "auth.lockout": QCoreApplication.translate("AuditLabels", "Account locked"),
        "signin_state.tampered": QCoreApplication.translate(
            "AuditLabels", "Sign-in state file damaged or forged"
        ),
        "signin_state.rolled_back": QCoreApplication.translate(
            "AuditLabels", "Sign-in state file rolled back"
        ),
        "signin_state.missing": QCoreApplication.translate("AuditLabels", "Sign-in state file missing"),
        "auth.password_changed": QCoreApplication.translate("AuditLabels", "Password changed"),
        "auth.reauthenticate": QCoreApplication.translate("AuditLabels", "Password re-entered"),
        "auth.sign_in": QCoreApplication.translate("AuditLabels", "Sign-in"),
        "auth.sign_out": QCoreApplication.translate("AuditLabels", "Sign-out"),
        "branch.init": QCoreApplication.translate("AuditLabels", "Branch set up"),
        "client.create": QCoreApplication.translate("AuditLabels", "Client registered"),
        "client.view": QCoreApplication.translate("AuditLabels", "Client details viewed"),
        "client.update": QCoreApplication.translate("AuditLabels", "Client changed"),
        "client.reassign": QCoreApplication.translate("AuditLabels", "Client reassigned"),
        "client.search": QCoreApplication.translate("AuditLabels", "Client search by phone or ID"),
        "client.reveal": QCoreApplication.translate("AuditLabels", "Field revealed"),
        "client.reveal_override": QCoreApplication.translate(
            "AuditLabels", "Reveal limit lifted by a manager"
        ),
        "client.followup": QCoreApplication.translate("AuditLabels", "Follow-up added"),
        "client.followups_view": QCoreApplication.translate("AuditLabels", "Follow-ups viewed"),
        "client.history_view": QCoreApplication.translate("AuditLabels", "Change history viewed"),
        "client.import": QCoreApplication.translate("AuditLabels", "Clients imported"),
        "client.import.rejects_export": QCoreApplication.translate("AuditLabels", "Rejected rows exported"),
        "client.import.consent_confirmed": QCoreApplication.translate(
            "AuditLabels", "Whole-file consent confirmed"
        ),
        "client.delete": QCoreApplication.translate("AuditLabels", "Client data destroyed"),
        "client.storage_only": QCoreApplication.translate("AuditLabels", "Client kept in storage only"),
        "client.destruction_certificate": QCoreApplication.translate(
            "AuditLabels", "Destruction certificate printed"
        ),
        "consent.print": QCoreApplication.translate("AuditLabels", "Consent form printed"),
        "branch.provision": QCoreApplication.translate("AuditLabels", "Branch configuration applied"),
        "consent.print_blank": QCoreApplication.translate("AuditLabels", "Blank consent form printed"),
        "consent.record": QCoreApplication.translate("AuditLabels", "Signed consent form recorded"),
        "consent.withdraw": QCoreApplication.translate("AuditLabels", "Consent withdrawn"),
        "consent.view": QCoreApplication.translate("AuditLabels", "Consents viewed"),
        "consent.scan_view": QCoreApplication.translate("AuditLabels", "Consent form scan viewed"),
        "notice.install": QCoreApplication.translate("AuditLabels", "Bundled privacy notice installed"),
        "notice.publish": QCoreApplication.translate("AuditLabels", "Privacy notice published"),
        "request.register": QCoreApplication.translate("AuditLabels", "Request registered"),
        "request.verify": QCoreApplication.translate("AuditLabels", "Requester identity verified"),
        "request.copy": QCoreApplication.translate("AuditLabels", "Copy of data provided"),
        "request.correct": QCoreApplication.translate("AuditLabels", "Correction made"),
        "request.delete": QCoreApplication.translate("AuditLabels", "Deletion request answered"),
        "request.explain": QCoreApplication.translate("AuditLabels", "Explanation given"),
        "request.refuse": QCoreApplication.translate("AuditLabels", "Request refused"),
        "retention.review": QCoreApplication.translate("AuditLabels", "Retention queue viewed"),
        "retention.approve": QCoreApplication.translate("AuditLabels", "Destruction approved"),
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
        "client": QCoreApplication.translate("AuditLabels", "Client"),
        "notice_version": QCoreApplication.translate("AuditLabels", "Privacy notice version"),
        "client_request": QCoreApplication.translate("AuditLabels", "Client request"),
        "destruction_record": QCoreApplication.translate("AuditLabels", "Destruction record"),
        "destruction_batch": QCoreApplication.translate("AuditLabels", "Destruction batch"),
        "retention_queue": QCoreApplication.translate("AuditLabels", "Retention queue"),
        "file": QCoreApplication.translate("AuditLabels", "File"),
        "database": QCoreApplication.translate("AuditLabels", "Database"),
        "keyslots": QCoreApplication.translate("AuditLabels", "Key slots"),
        "signin_state": QCoreApplication.translate("AuditLabels", "Sign-in state file"),
        "consent_form": QCoreApplication.translate("AuditLabels", "Consent form"),
    }


def target_label(target_type: str, target_id: str, language: str) -> str:
    """The entry's target: its id (a username, a branch code) or else its translated kind."""
    return target_id or _target_labels(language).get(target_type, target_type)


def action_label(code: str, language: str) -> str:
    return _action_labels(language).get(code, code)


def outcome_label(code: str, language: str) -> str:
    return _outcome_labels(language).get(code, code)
