"""Search-as-you-type over client records: tokens, visibility, re-indexing, audit, hostile input."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop_app.domain.client_record import ClientDraft
from desktop_app.domain.errors import PermissionDenied
from desktop_app.domain.roles import Role
from desktop_app.services.client_intake import create_client, update_client
from desktop_app.services.client_search import search_clients
from desktop_app.services.sign_in import sign_in
from desktop_app.services.signed_in import SignedIn
from desktop_app.store.client_repository import ClientRepository
from tests.conftest import Branch
from tests.consent_support import signed_form
from tests.support.client_access import add_confirmed_staff

SignIn = Callable[[Role], SignedIn]
RESIDENT_ID = "110105199003071239"
PHONE = "13812345678"
OTHER_AGENT = ("lisi", "Agt!Other#2026xy")


def ids(ctx: SignedIn, text: str) -> set[int]:
    return {row.id for row in search_clients(ctx, text)}


def search_entries(ctx: SignedIn) -> list[str]:
    db = ctx.db
    rows = db.execute("SELECT details FROM audit_log WHERE action = 'client.search' ORDER BY seq")
    return [str(r[0]) for r in rows]


def audit_text(ctx: SignedIn) -> str:
    db = ctx.db
    rows = db.execute("SELECT action, target_type, target_id, reason, details FROM audit_log").fetchall()
    return "\n".join(" ".join(str(c) for c in row) for row in rows)


@pytest.fixture
def agent(signed_in: SignIn) -> SignedIn:
    return signed_in(Role.AGENT)


@pytest.fixture
def other_agent(branch: Branch, signed_in: SignIn) -> SignedIn:
    add_confirmed_staff(branch, OTHER_AGENT, "李四")
    ctx = sign_in(branch.context(), *OTHER_AGENT)
    return ctx


def test_finds_by_characters_pinyin_initials_and_phone(agent: SignedIn) -> None:
    zhang = create_client(agent, ClientDraft(name="张伟明", phone=PHONE)).id
    wang = create_client(agent, ClientDraft(name="王芳", phone="13987654321")).id
    for query in (
        "张",
        "张伟",
        "张伟明",
        "伟明",
        "zhang",
        "zhangwei",
        "zhangweiming",
        "zwm",
        "zw",
        "zh",
        "ZHANG",
    ):
        assert ids(agent, query) == {zhang}, query
    assert ids(agent, "5678") == {zhang}
    assert ids(agent, PHONE) == {zhang}
    assert ids(agent, "+86 138-1234-5678") == {zhang}
    assert ids(agent, "wf") == {wang} and ids(agent, "王") == {wang}
    assert ids(agent, "张 5678") == {zhang} and ids(agent, "张 4321") == set()
    assert ids(agent, "567") == set() and ids(agent, "李") == set()
    rows = search_clients(agent, "张")
    assert rows[0].name != "张伟明" and "*" in rows[0].name + rows[0].phone  # masked summary rows


def test_cjk_pairs_never_over_match(agent: SignedIn) -> None:
    exact = create_client(agent, ClientDraft(name="张伟明", phone=PHONE)).id
    create_client(agent, ClientDraft(name="张伟伟明", phone="13987654321"))
    assert ids(agent, "张伟明") == {exact}
    assert len(ids(agent, "伟明")) == 2


def test_full_id_number_is_found_exactly(agent: SignedIn) -> None:
    client = create_client(
        agent,
        ClientDraft(
            name="张伟", phone=PHONE, stage="subscription", id_number=RESIDENT_ID, sensitive_consent=True
        ),
        consent=signed_form(agent),
    )
    assert ids(agent, RESIDENT_ID) == {client.id}
    assert ids(agent, "1101 0519 9003 0712 39") == {client.id}
    assert ids(agent, RESIDENT_ID[:16]) == set() and ids(agent, RESIDENT_ID[:17]) == set()
    assert ids(agent, RESIDENT_ID[:-1] + "0") == set()  # bad check character: nothing looked up
    db = agent.db
    stored = {r[0] for r in db.execute("SELECT tokens FROM client_search")}
    assert not any(RESIDENT_ID in t or "19900307" in t for t in stored)  # ID number never indexed


def test_an_agent_never_finds_another_agents_client(agent: SignedIn, other_agent: SignedIn) -> None:
    theirs = create_client(
        other_agent,
        ClientDraft(
            name="张伟明", phone=PHONE, stage="subscription", id_number=RESIDENT_ID, sensitive_consent=True
        ),
        consent=signed_form(other_agent),
    ).id
    mine = create_client(agent, ClientDraft(name="张伟", phone="13987654321")).id
    for query in ("张", "张伟", "张伟明", "zhang", "zwm", "zw", "5678", PHONE, RESIDENT_ID):
        assert theirs not in ids(agent, query), query
    assert ids(agent, "张伟") == {mine}
    assert ids(other_agent, "zwm") == {theirs}


def test_manager_finds_every_client_most_recent_contact_first(
    agent: SignedIn, other_agent: SignedIn, signed_in: SignIn, branch: Branch
) -> None:
    first = create_client(agent, ClientDraft(name="张伟", phone=PHONE)).id
    second = create_client(other_agent, ClientDraft(name="张芳", phone="13987654321")).id
    db = agent.db
    repo = ClientRepository(db)
    repo.note_contact(first, "2026-01-02T00:00:00Z")
    repo.note_contact(second, "2026-01-03T00:00:00Z")
    manager = signed_in(Role.MANAGER)
    assert [row.id for row in search_clients(manager, "张")] == [second, first]
    assert [row.id for row in search_clients(manager, "zh", limit=1)] == [second]


@pytest.mark.parametrize("role", [Role.IT_ADMIN, Role.AUDITOR])
def test_it_admin_and_auditor_are_refused_and_audited(signed_in: SignIn, role: Role) -> None:
    ctx = signed_in(role)
    with pytest.raises(PermissionDenied):
        search_clients(ctx, "张")
    assert "access.denied action client.view_own" in audit_text(ctx)


def test_updates_re_index_the_client(agent: SignedIn) -> None:
    client = create_client(agent, ClientDraft(name="张伟", phone=PHONE)).id
    update_client(agent, client, {"name": "王芳", "phone": "13987654321"})
    for old in ("张", "zhangwei", "zw", "5678", PHONE):
        assert ids(agent, old) == set(), old
    for new in ("王芳", "wangfang", "wf", "4321", "13987654321"):
        assert ids(agent, new) == {client}, new
    update_client(agent, client, {"notes": "张伟 5678"})  # notes are never indexed
    assert ids(agent, "张") == set() and ids(agent, "wf") == {client}


def test_deleting_a_client_drops_its_index_row(agent: SignedIn) -> None:
    client = create_client(agent, ClientDraft(name="张伟", phone=PHONE)).id
    db = agent.db
    with db.transaction():
        db.execute("DELETE FROM clients WHERE id = ?", (client,))
    assert db.execute("SELECT count(*) FROM client_search").fetchone()[0] == 0
    assert ids(agent, "张") == set()


def test_phone_and_id_searches_are_audited_with_pseudonyms_only(agent: SignedIn) -> None:
    create_client(
        agent,
        ClientDraft(
            name="张伟", phone=PHONE, stage="subscription", id_number=RESIDENT_ID, sensitive_consent=True
        ),
        consent=signed_form(agent),
    )
    before = len(search_entries(agent))
    for query in ("张", "zhang", "zw"):
        search_clients(agent, query)
    assert len(search_entries(agent)) == before  # name keystrokes are not audited
    search_clients(agent, "5678")
    search_clients(agent, PHONE)
    search_clients(agent, RESIDENT_ID)
    details = search_entries(agent)[before:]
    assert len(details) == 3
    assert '"kind": "phone"' in details[0] and '"kind": "phone"' in details[1]
    assert '"kind": "id"' in details[2]
    assert all("hmac:" in d for d in details)
    # HMAC pseudonyms are hex and may contain "5678" by chance: look outside them.
    text = re.sub(r"hmac:[0-9a-f]+", "hmac:…", audit_text(agent))
    for secret in ("5678", PHONE, "8613812345678", RESIDENT_ID, "张伟"):
        assert secret not in text, secret


@pytest.mark.parametrize(
    "query",
    [
        '"',
        '"张',
        "张 AND 王",
        "zhang OR wang",
        "NOT zhang",
        "NEAR(zhang wang)",
        "zhang*",
        "*",
        "(zhang",
        "zhang)",
        "tokens:zhang",
        "^zhang",
        "zh + an",
        "{tokens}: x",
        "' OR 1=1 --",
        "",
        "   ",
        "-",
        "+",
        "12345678901234567890123",
        "张 110105199003071239",
    ],
)
def test_fts_syntax_in_user_input_never_raises(agent: SignedIn, query: str) -> None:
    create_client(agent, ClientDraft(name="张伟", phone=PHONE))
    search_clients(agent, query)


def test_migration_indexes_existing_clients(tmp_path: Path) -> None:
    """Branch migration 4 on an old branch database that already holds clients (the old layout,
    before client data moved to clients.db)."""
    from desktop_app.domain.name_pinyin import pinyin_sort_key
    from desktop_app.domain.search_tokens import fts5_match_expression, query_tokens
    from desktop_app.store import migrations
    from desktop_app.store.database import create_database

    db = create_database(tmp_path / "branch.db", bytes(range(32)))
    with db.transaction():
        db.execute(
            "INSERT INTO staff (id, username, display_name, role, password_changed_at, created_at) "
            "VALUES (1, 'zhangwei', 'zhangwei', 'agent', 0, 'x')"
        )
        db.execute(
            "INSERT INTO clients (id, assigned_agent_id, full_name, phone_e164, phone_kind, created_at, "
            "updated_at, name_pinyin) VALUES (7, 1, '欧阳娜娜', ?, 'mobile', 'x', 'x', ?)",
            ("+86" + PHONE, pinyin_sort_key("欧阳娜娜")),
        )
        db.execute("DROP TRIGGER clients_search_delete")
        db.execute("DROP TABLE client_search")
    with db.transaction():
        migrations.MIGRATIONS[3](db)  # migration 4 on a database that already has clients
    for text in ("oynn", "欧阳"):
        match = fts5_match_expression(query_tokens(text), prefix_last=True)
        rows = db.execute("SELECT rowid FROM main.client_search WHERE client_search MATCH ?", (match,))
        assert {row[0] for row in rows} == {7}, text
    db.close()
