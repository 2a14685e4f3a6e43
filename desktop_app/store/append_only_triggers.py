"""The triggers that keep the evidence tables append-only, and putting them back.

Rule: the audit log, destruction records and published notice versions refuse UPDATE and DELETE;
consent forms and events refuse UPDATE (they go only with their client); the incident timeline
and the breach-notification log refuse both (issue 14), and so do the auditor's recorded
log reviews (issue 15); a finished compliance review and a closed
rectification never change (store/compliance_review_triggers.py). The triggers are created by
and the breach-notification log refuse both (issue 14); a finished compliance review and a closed
rectification never change (store/compliance_review_triggers.py), nor does a finished access review
(store/access_review_triggers.py). The triggers are created by
the migrations (store/migrations.py); this module holds the same definitions so that a trigger that
was dropped, or replaced by one of the same name that does nothing, is found and re-created.
Reason: anyone holding a database key can ``DROP TRIGGER`` with sqlcipher3 and then delete or edit
rows; that is only visible if the app checks (GB/T 22239-2019 8.1.4.3 c, audit records protected
from deletion and modification). Restoring is recorded by the caller as an audit entry.
"""

from __future__ import annotations

import re

from desktop_app.store.access_review_triggers import ACCESS_REVIEW_TRIGGERS
from desktop_app.store.compliance_review_triggers import COMPLIANCE_REVIEW_TRIGGERS
from desktop_app.store.database import Database


def _refuse(table: str, event: str, message: str) -> str:
    return f"CREATE TRIGGER {table}_no_{event.lower()} BEFORE {event} ON {table} BEGIN SELECT RAISE(ABORT, '{message}'); END"


_TABLE_RULES: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("audit_log", ("UPDATE", "DELETE"), "audit log is append-only"),
    ("destruction_records", ("UPDATE", "DELETE"), "destruction records are append-only"),
    ("notice_versions", ("UPDATE", "DELETE"), "published notice versions are immutable"),
    ("consent_forms", ("UPDATE",), "consent records never change"),
    ("consent_events", ("UPDATE",), "consent records never change"),
    ("incident_events", ("UPDATE", "DELETE"), "the incident timeline is append-only"),
    ("incident_notifications", ("UPDATE", "DELETE"), "the notification log is append-only"),
    ("log_reviews", ("UPDATE", "DELETE"), "recorded log reviews are immutable"),
    ("backup_runs", ("UPDATE", "DELETE"), "the backup history is append-only"),
    ("integrity_checks", ("UPDATE", "DELETE"), "the integrity-check history is append-only"),
)

# trigger name -> (table, CREATE statement exactly as the migrations wrote it, whitespace aside)
APPEND_ONLY_TRIGGERS: dict[str, tuple[str, str]] = {
    f"{table}_no_{event.lower()}": (table, _refuse(table, event, message))
    for table, events, message in _TABLE_RULES
    for event in events
}
APPEND_ONLY_TRIGGERS.update(COMPLIANCE_REVIEW_TRIGGERS)  # a finished compliance review (migration 15)
APPEND_ONLY_TRIGGERS.update(ACCESS_REVIEW_TRIGGERS)  # a finished access review (migration 22)


def _normalise(sql: str) -> str:
    return re.sub(r"\s+", " ", sql).strip()


def _schema(schema: str) -> str:
    if not schema.isidentifier():
        raise ValueError(schema)
    return schema


def damaged_triggers(db: Database, schema: str = "main") -> list[str]:
    """Names of the expected triggers that are missing or differ, for the tables ``schema`` holds."""
    name = _schema(schema)
    rows = db.execute(f"SELECT type, name, sql FROM {name}.sqlite_master WHERE type IN ('table', 'trigger')")
    tables: set[str] = set()
    triggers: dict[str, str] = {}
    for kind, object_name, sql in rows.fetchall():
        if kind == "table":
            tables.add(object_name)
        else:
            triggers[object_name] = _normalise(sql or "")
    return [
        trigger
        for trigger, (table, sql) in APPEND_ONLY_TRIGGERS.items()
        if table in tables and triggers.get(trigger) != _normalise(sql)
    ]


def schemas(db: Database) -> list[str]:
    """The open database's schemas that can hold tables: ``main`` and any attached database."""
    return [str(row[1]) for row in db.execute("PRAGMA database_list").fetchall() if row[1] != "temp"]


def qualified(schema: str, trigger: str) -> str:
    return trigger if schema == "main" else f"{schema}.{trigger}"


def damaged_everywhere(db: Database) -> list[str]:
    """``damaged_triggers`` of every schema, named ``trigger`` in main and ``schema.trigger`` elsewhere."""
    return [qualified(schema, name) for schema in schemas(db) for name in damaged_triggers(db, schema)]


def restore_everywhere(db: Database, names: list[str]) -> None:
    """Re-create the triggers ``damaged_everywhere`` named."""
    for name in names:
        schema, _, trigger = name.rpartition(".")
        restore_triggers(db, [trigger], schema or "main")


def restore_triggers(db: Database, names: list[str], schema: str = "main") -> None:
    """Re-create ``names`` (dropping an altered one first). Call inside the transaction that audits it."""
    prefix = _schema(schema)
    for trigger in names:
        _, sql = APPEND_ONLY_TRIGGERS[trigger]
        db.execute(f"DROP TRIGGER IF EXISTS {prefix}.{trigger}")
        db.execute(sql.replace("CREATE TRIGGER ", f"CREATE TRIGGER {prefix}.", 1))
