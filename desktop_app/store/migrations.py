"""Numbered schema migrations, applied in order via ``PRAGMA user_version``, each in a transaction.

Later issues append migrations (clients, consent, outbox); never edit a published one. A published
migration is frozen in what it runs as well as in its text: it imports nothing from the domain or
the services (which change), only its frozen copy of what it needed
(``store/migration_frozen_tokens.py``), so replaying it on an old branch years later gives the same
database (tests/integration/test_migrations_frozen.py). ``store/database.py`` takes an encrypted
copy of the file before the first pending migration and keeps it until the new version has opened
cleanly (``store/migration_backup.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from desktop_app.store.fault_points import fault_point
from desktop_app.store.migration_frozen_tokens import (
    M004_FTS5_TOKENIZE,
    M006_BUYER_STAGES,
    m004_index_text,
    m006_pinyin_sort_key,
)

if TYPE_CHECKING:
    from desktop_app.store.database import Database


def _m001_foundation(db: Database) -> None:
    db.execute(
        """CREATE TABLE meta (
            key TEXT PRIMARY KEY,
            value BLOB NOT NULL
        )"""
    )
    db.execute(
        """CREATE TABLE staff (
            id INTEGER PRIMARY KEY,
            username TEXT NOT NULL UNIQUE,
            display_name TEXT NOT NULL,
            role TEXT NOT NULL CHECK (role IN ('agent','manager','it_admin','auditor')),
            active INTEGER NOT NULL DEFAULT 1,
            must_change_password INTEGER NOT NULL DEFAULT 0,
            password_changed_at REAL NOT NULL,
            created_at TEXT NOT NULL,
            created_by INTEGER REFERENCES staff(id)
        )"""
    )
    db.execute(
        """CREATE TABLE audit_log (
            seq INTEGER PRIMARY KEY,
            ts TEXT NOT NULL,
            actor_id INTEGER,
            actor_username TEXT NOT NULL,
            actor_role TEXT NOT NULL,
            action TEXT NOT NULL,
            target_type TEXT NOT NULL,
            target_id TEXT NOT NULL,
            outcome TEXT NOT NULL CHECK (outcome IN ('success','failure','denied')),
            reason TEXT NOT NULL,
            details TEXT NOT NULL,
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL
        )"""
    )
    db.execute("CREATE INDEX audit_log_actor ON audit_log(actor_username, seq)")
    db.execute("CREATE INDEX audit_log_action ON audit_log(action, seq)")
    db.execute("CREATE INDEX audit_log_ts ON audit_log(ts)")
    db.execute(
        """CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
           BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END"""
    )
    db.execute(
        """CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
           BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END"""
    )


def _m002_slot_public_keys(db: Database) -> None:
    """Each staff member's key-slot public key, so ``rekey`` seals the new key only to slots the
    database knows (a slot planted in keyslots.json is dropped, not re-sealed)."""
    db.execute("ALTER TABLE staff ADD COLUMN slot_public_key TEXT NOT NULL DEFAULT ''")


def _m003_clients(db: Database) -> None:
    """Client records and their follow-ups (client-records issue). ID number and income band stay
    NULL unless ``sensitive_consent`` is 1 (the rule lives in domain/client_record.py)."""
    db.execute(
        """CREATE TABLE clients (
            id INTEGER PRIMARY KEY,
            assigned_agent_id INTEGER NOT NULL REFERENCES staff(id),
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
            CHECK (id_number IS NULL OR id_type IS NOT NULL)
        )"""
    )
    db.execute("CREATE UNIQUE INDEX clients_id_number ON clients(id_number) WHERE id_number IS NOT NULL")
    db.execute("CREATE INDEX clients_phone ON clients(phone_e164)")
    db.execute("CREATE INDEX clients_last_contact ON clients(last_contact_at, id)")
    db.execute("CREATE INDEX clients_intention ON clients(intention_level, last_contact_at)")
    db.execute("CREATE INDEX clients_agent ON clients(assigned_agent_id, last_contact_at)")
    db.execute(
        """CREATE TABLE client_followups (
            id INTEGER PRIMARY KEY,
            client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
            at TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('visit','call')),
            note TEXT NOT NULL,
            staff_id INTEGER NOT NULL REFERENCES staff(id)
        )"""
    )
    db.execute("CREATE INDEX client_followups_client ON client_followups(client_id, at)")


def _m004_client_search(db: Database) -> None:
    """Search-as-you-type index (client-search issue): one FTS5 row per client, rowid = client id,
    holding the search tokens of its name and phone (the tokenizer of its day, frozen in
    ``m004_index_text``), never its ID number or notes. The client repository keeps it in step on
    every insert and update; a trigger drops a deleted client's row. Existing clients are indexed here."""
    db.execute(
        f"CREATE VIRTUAL TABLE client_search USING fts5(tokens, tokenize='{M004_FTS5_TOKENIZE}', prefix='1 2 3')"
    )
    db.execute(
        """CREATE TRIGGER clients_search_delete AFTER DELETE ON clients
           BEGIN DELETE FROM client_search WHERE rowid = old.id; END"""
    )
    rows = db.execute("SELECT id, full_name, phone_e164 FROM clients ORDER BY id").fetchall()
    for client_id, full_name, phone_e164 in rows:
        db.execute(
            "INSERT INTO client_search (rowid, tokens) VALUES (?, ?)",
            (client_id, m004_index_text(full_name, phone_e164)),
        )


def _m005_destruction_records(db: Database) -> None:
    """Lawful deletion (PIPL Art. 47; client-deletion issue): one row per destroyed client, kept as
    evidence. It names the client only by ``audit_trail.pseudonym`` of its id and phone, never in
    plaintext; ``categories`` is a JSON list of the data categories destroyed. Append-only, like
    the audit log. The search index also switches to FTS5 ``secure-delete`` so a deleted client's
    tokens are removed from the index segments instead of being left behind a tombstone."""
    db.execute(
        """CREATE TABLE IF NOT EXISTS destruction_records (
            id INTEGER PRIMARY KEY,
            destroyed_at TEXT NOT NULL,
            destroyed_by INTEGER NOT NULL REFERENCES staff(id),
            approved_by INTEGER NOT NULL REFERENCES staff(id),
            client_pseudonym TEXT NOT NULL,
            categories TEXT NOT NULL,
            reason TEXT NOT NULL
                CHECK (reason IN ('deletion_request','retention_expiry','consent_withdrawn')),
            request_reference TEXT NOT NULL DEFAULT ''
        )"""
    )
    db.execute(
        """CREATE TRIGGER IF NOT EXISTS destruction_records_no_update BEFORE UPDATE ON destruction_records
           BEGIN SELECT RAISE(ABORT, 'destruction records are append-only'); END"""
    )
    db.execute(
        """CREATE TRIGGER IF NOT EXISTS destruction_records_no_delete BEFORE DELETE ON destruction_records
           BEGIN SELECT RAISE(ABORT, 'destruction records are append-only'); END"""
    )
    db.execute("INSERT INTO client_search (client_search, rank) VALUES ('secure-delete', 1)")


