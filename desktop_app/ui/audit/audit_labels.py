"""Readable names for audit actions and outcomes; unknown codes are shown as they are.

Every action in the README's audited-actions table has a label here (tests/gui/test_audit_labels.py):
the audit page is read by auditors, not developers.
"""

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
        "audit.log_review": QCoreApplication.translate("AuditLabels", "Audit-log review recorded"),
        "client.destroy": QCoreApplication.translate("AuditLabels", "Client destruction refused"),
        "education.campaign_add": QCoreApplication.translate("AuditLabels", "Education campaign added"),
        "education.participation": QCoreApplication.translate(
            "AuditLabels", "Education participation recorded"
        ),
        "education.attendees": QCoreApplication.translate(
            "AuditLabels", "Education attendees picked from the records"
        ),
        "education.attendees_import": QCoreApplication.translate(
            "AuditLabels", "Education attendee list imported"
        ),
        "education.leaflet": QCoreApplication.translate(
            "AuditLabels", "Privacy tips leaflet printed for a client"
        ),
        "education.leaflet_blank": QCoreApplication.translate(
            "AuditLabels", "Blank privacy tips leaflet printed"
        ),
        "export.client_rows": QCoreApplication.translate("AuditLabels", "Per-client rows setting changed"),
        "export.prepare": QCoreApplication.translate("AuditLabels", "Summary for headquarters prepared"),
        "export.approve": QCoreApplication.translate("AuditLabels", "Summary for headquarters approved"),
        "export.reject": QCoreApplication.translate("AuditLabels", "Summary for headquarters rejected"),
        "export.queue": QCoreApplication.translate("AuditLabels", "Summary queued for sending"),
        "export.send": QCoreApplication.translate("AuditLabels", "Summary sent to headquarters"),
        "export.send_failed": QCoreApplication.translate("AuditLabels", "Sending to headquarters failed"),
        "export.acknowledge": QCoreApplication.translate("AuditLabels", "Headquarters receipt recorded"),
        "export.refused": QCoreApplication.translate("AuditLabels", "Summary refused by the outbox"),
        "export.schedule": QCoreApplication.translate("AuditLabels", "Sending schedule changed"),
        "export.record_saved": QCoreApplication.translate("AuditLabels", "Export record saved"),
        "hq.enrol": QCoreApplication.translate("AuditLabels", "Enrolment with headquarters"),
        "hq.key_adopted": QCoreApplication.translate(
            "AuditLabels", "Headquarters keys moved into client data"
        ),
        "incident.report": QCoreApplication.translate("AuditLabels", "Incident reported"),
        "incident.assess": QCoreApplication.translate("AuditLabels", "Incident assessed"),
        "incident.advance": QCoreApplication.translate("AuditLabels", "Incident status changed"),
        "incident.reported": QCoreApplication.translate(
            "AuditLabels", "Internal or regulator report recorded"
        ),
        "incident.clients": QCoreApplication.translate("AuditLabels", "Affected clients set"),
        "incident.notify": QCoreApplication.translate("AuditLabels", "Client notification logged"),
        "keys.client_key_not_genuine": QCoreApplication.translate(
            "AuditLabels", "Client-data key not genuine"
        ),
        "programme.policy_changed": QCoreApplication.translate(
            "AuditLabels", "Privacy programme settings changed"
        ),
        "programme.report": QCoreApplication.translate("AuditLabels", "Programme report produced"),
        "programme.client_facts": QCoreApplication.translate(
            "AuditLabels", "Client-side programme figures updated"
        ),
        "review.start": QCoreApplication.translate("AuditLabels", "Compliance review started"),
        "review.evaluate": QCoreApplication.translate("AuditLabels", "Compliance review evaluated"),
        "review.answer": QCoreApplication.translate("AuditLabels", "Compliance review item answered"),
        "review.finish": QCoreApplication.translate("AuditLabels", "Compliance review finished"),
        "review.rectification_open": QCoreApplication.translate("AuditLabels", "Rectification opened"),
        "review.rectification_close": QCoreApplication.translate("AuditLabels", "Rectification closed"),
        "survey.response_added": QCoreApplication.translate("AuditLabels", "Satisfaction response entered"),
        "survey.import": QCoreApplication.translate("AuditLabels", "Satisfaction survey imported"),
        "training.quiz_attempt": QCoreApplication.translate("AuditLabels", "Training quiz taken"),
        "training.session_recorded": QCoreApplication.translate("AuditLabels", "Training session recorded"),
        "training.lms_import": QCoreApplication.translate("AuditLabels", "Training records imported"),
        "alert.raised": QCoreApplication.translate("AuditLabels", "Security alert raised"),
        "alert.acknowledged": QCoreApplication.translate("AuditLabels", "Security alert acknowledged"),
        "alert.restored": QCoreApplication.translate("AuditLabels", "Security alert record put back"),
        "alert.scan": QCoreApplication.translate("AuditLabels", "Periodic alert scan"),
        "backup.destruction_reapplied": QCoreApplication.translate(
            "AuditLabels", "Destruction carried out again after a restore"
        ),
        "access_review.start": QCoreApplication.translate("AuditLabels", "Access review started"),
        "access_review.decide": QCoreApplication.translate("AuditLabels", "Access review decision"),
        "access_review.finish": QCoreApplication.translate("AuditLabels", "Access review finished"),
        "access_review.export": QCoreApplication.translate("AuditLabels", "Access review exported"),
        "staff.role_change": QCoreApplication.translate("AuditLabels", "Staff role changed"),
        "backup.create": QCoreApplication.translate("AuditLabels", "Backup created"),
        "backup.verify": QCoreApplication.translate("AuditLabels", "Backup verified"),
        "backup.restored": QCoreApplication.translate("AuditLabels", "Restored from a backup"),
        "backup.drill": QCoreApplication.translate("AuditLabels", "Restore drill"),
        "backup.schedule": QCoreApplication.translate("AuditLabels", "Backup schedule changed"),
        "integrity.check": QCoreApplication.translate("AuditLabels", "Database integrity check"),
        "auth.second_factor": QCoreApplication.translate("AuditLabels", "Second-factor code checked"),
        "auth.second_factor_enrolled": QCoreApplication.translate("AuditLabels", "Second factor enrolled"),
        "auth.second_factor_reset": QCoreApplication.translate("AuditLabels", "Second factor reset"),
        "auth.recovery_code_used": QCoreApplication.translate(
            "AuditLabels", "Second-factor recovery code used"
        ),
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
        "log_review": QCoreApplication.translate("AuditLabels", "Audit-log review"),
    }


def target_label(target_type: str, target_id: str, language: str) -> str:
    """The entry's target: its id (a username, a branch code) or else its translated kind."""
    return target_id or _target_labels(language).get(target_type, target_type)


def action_label(code: str, language: str) -> str:
    return _action_labels(language).get(code, code)


def outcome_label(code: str, language: str) -> str:
    return _outcome_labels(language).get(code, code)
