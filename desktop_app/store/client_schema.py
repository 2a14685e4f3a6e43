"""The schema of ``clients.db``, the client-data database, with its own numbered migrations.

Everything that is a client's personal data lives here, under the client-data key that only agents,
managers and the client-data recovery code hold (PIPL Art. 51: access control between roles;
MLPS 2.0 separation of duties): client records, follow-ups, the search index, consent forms with
guardians and scans, printed-form numbers, consent events, individuals' requests and their texts,
the change history, remembered import mappings (per member, or the branch's when a manager saves
them; version 2), the pseudonym key of the audit log, and the summaries prepared for headquarters
with their approvals, outbox state and HQ's receipts (version 3), and the branch's HQ signing key
and the pseudonym key once a holder adopted them from branch.db (version 4), and each client's
participation in privacy education (version 5). The branch
database (``branch.db``) keeps staff, the audit log, notices, destruction records and key grants.

Version 1 is the client part of the branch schema at branch migration 8, so an old branch's tables
are copied over column for column (``services/client_access.py``). A table here never refers to a
table of the branch database: SQLite foreign keys cannot cross files, so staff ids and notice
versions are plain values (the services check them). Table names differ from the branch
database's (``client_meta``, not ``meta``) because queries name tables without their schema.
Published migrations are frozen like the branch database's (store/migrations.py): they import
nothing from the domain, only frozen copies of what they needed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from desktop_app.store.fault_points import fault_point
from desktop_app.store.migration_frozen_headers import M002_KNOWN_HEADERS
from desktop_app.store.migration_frozen_tokens import M004_FTS5_TOKENIZE

if TYPE_CHECKING:
    from desktop_app.store.database import Database

SCHEMA = "client_data"

# Tables moved from an old branch database, in an order that satisfies their foreign keys.
MOVED_TABLES = (
    "clients",
    "client_followups",
    "client_requests",
    "client_changes",
    "import_header_mappings",
    "consent_forms",
    "printed_forms",
    "consent_events",
)

_V1 = (
    """CREATE TABLE client_data.client_meta (
        key TEXT PRIMARY KEY,
        value BLOB NOT NULL
    )""",
    """CREATE TABLE client_data.clients (
        id INTEGER PRIMARY KEY,
        assigned_agent_id INTEGER NOT NULL,
        full_name TEXT NOT NULL,
        id_type TEXT,
        id_number TEXT,
        phone_e164 TEXT NOT NULL,
        phone_kind TEXT NOT NULL CHECK (phone_kind IN ('mobile','landline','foreign')),
        email TEXT,
        province TEXT,
        city TEXT,
        district TEXT,
        address_detail TEXT,
        income_band TEXT,
        property_type TEXT,
        intended_districts TEXT NOT NULL DEFAULT '',
        area_range TEXT,
        budget_band TEXT,
        payment_method TEXT,
        purchase_purpose TEXT,
        purchase_timeline TEXT,
        intention_level TEXT CHECK (intention_level IN ('A','B','C')),
        source_channel TEXT,
        stage TEXT NOT NULL DEFAULT 'lead'
            CHECK (stage IN ('lead','visiting','subscription','contract','closed')),
        notes TEXT NOT NULL DEFAULT '',
        sensitive_consent INTEGER NOT NULL DEFAULT 0 CHECK (sensitive_consent IN (0,1)),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        last_contact_at TEXT,
        name_pinyin TEXT NOT NULL DEFAULT '',
        buyer_since TEXT,
        storage_only_since TEXT,
        hq_consent INTEGER NOT NULL DEFAULT 0 CHECK (hq_consent IN (0,1)),
        marketing_consent INTEGER NOT NULL DEFAULT 0 CHECK (marketing_consent IN (0,1)),
        notice_version TEXT,
        CHECK (id_number IS NULL OR id_type IS NOT NULL)
    )""",
    "CREATE UNIQUE INDEX client_data.clients_id_number ON clients(id_number) WHERE id_number IS NOT NULL",
    "CREATE INDEX client_data.clients_phone ON clients(phone_e164)",
    "CREATE INDEX client_data.clients_active_contact ON clients(last_contact_at, id) "
    "WHERE storage_only_since IS NULL",
    "CREATE INDEX client_data.clients_active_agent_contact ON clients(assigned_agent_id, last_contact_at, id) "
    "WHERE storage_only_since IS NULL",
    "CREATE INDEX client_data.clients_active_name ON clients(name_pinyin, id) WHERE storage_only_since IS NULL",
    "CREATE INDEX client_data.clients_active_agent_name ON clients(assigned_agent_id, name_pinyin, id) "
    "WHERE storage_only_since IS NULL",
    "CREATE INDEX client_data.clients_active_intention ON clients"
    "(intention_level IS NULL, intention_level, last_contact_at DESC, id DESC) WHERE storage_only_since IS NULL",
    """CREATE TABLE client_data.client_followups (
        id INTEGER PRIMARY KEY,
        client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
        at TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('visit','call')),
        note TEXT NOT NULL,
        staff_id INTEGER NOT NULL
    )""",
    "CREATE INDEX client_data.client_followups_client ON client_followups(client_id, at)",
    f"CREATE VIRTUAL TABLE client_data.client_search USING fts5(tokens, tokenize='{M004_FTS5_TOKENIZE}', prefix='1 2 3')",
    "INSERT INTO client_data.client_search (client_search, rank) VALUES ('secure-delete', 1)",
    """CREATE TRIGGER client_data.clients_search_delete AFTER DELETE ON clients
       BEGIN DELETE FROM client_search WHERE rowid = old.id; END""",
    """CREATE TABLE client_data.client_requests (
        id INTEGER PRIMARY KEY,
        client_id INTEGER REFERENCES clients(id) ON DELETE SET NULL,
        client_pseudonym TEXT NOT NULL,
        kind TEXT NOT NULL
            CHECK (kind IN ('copy','correction','deletion','withdrawal','explanation')),
        received_on TEXT NOT NULL,
        identity_verified_at TEXT,
        identity_verified_by INTEGER,
        due_on TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','completed','refused')),
        description TEXT NOT NULL DEFAULT '',
        outcome TEXT NOT NULL DEFAULT '',
        registered_by INTEGER NOT NULL,
        registered_at TEXT NOT NULL,
        closed_by INTEGER,
        closed_at TEXT,
        CHECK ((status = 'open') = (closed_at IS NULL))
    )""",
    "CREATE INDEX client_data.client_requests_status ON client_requests(status, due_on)",
    "CREATE INDEX client_data.client_requests_client ON client_requests(client_id)",
    """CREATE TABLE client_data.client_changes (
        id INTEGER PRIMARY KEY,
        client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
        at TEXT NOT NULL,
        staff_id INTEGER NOT NULL,
        fields TEXT NOT NULL,
        request_id INTEGER REFERENCES client_requests(id)
    )""",
    "CREATE INDEX client_data.client_changes_client ON client_changes(client_id, at)",
    """CREATE TABLE client_data.import_header_mappings (
        header TEXT PRIMARY KEY,
        field TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )""",
    """CREATE TABLE client_data.consent_forms (
        id INTEGER PRIMARY KEY,
        client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
        form_number TEXT UNIQUE,
        notice_version TEXT NOT NULL,
        method TEXT NOT NULL CHECK (method IN ('paper_form','imported')),
        signed_on TEXT NOT NULL,
        witnessed_by INTEGER NOT NULL,
        recorded_at TEXT NOT NULL,
        recorded_by INTEGER NOT NULL,
        guardian_name TEXT,
        guardian_relation TEXT,
        scan BLOB,
        scan_type TEXT,
        CHECK (method = 'imported' OR form_number IS NOT NULL),
        CHECK ((guardian_name IS NULL) = (guardian_relation IS NULL)),
        CHECK ((scan IS NULL) = (scan_type IS NULL))
    )""",
    "CREATE INDEX client_data.consent_forms_client ON consent_forms(client_id, id)",
    """CREATE TABLE client_data.printed_forms (
        form_number TEXT PRIMARY KEY,
        client_id INTEGER REFERENCES clients(id) ON DELETE CASCADE,
        notice_version TEXT NOT NULL,
        printed_at TEXT NOT NULL,
        printed_by INTEGER NOT NULL
    )""",
    """CREATE TABLE client_data.consent_events (
        id INTEGER PRIMARY KEY,
        client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
        purpose TEXT NOT NULL,
        event TEXT NOT NULL CHECK (event IN ('granted','refused','withdrawn')),
        form_id INTEGER REFERENCES consent_forms(id) ON DELETE CASCADE,
        at TEXT NOT NULL,
        staff_id INTEGER NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        CHECK ((event = 'withdrawn') = (form_id IS NULL))
    )""",
    "CREATE INDEX client_data.consent_events_client ON consent_events(client_id, purpose, id)",
    """CREATE TRIGGER client_data.consent_forms_no_update BEFORE UPDATE ON consent_forms
       BEGIN SELECT RAISE(ABORT, 'consent records never change'); END""",
    """CREATE TRIGGER client_data.consent_events_no_update BEFORE UPDATE ON consent_events
       BEGIN SELECT RAISE(ABORT, 'consent records never change'); END""",
)


def _v001_client_data(db: Database) -> None:
    for statement in _V1:
        db.execute(statement)


BRANCH_MAPPING_OWNER = 0
"""``import_header_mappings.owner_staff_id`` of a mapping saved for the whole branch (by a manager)."""

_V2_MAPPINGS = (
    """CREATE TABLE client_data.import_header_mappings_v2 (
        owner_staff_id INTEGER NOT NULL DEFAULT 0,
        header TEXT NOT NULL,
        field TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        saved_by INTEGER,
        PRIMARY KEY (owner_staff_id, header)
    )""",
    "INSERT INTO client_data.import_header_mappings_v2 (owner_staff_id, header, field, updated_at) "
    "SELECT 0, header, field, updated_at FROM client_data.import_header_mappings",
    "DROP TABLE client_data.import_header_mappings",
    "ALTER TABLE client_data.import_header_mappings_v2 RENAME TO import_header_mappings",
)


def forget_branch_overrides_of_known_headers(db: Database) -> None:
    """Delete branch-wide mappings that turn a header the importer knows by itself (姓名, 手机 …)
    into another field: nobody knows who set them (before version 2 every mapping was the
    branch's), and one of them is how an agent's ``--map 姓名=notes`` broke everyone's imports.
    The headers are those the importer knew when this migration was published (frozen)."""
    rows = db.execute(
        f"SELECT header, field FROM {SCHEMA}.import_header_mappings WHERE owner_staff_id = ?",
        (BRANCH_MAPPING_OWNER,),
    ).fetchall()
    for header, field in rows:
        known = M002_KNOWN_HEADERS.get(str(header))
        if known is not None and known != field:
            db.execute(
                f"DELETE FROM {SCHEMA}.import_header_mappings WHERE owner_staff_id = ? AND header = ?",
                (BRANCH_MAPPING_OWNER, header),
            )


def _v002_mappings_per_staff(db: Database) -> None:
    """Remembered column mappings belong to the member who set them (``owner_staff_id``), or to
    the whole branch (0) when a manager saved them for it. The mappings remembered so far become
    the branch's, except those overriding a header the importer knows (see above)."""
    for statement in _V2_MAPPINGS:
        db.execute(statement)
    forget_branch_overrides_of_known_headers(db)


_V3_EXPORTS = (
    """CREATE TABLE client_data.hq_exports (
        id TEXT PRIMARY KEY,
        state TEXT NOT NULL
            CHECK (state IN ('prepared','rejected','approved','queued','sent','acknowledged','failing')),
        period_from TEXT NOT NULL,
        period_to TEXT NOT NULL,
        scheduled INTEGER NOT NULL DEFAULT 0 CHECK (scheduled IN (0,1)),
        prepared_by INTEGER NOT NULL,
        prepared_at TEXT NOT NULL,
        frozen_payload TEXT NOT NULL,
        content_sha256 TEXT NOT NULL,
        approved_by INTEGER,
        approved_at TEXT,
        approved_payload TEXT,
        rejected_by INTEGER,
        rejected_at TEXT,
        rejection_reason TEXT,
        envelope BLOB,
        envelope_sha256 TEXT,
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        next_retry_at TEXT,
        sent_at TEXT,
        receipt TEXT,
        acknowledged_at TEXT,
        CHECK ((approved_by IS NULL) = (approved_at IS NULL)),
        CHECK ((approved_by IS NULL) = (approved_payload IS NULL)),
        CHECK ((rejected_by IS NULL) = (rejected_at IS NULL)),
        CHECK (approved_by IS NULL OR rejected_by IS NULL),
        CHECK ((state = 'rejected') = (rejected_by IS NOT NULL)),
        CHECK ((envelope IS NULL) = (envelope_sha256 IS NULL)),
        CHECK (envelope IS NULL OR approved_by IS NOT NULL),
        CHECK (state NOT IN ('queued','sent','acknowledged','failing') OR envelope IS NOT NULL),
        CHECK ((state = 'acknowledged') = (receipt IS NOT NULL))
    )""",
    "CREATE INDEX client_data.hq_exports_state ON hq_exports(state, next_retry_at)",
    "CREATE INDEX client_data.hq_exports_prepared ON hq_exports(prepared_at)",
    """CREATE TRIGGER client_data.hq_exports_frozen BEFORE UPDATE OF
        id, period_from, period_to, scheduled, prepared_by, prepared_at, frozen_payload, content_sha256
        ON hq_exports
       BEGIN SELECT RAISE(ABORT, 'a prepared export is frozen'); END""",
    """CREATE TRIGGER client_data.hq_exports_approval_once BEFORE UPDATE OF
        approved_by, approved_at, approved_payload, rejected_by, rejected_at, rejection_reason ON hq_exports
       WHEN old.approved_by IS NOT NULL OR old.rejected_by IS NOT NULL
       BEGIN SELECT RAISE(ABORT, 'an approval or rejection never changes'); END""",
    """CREATE TRIGGER client_data.hq_exports_envelope_once BEFORE UPDATE OF envelope, envelope_sha256
        ON hq_exports WHEN old.envelope IS NOT NULL
       BEGIN SELECT RAISE(ABORT, 'a signed envelope never changes'); END""",
    """CREATE TRIGGER client_data.hq_exports_receipt_once BEFORE UPDATE OF receipt ON hq_exports
       WHEN old.receipt IS NOT NULL
       BEGIN SELECT RAISE(ABORT, 'a stored receipt never changes'); END""",
    """CREATE TRIGGER client_data.hq_exports_kept BEFORE DELETE ON hq_exports
       BEGIN SELECT RAISE(ABORT, 'exports are kept'); END""",
    """CREATE TABLE client_data.hq_export_schedule (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        prepare_at TEXT,
        set_by INTEGER NOT NULL,
        set_at TEXT NOT NULL,
        last_prepared_on TEXT
    )""",
)


def _v003_hq_exports(db: Database) -> None:
    """Summaries for headquarters (issue 13): each prepared payload frozen with its hash, the
    approval or rejection, the exact signed body that leaves the branch, the outbox state and HQ's
    receipt; and the daily scheduled preparation's time and last day. Frozen columns, an approval,
    an envelope and a receipt are written once (triggers); rows are never deleted ("what left this
    branch" is kept)."""
    for statement in _V3_EXPORTS:
        db.execute(statement)


_V4_HQ_KEYS = (
    """CREATE TABLE client_data.hq_keys (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        branch_private_key BLOB NOT NULL CHECK (length(branch_private_key) = 32),
        pseudonym_key BLOB,
        enrolled_at TEXT NOT NULL,
        adopted_at TEXT NOT NULL,
        adopted_by INTEGER NOT NULL
    )""",
)


def _v004_hq_keys(db: Database) -> None:
    """The branch's Ed25519 private key and the company's pseudonym key once adopted (issue 13):
    enrolment (IT) leaves them pending in branch.db; the first session holding the client-data key
    moves them here and clears them there, so only agents and managers can sign for the branch.
    ``enrolled_at`` names the enrolment they came from. One row; a later adoption replaces it."""
    for statement in _V4_HQ_KEYS:
        db.execute(statement)


_V5_EDUCATION = (
    """CREATE TABLE client_data.education_participation (
        id INTEGER PRIMARY KEY,
        client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
        campaign_id INTEGER,
        kind TEXT NOT NULL CHECK (kind IN ('attended','leaflet','message')),
        day TEXT NOT NULL,
        recorded_by INTEGER NOT NULL,
        created_at TEXT NOT NULL
    )""",
    "CREATE UNIQUE INDEX client_data.education_participation_campaign "
    "ON education_participation(client_id, campaign_id) WHERE campaign_id IS NOT NULL",
    "CREATE UNIQUE INDEX client_data.education_participation_leaflet "
    "ON education_participation(client_id, day) WHERE campaign_id IS NULL",
    "CREATE INDEX client_data.education_participation_day ON education_participation(day, client_id)",
)


def _v005_education_participation(db: Database) -> None:
    """Which client took part in privacy education (issue 14): one row per client per campaign
    (``campaign_id`` is a branch.db ``education_campaigns`` id, checked by the service: foreign keys
    cannot cross files), or per client per day for a leaflet printed outside any campaign. A
    destroyed client's rows go with the client (``ON DELETE CASCADE``)."""
    for statement in _V5_EDUCATION:
        db.execute(statement)


_V6_INCIDENTS = (
    """CREATE TABLE client_data.incident_clients (
        incident_id INTEGER NOT NULL,
        client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
        added_at TEXT NOT NULL,
        added_by INTEGER NOT NULL,
        PRIMARY KEY (incident_id, client_id)
    )""",
    """CREATE TABLE client_data.incident_notifications (
        id INTEGER PRIMARY KEY,
        incident_id INTEGER NOT NULL,
        client_id INTEGER NOT NULL,
        channel TEXT NOT NULL CHECK (channel IN
            ('letter_printed','letter_saved','phone','sms','in_person','post')),
        day TEXT NOT NULL,
        by_staff INTEGER NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        recorded_at TEXT NOT NULL
    )""",
    "CREATE INDEX client_data.incident_notifications_incident ON incident_notifications(incident_id, id)",
    """CREATE TRIGGER client_data.incident_notifications_no_update BEFORE UPDATE ON incident_notifications
       BEGIN SELECT RAISE(ABORT, 'the notification log is append-only'); END""",
    """CREATE TRIGGER client_data.incident_notifications_no_delete BEFORE DELETE ON incident_notifications
       BEGIN SELECT RAISE(ABORT, 'the notification log is append-only'); END""",
)


def _v006_incident_clients(db: Database) -> None:
    """The clients an incident affected and the log of how each was notified (issue 14): these
    link a client to a breach, so they live here, under the client-data key, and branch.db keeps
    only the count. ``incident_id`` is the branch database's incident (no cross-file foreign key).
    An affected-client row goes with its client when the client is destroyed; the log keeps the
    bare client number (evidence that the notice was given) and is never edited or deleted."""
    for statement in _V6_INCIDENTS:
        db.execute(statement)


MIGRATIONS: list[Callable[[Database], None]] = [
    _v001_client_data,
    _v002_mappings_per_staff,
    _v003_hq_exports,
    _v004_hq_keys,
    _v005_education_participation,
    _v006_incident_clients,
]
LATEST_VERSION = len(MIGRATIONS)


def current_version(db: Database) -> int:
    return int(db.execute(f"PRAGMA {SCHEMA}.user_version").fetchone()[0])


def migrate(db: Database) -> int:
    """Apply pending client-schema migrations; return the resulting version."""
    version = current_version(db)
    for number in range(version + 1, LATEST_VERSION + 1):
        with db.transaction():
            MIGRATIONS[number - 1](db)
            fault_point(f"client-migration-{number}-before-commit")  # tests: a crash inside a migration
            db.execute(f"PRAGMA {SCHEMA}.user_version = {number}")
    return current_version(db)