def _m006_client_lifecycle(db: Database) -> None:
    """Client lifecycle (client-records issue): the pinyin sort key of each name, when the client
    became a buyer (starts the 10-year anti-money-laundering hold) and since when the record is in
    "storage only" (PIPL Art. 47: kept, never viewed, searched, printed, exported or synced);
    individuals' requests (PIPL Art. 44–50) with their due dates; the history of corrections (which
    fields changed, by whom, for which request; old values only as pseudonyms in the audit log);
    destruction batches (one retention-queue approval, one certificate); and the spreadsheet-import
    header mappings staff taught the importer."""
    db.execute("ALTER TABLE clients ADD COLUMN name_pinyin TEXT NOT NULL DEFAULT ''")
    db.execute("ALTER TABLE clients ADD COLUMN buyer_since TEXT")
    db.execute("ALTER TABLE clients ADD COLUMN storage_only_since TEXT")
    # Lists, counts and broad searches skip storage-only records: partial indexes over the others keep
    # every list order and count an index walk (a full scan decrypts all 100k rows' pages).
    active = "WHERE storage_only_since IS NULL"
    db.execute(f"CREATE INDEX clients_active_contact ON clients(last_contact_at, id) {active}")
    db.execute(
        f"CREATE INDEX clients_active_agent_contact ON clients(assigned_agent_id, last_contact_at, id) {active}"
    )
    db.execute(f"CREATE INDEX clients_active_name ON clients(name_pinyin, id) {active}")
    db.execute(
        f"CREATE INDEX clients_active_agent_name ON clients(assigned_agent_id, name_pinyin, id) {active}"
    )
    db.execute(
        "CREATE INDEX clients_active_intention ON clients"
        f"(intention_level IS NULL, intention_level, last_contact_at DESC, id DESC) {active}"
    )
    db.execute("DROP INDEX clients_intention")
    db.execute("DROP INDEX clients_last_contact")
    db.execute("DROP INDEX clients_agent")
    for client_id, full_name in db.execute("SELECT id, full_name FROM clients").fetchall():
        db.execute(
            "UPDATE clients SET name_pinyin = ? WHERE id = ?", (m006_pinyin_sort_key(full_name), client_id)
        )
    stages = ",".join(f"'{stage}'" for stage in M006_BUYER_STAGES)
    db.execute(f"UPDATE clients SET buyer_since = updated_at WHERE stage IN ({stages})")
    db.execute(
        """CREATE TABLE client_requests (
            id INTEGER PRIMARY KEY,
            client_id INTEGER REFERENCES clients(id) ON DELETE SET NULL,
            client_pseudonym TEXT NOT NULL,
            kind TEXT NOT NULL
                CHECK (kind IN ('copy','correction','deletion','withdrawal','explanation')),
            received_on TEXT NOT NULL,
            identity_verified_at TEXT,
            identity_verified_by INTEGER REFERENCES staff(id),
            due_on TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','completed','refused')),
            description TEXT NOT NULL DEFAULT '',
            outcome TEXT NOT NULL DEFAULT '',
            registered_by INTEGER NOT NULL REFERENCES staff(id),
            registered_at TEXT NOT NULL,
            closed_by INTEGER REFERENCES staff(id),
            closed_at TEXT,
            CHECK ((status = 'open') = (closed_at IS NULL))
        )"""
    )
    db.execute("CREATE INDEX client_requests_status ON client_requests(status, due_on)")
    db.execute("CREATE INDEX client_requests_client ON client_requests(client_id)")
    db.execute(
        """CREATE TABLE client_changes (
            id INTEGER PRIMARY KEY,
            client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
            at TEXT NOT NULL,
            staff_id INTEGER NOT NULL REFERENCES staff(id),
            fields TEXT NOT NULL,
            request_id INTEGER REFERENCES client_requests(id)
        )"""
    )
    db.execute("CREATE INDEX client_changes_client ON client_changes(client_id, at)")
    # Records destroyed together by one approval of the retention queue share a batch (one certificate).
    db.execute("ALTER TABLE destruction_records ADD COLUMN batch_id INTEGER")
    db.execute(
        """CREATE TABLE import_header_mappings (
            header TEXT PRIMARY KEY,
            field TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )"""
    )


def _m007_notice_versions(db: Database) -> None:
    """Published privacy-notice versions (consent issue; PIPL Art. 17): the notice file exactly as
    published (both languages), its content hash (domain/privacy_notice.py) and who published it
    (NULL: a version bundled with the app, installed by the services on first use). Append-only:
    a published version never changes; the current version is the one published last."""
    db.execute(
        """CREATE TABLE notice_versions (
            version TEXT PRIMARY KEY,
            content_hash TEXT NOT NULL UNIQUE,
            content TEXT NOT NULL,
            published_at TEXT NOT NULL,
            published_by INTEGER REFERENCES staff(id),
            source TEXT NOT NULL CHECK (source IN ('bundled','company'))
        )"""
    )
    db.execute(
        """CREATE TRIGGER notice_versions_no_update BEFORE UPDATE ON notice_versions
           BEGIN SELECT RAISE(ABORT, 'published notice versions are immutable'); END"""
    )
    db.execute(
        """CREATE TRIGGER notice_versions_no_delete BEFORE DELETE ON notice_versions
           BEGIN SELECT RAISE(ABORT, 'published notice versions are immutable'); END"""
    )


