"""Lawful client deletion (PIPL Art. 47): nothing of the client is left in any decrypted page of the
database file or the WAL, nor anywhere in the data directory; the destruction record, the audit entry
and the certificate hold no personal data; only managers may delete."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from desktop_app.domain.client_record import ClientDraft, FollowupKind
from desktop_app.domain.errors import PermissionDenied
from desktop_app.domain.roles import Role
from desktop_app.services.client_deletion import (
    DeletionReason,
    DeletionRefused,
    delete_client,
    destruction_certificate_pdf,
)
from desktop_app.services.client_directory import ClientNotFound, get_client
from desktop_app.services.client_followups import add_followup
from desktop_app.services.client_intake import create_client
from desktop_app.services.signed_in import SignedIn
from tests.conftest import Branch
from tests.support.database_key import database_key

SignIn = Callable[[Role], SignedIn]

NAME = "欧阳春花"
PHONE = "13987654321"
NOTES = "备注暗号ZEBRA7731"
FOLLOWUP_NOTE = "跟进暗号QUOKKA4419"
KEPT_NAME = "司马光明"  # another client, still there: proves the dump really shows live data

# SQLCipher 4 defaults: 4096-byte pages; each page ends with a 16-byte IV and a 64-byte HMAC-SHA512;
# page 1 starts with the 16-byte file salt instead of the SQLite header's first 16 bytes.
PAGE_SIZE = 4096
RESERVE = 16 + 64
SALT = 16
WAL_HEADER = 32
WAL_FRAME_HEADER = 24


def _decrypt_page(key: bytes, page: bytes, page_number: int) -> bytes:
    start = SALT if page_number == 1 else 0
    iv = page[PAGE_SIZE - RESERVE : PAGE_SIZE - RESERVE + 16]
    decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
    return decryptor.update(page[start : PAGE_SIZE - RESERVE]) + decryptor.finalize()


def decrypted_pages(db_path: Path, key: bytes) -> list[bytes]:
    """Every page of the database file and every frame of its WAL, decrypted with the raw key,
    whether the page is in use, on the freelist or an old copy in the WAL."""
    pages: list[bytes] = []
    raw = db_path.read_bytes()
    assert len(raw) % PAGE_SIZE == 0
    for index in range(len(raw) // PAGE_SIZE):
        pages.append(_decrypt_page(key, raw[index * PAGE_SIZE : (index + 1) * PAGE_SIZE], index + 1))
    wal = db_path.with_name(db_path.name + "-wal")
    if wal.exists():
        data = wal.read_bytes()
        offset = WAL_HEADER
        while offset + WAL_FRAME_HEADER + PAGE_SIZE <= len(data):
            page_number = int.from_bytes(data[offset : offset + 4], "big")
            frame = data[offset + WAL_FRAME_HEADER : offset + WAL_FRAME_HEADER + PAGE_SIZE]
            pages.append(_decrypt_page(key, frame, page_number))
            offset += WAL_FRAME_HEADER + PAGE_SIZE
    return pages


def decrypted_dump(branch: Branch, holder: SignedIn) -> bytes:
    """Every page of both databases: branch.db under the branch key, clients.db under the
    client-data key ``holder`` holds."""
    username, password = branch.users[Role.IT_ADMIN]
    key = database_key(branch.ctx.paths.root, username, password)
    pages = decrypted_pages(branch.ctx.paths.database, key)
    assert holder.session is not None
    client_pages = decrypted_pages(branch.ctx.paths.client_database, holder.session.client_key)
    assert any(b"CREATE TABLE client_data.clients" in p or b"CREATE TABLE clients" in p for p in client_pages)
    return b"\n".join(pages + client_pages)


def raw_bytes_of(directory: Path) -> bytes:
    return b"\n".join(p.read_bytes() for p in sorted(directory.rglob("*")) if p.is_file())


def secrets_of_the_client() -> list[bytes]:
    return [s.encode() for s in (NAME, PHONE, "+86" + PHONE, NOTES, FOLLOWUP_NOTE)]


def audit_rows(ctx: SignedIn, action: str) -> list[tuple[str, str, str, str, str]]:
    db = ctx.db
    return db.execute(
        "SELECT actor_username, target_id, outcome, reason, details FROM audit_log WHERE action = ? "
        "ORDER BY seq",
        (action,),
    ).fetchall()


def make_client(manager: SignedIn, agent: SignedIn) -> int:
    client = create_client(
        agent,
        ClientDraft(
            name=NAME,
            phone=PHONE,
            province="广东省",
            city="深圳市",
            district="南山区",
            address_detail="科技园路1号",
            choices={"intention_level": "A"},
            notes=NOTES,
        ),
    )
    add_followup(agent, client.id, FollowupKind.VISIT, FOLLOWUP_NOTE)
    create_client(manager, ClientDraft(name=KEPT_NAME, phone="13611112222"))
    return client.id


def test_deletion_leaves_nothing_in_decrypted_pages_wal_or_data_directory(
    branch: Branch, signed_in: SignIn
) -> None:
    manager, agent = signed_in(Role.MANAGER), signed_in(Role.AGENT)
    client_id = make_client(manager, agent)
    db = manager.db
    db.checkpoint()
    before = decrypted_dump(branch, manager)
    assert all(secret in before for secret in secrets_of_the_client())  # the helper sees them

    destroyed = delete_client(manager, client_id, DeletionReason.DELETION_REQUEST, request_reference="REQ-7")

    assert destroyed.reason == "deletion_request" and destroyed.request_reference == "REQ-7"
    assert destroyed.categories == (
        "identity",
        "contact",
        "address",
        "intention",
        "notes",
        "follow-ups",
        "search index",
    )
    with pytest.raises(ClientNotFound):
        get_client(manager, client_id)
    assert db.execute(
        "SELECT count(*) FROM client_followups WHERE client_id = ?", (client_id,)
    ).fetchone() == (0,)
    assert db.execute("SELECT count(*) FROM client_search WHERE rowid = ?", (client_id,)).fetchone() == (0,)
    after = decrypted_dump(branch, manager)
    assert KEPT_NAME.encode() in after
    for secret in secrets_of_the_client():
        assert secret not in after, secret.decode()
    for database in (branch.ctx.paths.database, branch.ctx.paths.client_database):
        for suffix in ("-wal", "-journal"):  # old copies of pages: none left after the commit
            leftover = database.with_name(database.name + suffix)
            assert not leftover.exists() or leftover.stat().st_size == 0
    everything = raw_bytes_of(branch.ctx.paths.root)
    for secret in secrets_of_the_client():
        assert secret not in everything


def test_record_and_audit_entry_hold_only_a_pseudonym(branch: Branch, signed_in: SignIn) -> None:
    manager, agent = signed_in(Role.MANAGER), signed_in(Role.AGENT)
    client_id = make_client(manager, agent)
    destroyed = delete_client(manager, client_id, "consent_withdrawn", approved_by_username="lina")
    db = manager.db
    row = db.execute("SELECT * FROM destruction_records WHERE id = ?", (destroyed.id,)).fetchone()
    text = json.dumps(row, ensure_ascii=False)
    assert destroyed.client_pseudonym.startswith("hmac:")
    assert NAME not in text and PHONE not in text
    staff_id = db.execute("SELECT id FROM staff WHERE username = 'lina'").fetchone()[0]
    assert destroyed.destroyed_by == destroyed.approved_by == staff_id
    ((actor, target, outcome, reason, details),) = audit_rows(manager, "client.delete")
    assert (actor, target, outcome, reason) == ("lina", str(client_id), "success", "consent_withdrawn")
    logged = json.loads(details)
    assert logged["client"] == destroyed.client_pseudonym
    assert logged["categories"] == list(destroyed.categories)
    assert NAME not in details and PHONE not in details
    with pytest.raises(Exception, match="append-only"):
        db.execute("DELETE FROM destruction_records")


@pytest.mark.parametrize("role", [Role.AGENT, Role.IT_ADMIN, Role.AUDITOR])
def test_only_managers_may_delete_and_refusals_are_audited(signed_in: SignIn, role: Role) -> None:
    manager, agent = signed_in(Role.MANAGER), signed_in(Role.AGENT)
    client_id = make_client(manager, agent)
    other = agent if role is Role.AGENT else signed_in(role)
    with pytest.raises(PermissionDenied):
        delete_client(other, client_id, DeletionReason.DELETION_REQUEST)
    db = other.db
    refused = db.execute(
        "SELECT actor_username, outcome, target_id FROM audit_log WHERE action = 'access.denied' "
        "ORDER BY seq DESC LIMIT 1"
    ).fetchone()
    assert refused == (other.session.username if other.session else "", "denied", "request.handle")
    assert get_client(manager, client_id).id == client_id
    assert db.execute("SELECT count(*) FROM destruction_records").fetchone() == (0,)


def test_a_buyer_under_the_retention_hold_or_a_non_manager_approver_is_refused(signed_in: SignIn) -> None:
    manager, agent = signed_in(Role.MANAGER), signed_in(Role.AGENT)
    client_id = make_client(manager, agent)
    with pytest.raises(DeletionRefused):
        delete_client(manager, client_id, "deletion_request", approved_by_username="zhangwei")
    buyer = create_client(manager, ClientDraft(name="王买家", phone="13755556666", stage="contract"))
    with pytest.raises(DeletionRefused) as held:
        delete_client(manager, buyer.id, "deletion_request")
    assert held.value.code == "legal_hold"
    failures = [r for r in audit_rows(manager, "client.delete") if r[2] == "failure"]
    assert [(r[1], r[3]) for r in failures] == [
        (str(client_id), "deletion_refused"),
        (str(buyer.id), "legal_hold"),
    ]
    assert get_client(manager, client_id).id == client_id and get_client(manager, buyer.id).id == buyer.id


@pytest.mark.skipif(not shutil.which("pdftotext") or not shutil.which("pdffonts"), reason="poppler-utils")
def test_certificate_names_categories_and_branch_and_embeds_its_fonts(
    signed_in: SignIn, tmp_path: Path
) -> None:
    manager, agent = signed_in(Role.MANAGER), signed_in(Role.AGENT)
    client_id = make_client(manager, agent)
    destroyed = delete_client(manager, client_id, DeletionReason.RETENTION_EXPIRY)
    pdf = destruction_certificate_pdf(manager, destroyed.id)
    path = tmp_path / "certificate.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "深圳南山店" in text and "示例地产经纪有限公司" in text
    assert f"Record No.: {destroyed.id}" in text
    for label in ("身份信息", "跟进记录", "搜索索引", "follow-ups", "search index", "保存期限届满"):
        assert label in text
    assert NAME not in text and PHONE not in text and destroyed.client_pseudonym not in text
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Pages:\s+1\n", info) and "(A4)" in info
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    rows = fonts.splitlines()[2:]
    assert rows and all(row.split()[-5] == "yes" for row in rows), fonts
    ((actor, target, outcome, _, _),) = audit_rows(manager, "client.destruction_certificate")
    assert (actor, target, outcome) == ("lina", str(destroyed.id), "success")
    with pytest.raises(PermissionDenied):
        destruction_certificate_pdf(agent, destroyed.id)


@pytest.mark.parametrize("ground", ["purpose_achieved", "processing_unlawful", "no_longer_necessary"])
def test_the_request_path_refuses_the_companys_own_grounds(signed_in: SignIn, ground: str) -> None:
    """Regression: delete_client took any Art. 47 ground, so the company's own initiative could skip
    destroy_client's required note and its audited ``initiative``."""
    from desktop_app.domain.errors import InvalidInput

    manager, agent = signed_in(Role.MANAGER), signed_in(Role.AGENT)
    client_id = make_client(manager, agent)
    with pytest.raises(InvalidInput):
        delete_client(manager, client_id, ground)
    assert get_client(manager, client_id).id == client_id
