"""Remembered column mappings belong to the member who set them, or to the branch when a manager
saves them for it; a member's own mapping takes precedence over the branch's; migration 2 of
clients.db turns the old branch-wide table into the branch's mappings, without those that turned a
header the importer knows into another field."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop_app.domain.errors import InvalidInput
from desktop_app.domain.roles import Role
from desktop_app.services.client_import import (
    BranchMappingRefused,
    ImportOptions,
    import_clients,
    preview_import,
)
from desktop_app.services.sign_in import sign_in
from desktop_app.services.signed_in import SignedIn
from desktop_app.store import client_schema
from desktop_app.store.import_mapping_repository import BRANCH_MAPPING_OWNER, ImportMappingRepository
from tests.conftest import Branch
from tests.support.client_access import add_confirmed_staff

fx = importlib.import_module("tests.fixtures.import.make_fixtures")
SignIn = Callable[[Role], SignedIn]
OTHER_AGENT = ("lisi", "Agt!Other#2026xy")


def stored(ctx: SignedIn) -> set[tuple[int, str, str]]:
    db = ctx.db
    return set(db.execute("SELECT owner_staff_id, header, field FROM import_header_mappings").fetchall())


def staff_id(ctx: SignedIn) -> int:
    session = ctx.session
    return session.staff_id


def test_an_agents_mapping_of_a_known_header_stays_theirs(signed_in: SignIn, tmp_path: Path) -> None:
    agent, manager = signed_in(Role.AGENT), signed_in(Role.MANAGER)
    odd = fx.write_workbook(
        tmp_path / "odd.xlsx", ("联络人", "手机", "姓名"), [(2, ("张伟", "13812345678", "老王介绍"))]
    )
    report = import_clients(agent, odd, ImportOptions(mapping={"联络人": "name", "姓名": "notes"}))
    assert report.imported == 1
    assert stored(agent) == {(staff_id(agent), "联络人", "name"), (staff_id(agent), "姓名", "notes")}

    standard = fx.write_workbook(tmp_path / "std.xlsx", ("姓名", "手机"), [(2, ("李娜", "13912345678"))])
    assert preview_import(manager, standard).suggested == ("name", "phone")
    assert import_clients(manager, standard).imported == 1
    db = manager.db
    assert db.execute("SELECT full_name, notes FROM clients WHERE full_name = '李娜'").fetchall() == [
        ("李娜", "")
    ]
    # the agent's own files are still read their way
    assert preview_import(agent, odd).suggested == ("name", "phone", "notes")


def test_a_manager_saves_a_branch_default_and_a_members_own_choice_comes_first(
    branch: Branch, signed_in: SignIn, tmp_path: Path
) -> None:
    add_confirmed_staff(branch, OTHER_AGENT, "李四")
    agent, manager = signed_in(Role.AGENT), signed_in(Role.MANAGER)
    other = sign_in(branch.context(), *OTHER_AGENT)
    header = ("联络人", "手机", "客户微信")
    sheet = fx.write_workbook(tmp_path / "a.xlsx", header, [(2, ("张伟", "13812345678", "wx1"))])

    # the manager's own choice (no checkbox) stays the manager's
    import_clients(manager, sheet, ImportOptions(mapping={"联络人": "name"}))
    assert preview_import(agent, sheet).suggested == ("ignore", "phone", "ignore")

    # saved for the branch: everyone's default, and the manager's own copy gives way to it
    import_clients(
        manager,
        sheet,
        ImportOptions(mapping={"联络人": "name", "客户微信": "notes"}, mapping_for_branch=True),
    )
    assert stored(manager) == {
        (BRANCH_MAPPING_OWNER, "联络人", "name"),
        (BRANCH_MAPPING_OWNER, "客户微信", "notes"),
    }
    db = manager.db
    assert db.execute("SELECT DISTINCT saved_by FROM import_header_mappings").fetchall() == [
        (staff_id(manager),)
    ]
    for ctx in (agent, other, manager):
        assert preview_import(ctx, sheet).suggested == ("name", "phone", "notes")

    # an agent who ignores the WeChat column keeps that for themself; the others keep the branch's
    import_clients(agent, sheet, ImportOptions(mapping={"联络人": "name", "客户微信": "ignore"}))
    assert preview_import(agent, sheet).suggested == ("name", "phone", "ignore")
    assert preview_import(other, sheet).suggested == ("name", "phone", "notes")
    assert (staff_id(agent), "联络人", "name") not in stored(agent)  # same as the branch's: not copied
    # choosing the branch's default again forgets the agent's own choice
    import_clients(agent, sheet, ImportOptions(mapping={"客户微信": "notes"}))
    assert {row for row in stored(agent) if row[0] == staff_id(agent)} == set()
    other.close()


def test_an_agent_cannot_save_a_mapping_for_the_branch(signed_in: SignIn, tmp_path: Path) -> None:
    agent = signed_in(Role.AGENT)
    sheet = fx.write_workbook(tmp_path / "a.xlsx", ("联络人", "手机"), [(2, ("张伟", "13812345678"))])
    with pytest.raises(BranchMappingRefused):
        import_clients(agent, sheet, ImportOptions(mapping={"联络人": "name"}, mapping_for_branch=True))
    db = agent.db
    denied = db.execute("SELECT target_id FROM audit_log WHERE action = 'access.denied'").fetchall()
    assert ("client.import.mapping_for_branch",) in denied
    assert stored(agent) == set() and db.execute("SELECT count(*) FROM clients").fetchone()[0] == 0
    manager = signed_in(Role.MANAGER)
    with pytest.raises(InvalidInput):  # nothing to save
        import_clients(manager, sheet, ImportOptions(mapping_for_branch=True))


def test_migration_2_keeps_old_mappings_as_the_branchs_except_overrides_of_known_headers(
    signed_in: SignIn,
) -> None:
    manager = signed_in(Role.MANAGER)
    db = manager.db
    with db.transaction():  # clients.db as version 1 left it
        db.execute("DROP TABLE client_data.import_header_mappings")
        db.execute(
            "CREATE TABLE client_data.import_header_mappings "
            "(header TEXT PRIMARY KEY, field TEXT NOT NULL, updated_at TEXT NOT NULL)"
        )
        for header, field in (
            ("联络人", "name"),
            ("客户微信", "notes"),
            ("姓名", "notes"),  # an agent's --map 姓名=notes, remembered for everyone
            ("备注", "ignore"),
            ("手机", "phone"),
        ):
            db.execute(
                "INSERT INTO client_data.import_header_mappings VALUES (?, ?, '2026-01-01T00:00:00Z')",
                (header, field),
            )
        later_tables = (  # versions 3 to 6's tables
            "hq_exports",
            "hq_export_schedule",
            "hq_keys",
            "education_participation",
            "incident_clients",
            "incident_notifications",
        )
        for later in later_tables:
            db.execute(f"DROP TABLE client_data.{later}")
        db.execute(f"PRAGMA {client_schema.SCHEMA}.user_version = 1")
    assert client_schema.migrate(db) == client_schema.LATEST_VERSION
    assert ImportMappingRepository(db).branch() == {"联络人": "name", "客户微信": "notes", "手机": "phone"}
    assert ImportMappingRepository(db).for_staff(staff_id(manager)) == ImportMappingRepository(db).branch()