def _m008_consent_records(db: Database) -> None:
    """Consent records (consent issue; PIPL Art. 14, 23, 29, 31): one row per signed consent form
    recorded for a client (form number, notice version the client saw, method, witnessing agent,
    day signed, guardian for a child under 14, optional scan kept inside the encrypted database) and
    one event per purpose and change (granted or refused on a form, withdrawn later), so the current
    state of each purpose is its latest event and the whole history stays. ``clients`` keeps the
    current state of the HQ-sharing and marketing consents next to ``sensitive_consent`` (read on every
    list and summary) and the notice version of the client's latest form (re-consent flag).
    Forms and events go with the client when it is destroyed; otherwise they never change."""
    db.execute(
        "ALTER TABLE clients ADD COLUMN hq_consent INTEGER NOT NULL DEFAULT 0 CHECK (hq_consent IN (0,1))"
    )
    db.execute(
        "ALTER TABLE clients ADD COLUMN marketing_consent INTEGER NOT NULL DEFAULT 0 "
        "CHECK (marketing_consent IN (0,1))"
    )
    db.execute("ALTER TABLE clients ADD COLUMN notice_version TEXT REFERENCES notice_versions(version)")
    db.execute(
        """CREATE TABLE consent_forms (
            id INTEGER PRIMARY KEY,
            client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
            form_number TEXT UNIQUE,
            notice_version TEXT NOT NULL REFERENCES notice_versions(version),
            method TEXT NOT NULL CHECK (method IN ('paper_form','imported')),
            signed_on TEXT NOT NULL,
            witnessed_by INTEGER NOT NULL REFERENCES staff(id),
            recorded_at TEXT NOT NULL,
            recorded_by INTEGER NOT NULL REFERENCES staff(id),
            guardian_name TEXT,
            guardian_relation TEXT,
            scan BLOB,
            scan_type TEXT,
            CHECK (method = 'imported' OR form_number IS NOT NULL),
            CHECK ((guardian_name IS NULL) = (guardian_relation IS NULL)),
            CHECK ((scan IS NULL) = (scan_type IS NULL))
        )"""
    )
    db.execute("CREATE INDEX consent_forms_client ON consent_forms(client_id, id)")
    # Forms the app printed for a client: the notice version the client was shown, so recording the
    # signed form needs no choice; a form printed for one client cannot be recorded for another.
    db.execute(
        """CREATE TABLE printed_forms (
            form_number TEXT PRIMARY KEY,
            client_id INTEGER REFERENCES clients(id) ON DELETE CASCADE,
            notice_version TEXT NOT NULL REFERENCES notice_versions(version),
            printed_at TEXT NOT NULL,
            printed_by INTEGER NOT NULL REFERENCES staff(id)
        )"""
    )
    db.execute(
        """CREATE TABLE consent_events (
            id INTEGER PRIMARY KEY,
            client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
            purpose TEXT NOT NULL,
            event TEXT NOT NULL CHECK (event IN ('granted','refused','withdrawn')),
            form_id INTEGER REFERENCES consent_forms(id) ON DELETE CASCADE,
            at TEXT NOT NULL,
            staff_id INTEGER NOT NULL REFERENCES staff(id),
            note TEXT NOT NULL DEFAULT '',
            CHECK ((event = 'withdrawn') = (form_id IS NULL))
        )"""
    )
    db.execute("CREATE INDEX consent_events_client ON consent_events(client_id, purpose, id)")
    for table in ("consent_forms", "consent_events"):
        db.execute(
            f"""CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table}
               BEGIN SELECT RAISE(ABORT, 'consent records never change'); END"""
        )


def _m009_client_key_grants(db: Database) -> None:
    """Separation of duties by keys (issue 10): client personal data moves to ``clients.db`` under a
    client-data key that only agents, managers and the client-data recovery code hold, never IT or
    auditors. Each holder's copy of that key is sealed to the public key of their key slot and kept
    here, one row per holder (``holder_id`` 0 is the client-data recovery code), with a MAC under the
    client-data key itself so that someone who can write this database (IT) cannot add a holder,
    change a holder's role or swap a public key without it being noticed. ``state`` 'next' rows are a
    rotation in progress: they replace the 'current' ones once ``clients.db`` is re-keyed. The old
    client tables stay in this file until the first manager signs in and moves them
    (``services/client_access.py``); a new branch drops them at once."""
    db.execute(
        """CREATE TABLE client_key_grants (
            holder_id INTEGER NOT NULL,
            state TEXT NOT NULL CHECK (state IN ('current','next')),
            role TEXT NOT NULL,
            public_key TEXT NOT NULL,
            sealed_key TEXT NOT NULL,
            epoch INTEGER NOT NULL,
            granted_by INTEGER NOT NULL,
            granted_at TEXT NOT NULL,
            mac TEXT NOT NULL,
            PRIMARY KEY (holder_id, state)
        )"""
    )


def _m010_destruction_grounds(db: Database) -> None:
    """Deletion on the company's own initiative (PIPL Art. 47 para. 1, issue 11): a destruction
    record's ``reason`` may be any Art. 47 ground (domain/deletion_grounds.py), not only a request,
    an expired retention period or a withdrawal. SQLite cannot change a CHECK constraint, so the
    table is rebuilt with every row kept as it was (ids included) and its append-only triggers are
    dropped first and created again afterwards, inside the migration's transaction."""
    for trigger in ("destruction_records_no_update", "destruction_records_no_delete"):
        db.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    db.execute(
        """CREATE TABLE destruction_records_v10 (
            id INTEGER PRIMARY KEY,
            destroyed_at TEXT NOT NULL,
            destroyed_by INTEGER NOT NULL REFERENCES staff(id),
            approved_by INTEGER NOT NULL REFERENCES staff(id),
            client_pseudonym TEXT NOT NULL,
            categories TEXT NOT NULL,
            reason TEXT NOT NULL CHECK (reason IN ('deletion_request','retention_expiry','consent_withdrawn',
                'purpose_achieved','purpose_impossible','no_longer_necessary','service_stopped',
                'processing_unlawful')),
            request_reference TEXT NOT NULL DEFAULT '',
            batch_id INTEGER
        )"""
    )
    columns = (
        "id, destroyed_at, destroyed_by, approved_by, client_pseudonym, categories, reason, "
        "request_reference, batch_id"
    )
    db.execute(f"INSERT INTO destruction_records_v10 ({columns}) SELECT {columns} FROM destruction_records")
    db.execute("DROP TABLE destruction_records")
    db.execute("ALTER TABLE destruction_records_v10 RENAME TO destruction_records")
    for event in ("UPDATE", "DELETE"):
        db.execute(
            f"""CREATE TRIGGER destruction_records_no_{event.lower()} BEFORE {event} ON destruction_records
               BEGIN SELECT RAISE(ABORT, 'destruction records are append-only'); END"""
        )


def _m011_hq_link(db: Database) -> None:
    """The branch's link to headquarters (issue 13), set once IT enrols the branch: HQ's address,
    the CA file its certificate is checked against (empty: the system store), the branch code HQ
    knows, the branch's Ed25519 private key (raw 32 bytes; it signs requests and summaries and must
    never leave this encrypted file), HQ's receipt public key (base64), the company's pseudonym
    key delivered with the enrolment token (NULL when none was given) and when it was enrolled.
    One row at most (``id`` is always 1): enrolling again replaces it."""
    db.execute(
        """CREATE TABLE hq_link (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            url TEXT NOT NULL,
            ca_file TEXT NOT NULL DEFAULT '',
            branch_code TEXT NOT NULL,
            branch_private_key BLOB NOT NULL CHECK (length(branch_private_key) = 32),
            hq_public_key TEXT NOT NULL,
            pseudonym_key BLOB,
            enrolled_at TEXT NOT NULL,
            enrolled_by INTEGER NOT NULL
        )"""
    )


def _m012_hq_keys_pending(db: Database) -> None:
    """The HQ keys in branch.db are only *pending* (key adoption, issue 13): enrolment (IT) still
    writes them here, and the first session holding the client-data key moves them into clients.db
    (client schema version 4) and sets both columns back to NULL, so IT's and auditors' keys, which
    open branch.db, no longer reach a key that signs summaries. The key columns become nullable;
    ``pseudonym_key_received`` keeps, without the key, whether the enrolment delivered one, and
    ``keys_adopted_at`` when the keys left this file (NULL while pending). The table is rebuilt
    (SQLite cannot drop a constraint); ``secure_delete`` overwrites the freed pages."""
    db.execute(
        """CREATE TABLE hq_link_v12 (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            url TEXT NOT NULL,
            ca_file TEXT NOT NULL DEFAULT '',
            branch_code TEXT NOT NULL,
            branch_private_key BLOB CHECK (branch_private_key IS NULL OR length(branch_private_key) = 32),
            hq_public_key TEXT NOT NULL,
            pseudonym_key BLOB,
            pseudonym_key_received INTEGER NOT NULL DEFAULT 0 CHECK (pseudonym_key_received IN (0,1)),
            enrolled_at TEXT NOT NULL,
            enrolled_by INTEGER NOT NULL,
            keys_adopted_at TEXT,
            CHECK (branch_private_key IS NOT NULL OR pseudonym_key IS NULL),
            CHECK ((branch_private_key IS NULL) = (keys_adopted_at IS NOT NULL))
        )"""
    )
    db.execute(
        "INSERT INTO hq_link_v12 (id, url, ca_file, branch_code, branch_private_key, hq_public_key, "
        "pseudonym_key, pseudonym_key_received, enrolled_at, enrolled_by) "
        "SELECT id, url, ca_file, branch_code, branch_private_key, hq_public_key, pseudonym_key, "
        "pseudonym_key IS NOT NULL, enrolled_at, enrolled_by FROM hq_link"
    )
    db.execute("DROP TABLE hq_link")
    db.execute("ALTER TABLE hq_link_v12 RENAME TO hq_link")


def _m013_programme_settings(db: Database) -> None:
    """The privacy programme's settings a manager changed (issue 14): one row per setting whose
    value differs from ``domain/programme_policy.ProgrammePolicy``'s default, as JSON, with who
    changed it and when (the audit log holds the history). No client data: every role's key opens
    branch.db, and the auditor reads these settings to check the programme."""
    db.execute(
        """CREATE TABLE programme_settings (
            name TEXT PRIMARY KEY,
            value TEXT NOT NULL,
            changed_at TEXT NOT NULL,
            changed_by INTEGER NOT NULL
        )"""
    )


def _m014_training(db: Database) -> None:
    """Privacy training records (issue 14; PIPL Art. 51(4), GB/T 35273-2020 §11.6): one row per quiz
    attempt, taken in the app (``source`` 'app': the training-set version, the seed that drew the
    quiz and the answers given, so the attempt can be marked and shown again) or imported from the
    learning platform's export (``source`` 'lms': the score and day only); ``quarter`` is the
    quarter key ("2026Q4") of the day it was taken. Classroom sessions with their attendees. All
    three are append-only: a record of training is evidence, corrected by a new row, never edited.
    No client is named here (branch.db). ``staff.disabled_at`` records when an account was disabled
    (NULL while active), so a past quarter's training coverage counts the staff active at its end;
    accounts disabled before this migration take the time of their last ``staff.disable`` entry in
    the audit log. ``training_programme_start`` (UTC) is when the programme arrived at the branch:
    the grace period never starts before it."""
    db.execute(
        """CREATE TABLE training_attempts (
            id INTEGER PRIMARY KEY,
            staff_id INTEGER NOT NULL REFERENCES staff(id),
            quarter TEXT NOT NULL CHECK (length(quarter) = 6 AND substr(quarter, 5, 1) = 'Q'),
            source TEXT NOT NULL CHECK (source IN ('app','lms')),
            set_version TEXT NOT NULL DEFAULT '',
            seed INTEGER,
            score_percent INTEGER NOT NULL CHECK (score_percent BETWEEN 0 AND 100),
            passed INTEGER NOT NULL CHECK (passed IN (0,1)),
            taken_at TEXT NOT NULL,
            answers TEXT,
            recorded_by INTEGER NOT NULL REFERENCES staff(id),
            recorded_at TEXT NOT NULL,
            CHECK (source = 'lms' OR (seed IS NOT NULL AND answers IS NOT NULL AND set_version <> ''))
        )"""
    )
    db.execute("CREATE INDEX training_attempts_quarter ON training_attempts(quarter, staff_id, taken_at)")
    db.execute(
        """CREATE TABLE training_sessions (
            id INTEGER PRIMARY KEY,
            day TEXT NOT NULL,
            quarter TEXT NOT NULL CHECK (length(quarter) = 6 AND substr(quarter, 5, 1) = 'Q'),
            topic TEXT NOT NULL CHECK (length(topic) BETWEEN 1 AND 200),
            trainer TEXT NOT NULL CHECK (length(trainer) BETWEEN 1 AND 100),
            recorded_by INTEGER NOT NULL REFERENCES staff(id),
            created_at TEXT NOT NULL
        )"""
    )
    db.execute(
        """CREATE TABLE training_session_attendees (
            session_id INTEGER NOT NULL REFERENCES training_sessions(id),
            staff_id INTEGER NOT NULL REFERENCES staff(id),
            PRIMARY KEY (session_id, staff_id)
        )"""
    )
    for table in ("training_attempts", "training_sessions", "training_session_attendees"):
        for verb in ("UPDATE", "DELETE"):
            db.execute(
                f"""CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table}
                   BEGIN SELECT RAISE(ABORT, 'training records are append-only'); END"""
            )
    db.execute("ALTER TABLE staff ADD COLUMN disabled_at TEXT")
    # when the branch got the training programme: a branch upgraded mid-quarter gives its staff the
    # whole grace period from that day, rather than closing client data at once
    db.execute(
        """CREATE TABLE training_programme_start (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            started_at TEXT NOT NULL
        )"""
    )
    db.execute(
        "INSERT INTO training_programme_start (id, started_at) "
        "VALUES (1, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))"
    )
    db.execute(
        """UPDATE staff SET disabled_at = (
               SELECT max(ts) FROM audit_log
               WHERE action = 'staff.disable' AND target_id = staff.username AND outcome = 'success')
           WHERE active = 0"""
    )


def _m015_compliance_reviews(db: Database) -> None:
    """The six-monthly compliance self-review (issue 14): ``compliance_reviews`` (period "2026H2",
    checklist version, who started and finished it, draft/finished; at most one draft),
    ``compliance_review_items`` (one answer per checklist item: pass/fail/na, note, the app's
    evidence as JSON for items it evaluates, who answered and when) and ``rectifications`` (a failed
    item's fix: description, owner, due date, open/closed with who, when and the closing note).
    Free texts hold no client details (domain/compliance_review.py). Triggers (frozen here; the
    same text in store/compliance_review_triggers.py) keep a finished review immutable and a closed
    rectification closed."""
    db.execute(
        """CREATE TABLE compliance_reviews (
            id INTEGER PRIMARY KEY,
            period_key TEXT NOT NULL,
            checklist_version TEXT NOT NULL,
            started_by INTEGER NOT NULL REFERENCES staff(id),
            started_at TEXT NOT NULL,
            finished_by INTEGER REFERENCES staff(id),
            finished_at TEXT,
            finished_on TEXT,
            state TEXT NOT NULL DEFAULT 'draft' CHECK (state IN ('draft','finished')),
            CHECK ((state = 'finished') = (finished_at IS NOT NULL)),
            CHECK ((finished_at IS NULL) = (finished_on IS NULL) AND (finished_at IS NULL) = (finished_by IS NULL))
        )"""
    )
    db.execute(
        "CREATE UNIQUE INDEX compliance_reviews_one_draft ON compliance_reviews(state) WHERE state = 'draft'"
    )
    db.execute("CREATE INDEX compliance_reviews_finished ON compliance_reviews(finished_on, id)")
    db.execute(
        """CREATE TABLE compliance_review_items (
            review_id INTEGER NOT NULL REFERENCES compliance_reviews(id),
            item_id TEXT NOT NULL,
            result TEXT CHECK (result IS NULL OR result IN ('pass','fail','na')),
            note TEXT NOT NULL DEFAULT '',
            evidence TEXT,
            answered_by INTEGER REFERENCES staff(id),
            answered_at TEXT,
            PRIMARY KEY (review_id, item_id)
        )"""
    )
    db.execute(
        """CREATE TABLE rectifications (
            id INTEGER PRIMARY KEY,
            review_id INTEGER NOT NULL REFERENCES compliance_reviews(id),
            item_id TEXT NOT NULL,
            description TEXT NOT NULL,
            owner_id INTEGER NOT NULL REFERENCES staff(id),
            due_on TEXT NOT NULL,
            state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open','closed')),
            opened_by INTEGER NOT NULL REFERENCES staff(id),
            opened_at TEXT NOT NULL,
            closed_by INTEGER REFERENCES staff(id),
            closed_at TEXT,
            close_note TEXT NOT NULL DEFAULT '',
            CHECK ((state = 'closed') = (closed_at IS NOT NULL)),
            CHECK ((closed_at IS NULL) = (closed_by IS NULL))
        )"""
    )
    db.execute("CREATE INDEX rectifications_review ON rectifications(review_id, item_id)")
    db.execute("CREATE INDEX rectifications_open ON rectifications(state, due_on)")
    db.execute(
        """CREATE TRIGGER compliance_reviews_no_delete BEFORE DELETE ON compliance_reviews
           BEGIN SELECT RAISE(ABORT, 'compliance reviews are never deleted'); END"""
    )
    db.execute(
        """CREATE TRIGGER compliance_reviews_finished_fixed BEFORE UPDATE ON compliance_reviews
           WHEN OLD.state = 'finished'
           BEGIN SELECT RAISE(ABORT, 'a finished compliance review is immutable'); END"""
    )
    db.execute(
        """CREATE TRIGGER compliance_review_items_no_delete BEFORE DELETE ON compliance_review_items
           BEGIN SELECT RAISE(ABORT, 'review answers are never deleted'); END"""
    )
    db.execute(
        """CREATE TRIGGER compliance_review_items_finished_fixed BEFORE UPDATE ON compliance_review_items
           WHEN (SELECT state FROM compliance_reviews WHERE id = OLD.review_id) = 'finished'
           BEGIN SELECT RAISE(ABORT, 'a finished compliance review is immutable'); END"""
    )
    db.execute(
        """CREATE TRIGGER compliance_review_items_finished_insert BEFORE INSERT ON compliance_review_items
           WHEN (SELECT state FROM compliance_reviews WHERE id = NEW.review_id) = 'finished'
           BEGIN SELECT RAISE(ABORT, 'a finished compliance review is immutable'); END"""
    )
    db.execute(
        """CREATE TRIGGER rectifications_finished_delete BEFORE DELETE ON rectifications
           WHEN (SELECT state FROM compliance_reviews WHERE id = OLD.review_id) = 'finished'
           BEGIN SELECT RAISE(ABORT, 'a finished compliance review is immutable'); END"""
    )
    db.execute(
        """CREATE TRIGGER rectifications_finished_insert BEFORE INSERT ON rectifications
           WHEN (SELECT state FROM compliance_reviews WHERE id = NEW.review_id) = 'finished'
           BEGIN SELECT RAISE(ABORT, 'a finished compliance review is immutable'); END"""
    )
    db.execute(
        """CREATE TRIGGER rectifications_closed_fixed BEFORE UPDATE ON rectifications
           WHEN OLD.state = 'closed'
           BEGIN SELECT RAISE(ABORT, 'a closed rectification never changes'); END"""
    )
    db.execute(
        """CREATE TRIGGER rectifications_finding_fixed BEFORE UPDATE ON rectifications
           WHEN (SELECT state FROM compliance_reviews WHERE id = OLD.review_id) = 'finished' AND (NEW.review_id IS NOT OLD.review_id
             OR NEW.item_id IS NOT OLD.item_id
             OR NEW.description IS NOT OLD.description
             OR NEW.owner_id IS NOT OLD.owner_id
             OR NEW.due_on IS NOT OLD.due_on
             OR NEW.opened_by IS NOT OLD.opened_by
             OR NEW.opened_at IS NOT OLD.opened_at)
           BEGIN SELECT RAISE(ABORT, 'a finished compliance review is immutable'); END"""
    )


def _m016_satisfaction(db: Database) -> None:
    """Client satisfaction (issue 14, part 3): anonymous responses to the question that measures the
    handling of clients' personal information, entered from paper forms or imported from an online
    survey tool's export. No client link and no free text: a response is a Beijing day, its quarter,
    a rating of 1 to 5, where it came from and who entered it. ``source_key`` (imports only) is a
    SHA-256 of the question, the survey tool's serial number and the day, so a later, cumulative
    export of the same survey skips what was imported before; an import batch keeps the file's
    SHA-256 (never its name, which may hold personal information) and its counts. A response keeps
    the day it was entered (``entered_on``), not the minute, and a random id, not one in entry
    order: neither can be matched to the audit entry written at the same moment (and through it to
    the client the same agent had just opened)."""
    db.execute(
        """CREATE TABLE satisfaction_imports (
            id INTEGER PRIMARY KEY,
            file_sha256 TEXT NOT NULL UNIQUE CHECK (length(file_sha256) = 64),
            question TEXT NOT NULL,
            rows_read INTEGER NOT NULL CHECK (rows_read >= 0),
            imported INTEGER NOT NULL CHECK (imported >= 0),
            skipped INTEGER NOT NULL CHECK (skipped >= 0),
            imported_by INTEGER NOT NULL REFERENCES staff(id),
            imported_at TEXT NOT NULL
        )"""
    )
    db.execute(
        """CREATE TABLE satisfaction_responses (
            id INTEGER PRIMARY KEY,
            response_day TEXT NOT NULL CHECK (length(response_day) = 10),
            quarter TEXT NOT NULL CHECK (length(quarter) = 6),
            rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
            source TEXT NOT NULL CHECK (source IN ('paper','import')),
            import_batch INTEGER REFERENCES satisfaction_imports(id),
            source_key TEXT UNIQUE,
            entered_by INTEGER NOT NULL REFERENCES staff(id),
            entered_on TEXT NOT NULL CHECK (length(entered_on) = 10),
            CHECK ((source = 'import') = (import_batch IS NOT NULL)),
            CHECK (source_key IS NULL OR source = 'import')
        )"""
    )
    db.execute("CREATE INDEX satisfaction_responses_quarter ON satisfaction_responses(quarter, rating)")


def _m017_education_campaigns(db: Database) -> None:
    """Privacy education campaigns (issue 14): when, through which channel (the codes are frozen
    here), the topic and the material. A campaign names no client: who took part is in clients.db
    (``education_participation``, client schema version 5)."""
    db.execute(
        """CREATE TABLE education_campaigns (
            id INTEGER PRIMARY KEY,
            day TEXT NOT NULL,
            channel TEXT NOT NULL CHECK (channel IN ('store_talk','store_material','wechat_article',
                'sms_wechat','livestream','community_event','other')),
            topic TEXT NOT NULL CHECK (length(topic) > 0),
            material TEXT NOT NULL DEFAULT '',
            created_by INTEGER NOT NULL REFERENCES staff(id),
            created_at TEXT NOT NULL
        )"""
    )
    db.execute("CREATE INDEX education_campaigns_day ON education_campaigns(day, id)")


def _m018_incidents(db: Database) -> None:
    """The incident register (issue 14): one row per incident reported by any staff member, with the
    manager's assessment (breach or not, categories as a JSON list of codes, cause, measures, harm,
    advice to clients), the *number* of affected clients (the clients themselves are listed in
    clients.db, which IT and auditors cannot open) and the moments the internal report, the
    regulator report and the client notification were made; and ``incident_events``, the
    append-only timeline of every state change with its note. No column names a client."""
    db.execute(
        """CREATE TABLE incidents (
            id INTEGER PRIMARY KEY,
            reference TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL,
            occurred_at TEXT NOT NULL,
            discovered_at TEXT NOT NULL,
            reported_at TEXT NOT NULL,
            reported_by INTEGER NOT NULL REFERENCES staff(id),
            description TEXT NOT NULL,
            state TEXT NOT NULL DEFAULT 'open'
                CHECK (state IN ('open','assessed','contained','notified','closed')),
            is_breach INTEGER CHECK (is_breach IS NULL OR is_breach IN (0,1)),
            categories TEXT NOT NULL DEFAULT '[]',
            affected_count INTEGER NOT NULL DEFAULT 0 CHECK (affected_count >= 0),
            cause TEXT NOT NULL DEFAULT '',
            measures TEXT NOT NULL DEFAULT '',
            harm TEXT NOT NULL DEFAULT '',
            client_advice TEXT NOT NULL DEFAULT '',
            assessed_at TEXT,
            assessed_by INTEGER REFERENCES staff(id),
            internal_reported_at TEXT,
            regulator_reported_at TEXT,
            clients_notified_at TEXT,
            closed_at TEXT,
            closed_without_notice INTEGER NOT NULL DEFAULT 0 CHECK (closed_without_notice IN (0,1)),
            CHECK (state = 'open' OR is_breach IS NOT NULL)
        )"""
    )
    db.execute("CREATE INDEX incidents_reported ON incidents(reported_at)")
    db.execute(
        """CREATE TABLE incident_events (
            id INTEGER PRIMARY KEY,
            incident_id INTEGER NOT NULL REFERENCES incidents(id),
            at TEXT NOT NULL,
            by_staff INTEGER NOT NULL REFERENCES staff(id),
            state_from TEXT,
            state_to TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT ''
        )"""
    )
    db.execute("CREATE INDEX incident_events_incident ON incident_events(incident_id, id)")
    for event in ("UPDATE", "DELETE"):
        db.execute(
            f"""CREATE TRIGGER incident_events_no_{event.lower()} BEFORE {event} ON incident_events
               BEGIN SELECT RAISE(ABORT, 'the incident timeline is append-only'); END"""
        )


def _m019_programme_client_facts(db: Database) -> None:
    """The client-facts snapshot (issue 14, privacy programme): counts from clients.db that a
    session holding the client-data key computed, kept in branch.db with when, by whom and for
    which year, so auditors (who never hold the key) see the education ratio and the review's
    client-side items. Counts only, never a client. One row per year, replaced by each refresh;
    ``education_*`` are NULL when the education counts were not available."""
    db.execute(
        """CREATE TABLE programme_client_facts (
            year INTEGER PRIMARY KEY CHECK (year BETWEEN 2000 AND 2999),
            computed_at TEXT NOT NULL,
            computed_by INTEGER NOT NULL,
            education_active_clients INTEGER CHECK (education_active_clients >= 0),
            education_participants INTEGER CHECK (education_participants >= 0),
            requests_overdue INTEGER NOT NULL CHECK (requests_overdue >= 0),
            retention_due_unprocessed INTEGER NOT NULL CHECK (retention_due_unprocessed >= 0),
            clients_without_consent INTEGER NOT NULL CHECK (clients_without_consent >= 0)
        )"""
    )


def _m020_security_alerts(db: Database) -> None:
    """Anomaly alerts (issue 15): one row per alert raised by a rule (``domain/alert_rules.py``),
    with the staff member concerned, the audit sequence numbers that are its evidence and the
    acknowledgement; ``dedup_key`` makes raising idempotent. ``alert_scan_state`` keeps the last
    audit entry the periodic pass has looked at. Staff usernames and sequence numbers only, never a
    client. The audit log's ``alert.raised`` / ``alert.acknowledged`` entries are the authority;
    this table is checked against them (services/security_alerts.py)."""
    db.execute(
        """CREATE TABLE security_alerts (
            id INTEGER PRIMARY KEY,
            rule TEXT NOT NULL,
            raised_at TEXT NOT NULL,
            subject TEXT NOT NULL DEFAULT '',
            evidence TEXT NOT NULL DEFAULT '[]',
            details TEXT NOT NULL DEFAULT '{}',
            dedup_key TEXT NOT NULL UNIQUE,
            acknowledged_at TEXT,
            acknowledged_by TEXT,
            note TEXT NOT NULL DEFAULT ''
        )"""
    )
    db.execute("CREATE INDEX security_alerts_open ON security_alerts(acknowledged_at, id)")
    db.execute(
        """CREATE TABLE alert_scan_state (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            last_seq INTEGER NOT NULL DEFAULT 0,
            scanned_at TEXT NOT NULL DEFAULT ''
        )"""
    )
    db.execute("INSERT INTO alert_scan_state (id, last_seq) VALUES (1, 0)")


def _m021_log_reviews(db: Database) -> None:
    """The auditor's periodic audit-log reviews (issue 15): the period (Beijing days), the audit
    sequence range it covered, the counts the app computed, whether the chain verified, the
    findings, outcome and follow-up, who signed off and when. Append-only: a recorded review never
    changes (its content fingerprint is in the ``audit.log_review`` entry). Names no client."""
    db.execute(
        """CREATE TABLE log_reviews (
            id INTEGER PRIMARY KEY,
            period_start TEXT NOT NULL CHECK (length(period_start) = 10),
            period_end TEXT NOT NULL CHECK (length(period_end) = 10),
            first_seq INTEGER,
            last_seq INTEGER,
            entries INTEGER NOT NULL CHECK (entries >= 0),
            refusals INTEGER NOT NULL CHECK (refusals >= 0),
            failed_sign_ins INTEGER NOT NULL CHECK (failed_sign_ins >= 0),
            off_hours_sign_ins INTEGER NOT NULL CHECK (off_hours_sign_ins >= 0),
            alerts_raised INTEGER NOT NULL CHECK (alerts_raised >= 0),
            alerts_open INTEGER NOT NULL CHECK (alerts_open >= 0),
            chain_verified INTEGER NOT NULL CHECK (chain_verified IN (0,1)),
            chain_checked INTEGER NOT NULL CHECK (chain_checked >= 0),
            findings TEXT NOT NULL,
            outcome TEXT NOT NULL CHECK (outcome IN ('no_findings','findings')),
            follow_up TEXT NOT NULL DEFAULT '',
            reviewer INTEGER NOT NULL REFERENCES staff(id),
            signed_off_at TEXT NOT NULL,
            CHECK (period_start <= period_end)
        )"""
    )
    db.execute("CREATE INDEX log_reviews_period ON log_reviews(period_end, period_start)")
    for event in ("UPDATE", "DELETE"):
        db.execute(
            f"CREATE TRIGGER log_reviews_no_{event.lower()} BEFORE {event} ON log_reviews "
            "BEGIN SELECT RAISE(ABORT, 'recorded log reviews are immutable'); END"
        )


def _m022_access_reviews(db: Database) -> None:
    """The periodic access review (issue 15): one row per period (``2026Q4``) with who started and
    finished it and the content fingerprint, and one item per staff member as the review saw them
    (role, last sign-in, days inactive) with the manager's decision (keep, disable, change role).
    A finished review is immutable (store/access_review_triggers.py). No client is named here. The
    index on the audit log answers "last successful sign-in of each member" without a scan."""
    db.execute(
        """CREATE TABLE access_reviews (
            id INTEGER PRIMARY KEY,
            period_key TEXT NOT NULL UNIQUE,
            started_at TEXT NOT NULL,
            started_by INTEGER NOT NULL REFERENCES staff(id),
            finished_at TEXT,
            finished_by INTEGER REFERENCES staff(id),
            fingerprint TEXT NOT NULL DEFAULT '',
            CHECK ((finished_at IS NULL) = (finished_by IS NULL))
        )"""
    )
    db.execute(
        """CREATE TABLE access_review_items (
            id INTEGER PRIMARY KEY,
            review_id INTEGER NOT NULL REFERENCES access_reviews(id),
            staff_id INTEGER NOT NULL REFERENCES staff(id),
            username TEXT NOT NULL,
            display_name TEXT NOT NULL,
            role TEXT NOT NULL CHECK (role IN ('agent','manager','it_admin','auditor')),
            active INTEGER NOT NULL CHECK (active IN (0,1)),
            last_sign_in TEXT,
            days_inactive INTEGER NOT NULL CHECK (days_inactive >= 0),
            decision TEXT CHECK (decision IS NULL OR decision IN ('keep','disable','change_role')),
            new_role TEXT CHECK (new_role IS NULL OR new_role IN ('agent','manager','it_admin','auditor')),
            note TEXT NOT NULL DEFAULT '',
            decided_at TEXT,
            decided_by INTEGER REFERENCES staff(id),
            UNIQUE (review_id, staff_id),
            CHECK ((decision = 'change_role') = (new_role IS NOT NULL))
        )"""
    )
    db.execute("CREATE INDEX audit_log_action_actor ON audit_log(action, actor_id, seq)")
    # the same text as store/access_review_triggers.py (which the trigger check compares against)
    db.execute(
        "CREATE TRIGGER access_reviews_no_delete BEFORE DELETE ON access_reviews BEGIN SELECT RAISE(ABORT, 'access reviews are never deleted'); END"
    )
    db.execute(
        "CREATE TRIGGER access_reviews_finished_fixed BEFORE UPDATE ON access_reviews WHEN OLD.finished_at IS NOT NULL BEGIN SELECT RAISE(ABORT, 'a finished access review is immutable'); END"
    )
    db.execute(
        "CREATE TRIGGER access_review_items_no_delete BEFORE DELETE ON access_review_items BEGIN SELECT RAISE(ABORT, 'access review items are never deleted'); END"
    )
    db.execute(
        "CREATE TRIGGER access_review_items_finished_fixed BEFORE UPDATE ON access_review_items WHEN (SELECT finished_at FROM access_reviews WHERE id = OLD.review_id) IS NOT NULL BEGIN SELECT RAISE(ABORT, 'a finished access review is immutable'); END"
    )
    db.execute(
        "CREATE TRIGGER access_review_items_finished_insert BEFORE INSERT ON access_review_items WHEN (SELECT finished_at FROM access_reviews WHERE id = NEW.review_id) IS NOT NULL BEGIN SELECT RAISE(ABORT, 'a finished access review is immutable'); END"
    )


def _m023_backups(db: Database) -> None:
    """Backups (issue 15 §3): ``backup_runs``, the append-only history of every backup created,
    verified, restored or drilled (kind, when, by whom, scheduled or not, the file's name, size and
    SHA-256, the audit head's sequence number the backup holds, the outcome and the findings as a JSON
    list); ``backup_schedule``, the one row of the scheduled backup (on/off, time "HH:MM" in branch
    time, folder, generations kept); and ``backup_pending_destructions``: the destruction records a
    restore found newer than the backup, which the next session holding the client-data key carries
    out (a restored backup must never bring a destroyed client back). No column names a client."""
    db.execute(
        """CREATE TABLE backup_runs (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('create','verify','restore','drill')),
            at TEXT NOT NULL,
            by_staff INTEGER,
            by_username TEXT NOT NULL DEFAULT '',
            scheduled INTEGER NOT NULL DEFAULT 0 CHECK (scheduled IN (0,1)),
            file_name TEXT NOT NULL DEFAULT '',
            folder TEXT NOT NULL DEFAULT '',
            size INTEGER NOT NULL DEFAULT 0 CHECK (size >= 0),
            sha256 TEXT NOT NULL DEFAULT '',
            audit_seq INTEGER NOT NULL DEFAULT 0,
            ok INTEGER NOT NULL CHECK (ok IN (0,1)),
            findings TEXT NOT NULL DEFAULT '[]'
        )"""
    )
    db.execute("CREATE INDEX backup_runs_kind ON backup_runs(kind, id)")
    for event in ("UPDATE", "DELETE"):
        db.execute(
            f"""CREATE TRIGGER backup_runs_no_{event.lower()} BEFORE {event} ON backup_runs
               BEGIN SELECT RAISE(ABORT, 'the backup history is append-only'); END"""
        )
    db.execute(
        """CREATE TABLE backup_schedule (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            enabled INTEGER NOT NULL DEFAULT 0 CHECK (enabled IN (0,1)),
            time TEXT NOT NULL DEFAULT '21:30',
            folder TEXT NOT NULL DEFAULT '',
            generations INTEGER NOT NULL DEFAULT 7 CHECK (generations >= 1),
            changed_at TEXT NOT NULL DEFAULT '',
            changed_by INTEGER
        )"""
    )
    db.execute(
        """CREATE TABLE backup_pending_destructions (
            record_id INTEGER PRIMARY KEY,
            client_id INTEGER NOT NULL,
            client_pseudonym TEXT NOT NULL,
            destroyed_at TEXT NOT NULL,
            restore_run INTEGER NOT NULL,
            applied_at TEXT,
            applied_by INTEGER
        )"""
    )


def _m024_integrity_checks(db: Database) -> None:
    """The integrity checks' history (issue 15, services/integrity_check.py): when, by whom (the
    signed-in member, also for the app's own scheduled runs), whether scheduled or after an unclean
    shutdown, the outcome, each finding as JSON (file, check, what it found: page numbers, table
    names, staff usernames; never a client) and how long it took. Append-only, like the audit log."""
    db.execute(
        """CREATE TABLE integrity_checks (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            staff_id INTEGER REFERENCES staff(id),
            scheduled INTEGER NOT NULL CHECK (scheduled IN (0, 1)),
            after_unclean_shutdown INTEGER NOT NULL CHECK (after_unclean_shutdown IN (0, 1)),
            ok INTEGER NOT NULL CHECK (ok IN (0, 1)),
            findings TEXT NOT NULL,
            duration_ms INTEGER NOT NULL CHECK (duration_ms >= 0)
        )"""
    )
    for event in ("UPDATE", "DELETE"):  # as store/append_only_triggers.py defines them
        db.execute(
            f"CREATE TRIGGER integrity_checks_no_{event.lower()} BEFORE {event} ON integrity_checks "
            "BEGIN SELECT RAISE(ABORT, 'the integrity-check history is append-only'); END"
        )


def _m025_second_factors(db: Database) -> None:
    """Two-factor sign-in (issue 15): one row per enrolled manager or IT administrator, with their
    TOTP secret sealed (HPKE) to their key slot's public key (``sealed_to``: a slot given a new key
    pair no longer opens it, so the enrolment is stale) and the last time step a code was accepted
    at (a code of that step or an older one is refused: no replay); and their single-use recovery
    codes as HMACs under a key derived from the secret (branch.db alone cannot test guesses)."""
    db.execute(
        """CREATE TABLE second_factors (
            staff_id INTEGER PRIMARY KEY REFERENCES staff(id),
            sealed_secret TEXT NOT NULL,
            sealed_to TEXT NOT NULL,
            enrolled_at TEXT NOT NULL,
            last_step INTEGER NOT NULL DEFAULT 0 CHECK (last_step >= 0),
            last_used_at TEXT
        )"""
    )
    db.execute(
        """CREATE TABLE second_factor_recovery_codes (
            staff_id INTEGER NOT NULL REFERENCES staff(id),
            code_mac TEXT NOT NULL CHECK (length(code_mac) = 64),
            used_at TEXT,
            PRIMARY KEY (staff_id, code_mac)
        )"""
    )


MIGRATIONS: list[Callable[[Database], None]] = [
    _m001_foundation,
    _m002_slot_public_keys,
    _m003_clients,
    _m004_client_search,
    _m005_destruction_records,
    _m006_client_lifecycle,
    _m007_notice_versions,
    _m008_consent_records,
    _m009_client_key_grants,
    _m010_destruction_grounds,
    _m011_hq_link,
    _m012_hq_keys_pending,
    _m013_programme_settings,
    _m014_training,
    _m015_compliance_reviews,
    _m016_satisfaction,
    _m017_education_campaigns,
    _m018_incidents,
    _m019_programme_client_facts,
    _m020_security_alerts,
    _m021_log_reviews,
    _m022_access_reviews,
    _m023_backups,
    _m024_integrity_checks,
    _m025_second_factors,
]
LATEST_VERSION = len(MIGRATIONS)


def current_version(db: Database) -> int:
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def migrate(db: Database) -> int:
    """Apply pending migrations; return the resulting version."""
    version = current_version(db)
    for number in range(version + 1, LATEST_VERSION + 1):
        with db.transaction():
            MIGRATIONS[number - 1](db)
            fault_point(f"migration-{number}-before-commit")  # tests: a crash inside a migration
            db.execute(f"PRAGMA user_version = {number}")
        fault_point(f"migration-{number}-committed")  # tests: a crash between two migrations
    return current_version(db)
