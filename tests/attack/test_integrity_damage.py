"""Damage a local administrator (or a failing disk) can do to the data folder that nothing noticed
before the integrity check: 64 bytes flipped in a page in the middle of ``branch.db`` or
``clients.db`` (the app still opens, lists its staff and, before issue 15, reported nothing until
someone read that page), a row pointing at nobody written with the database key, a key slot removed
from or planted in ``keyslots.json``. ``branchvault check`` (services/integrity_check.py) names each.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import sqlcipher3

from desktop_app.domain.roles import Role
from desktop_app.services.integrity_check import recent_checks, run_integrity_check
from desktop_app.services.security_alerts import list_alerts
from desktop_app.services.sign_in import sign_in, sign_out
from desktop_app.services.signed_in import SignedIn
from desktop_app.services.staff_accounts import list_staff
from desktop_app.store.key_slots import RECOVERY_NAME
from tests.conftest import ADMIN, Branch
from tests.support.database_key import database_key

PAGE = 4096


def flip_middle_page(path: Path, *, page: int | None = None, offset_in_page: int = 1024) -> int:
    """Invert 64 bytes inside a page (by default the one in the middle of ``path``); returns its
    1-based page number."""
    if page is None:
        page = path.stat().st_size // PAGE // 2 + 1
    with path.open("r+b") as handle:
        handle.seek((page - 1) * PAGE + offset_in_page)
        data = handle.read(64)
        handle.seek((page - 1) * PAGE + offset_in_page)
        handle.write(bytes(b ^ 0xFF for b in data))
    return page


def quiet_table_page(root: Path, username: str, password: str, table: str = "destruction_records") -> int:
    """The root page of a table that signing in and listing staff never read (a free page in the
    middle may be reused whole by the next write, which would heal the damage)."""
    key = database_key(root, username, password)
    connection = sqlcipher3.connect(str(root / "branch.db"))
    connection.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    try:
        row = connection.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()
    finally:
        connection.close()
    return int(row[0])


def test_a_damaged_page_in_branch_db_is_named_by_the_check(branch: Branch) -> None:
    root = branch.ctx.paths.root
    page = flip_middle_page(branch.ctx.paths.database, page=quiet_table_page(root, *ADMIN))
    me = sign_in(branch.context(), *ADMIN)  # the app still opens and lists its staff...
    try:
        assert list_staff(me)
        report = run_integrity_check(me)
        # the damage found leaves the session able to keep the record and raise the alert
        assert [run.ok for run in recent_checks(me)] == [False]
    finally:
        sign_out(me)
    assert not report.ok  # ...but the check reads every page
    manager = sign_in(branch.context(), *branch.users[Role.MANAGER])
    try:
        assert [a.rule for a in list_alerts(manager)] == ["integrity_failure"]
    finally:
        sign_out(manager)
    problem = {p.name: p for p in report.problems}["branch.db:cipher_integrity_check"]
    assert f"page(s) {page}" in problem.en and f"第 {page} 页" in problem.zh
    assert "backup restore" in problem.en


def test_a_damaged_page_in_clients_db_is_named_for_a_manager(
    branch: Branch, signed_in: Callable[[Role], SignedIn]
) -> None:
    page = flip_middle_page(branch.ctx.paths.client_database)
    manager = signed_in(Role.MANAGER)
    assert manager.db.has_client_data
    report = run_integrity_check(manager)
    names = [p.name for p in report.problems]
    assert "clients.db:cipher_integrity_check" in names
    assert f"page(s) {page}" in {p.name: p for p in report.problems}["clients.db:cipher_integrity_check"].en
    # the auditor has no client-data key: says clients.db was not checked, not that it is fine
    auditor = signed_in(Role.AUDITOR)
    seen = {f.name: f for f in run_integrity_check(auditor).findings}
    assert seen["clients.db:contents"].skipped
    assert "not checked by this role" in seen["clients.db:contents"].en


def test_a_truncated_clients_db_fails_even_without_the_key(
    branch: Branch, signed_in: Callable[[Role], SignedIn]
) -> None:
    path = branch.ctx.paths.client_database
    with path.open("r+b") as handle:
        handle.truncate(path.stat().st_size - 100)
    report = run_integrity_check(signed_in(Role.AUDITOR))
    assert "clients.db:file" in [p.name for p in report.problems]


def test_an_orphan_row_written_with_the_key_is_found(branch: Branch) -> None:
    key = database_key(branch.ctx.paths.root, *ADMIN)
    connection = sqlcipher3.connect(str(branch.ctx.paths.database), isolation_level=None)
    connection.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    connection.execute(
        "UPDATE staff SET created_by = 9999 WHERE username = ?", (branch.users[Role.AGENT][0],)
    )
    connection.close()
    me = sign_in(branch.context(), *ADMIN)
    try:
        report = run_integrity_check(me)
    finally:
        sign_out(me)
    problem = {p.name: p for p in report.problems}["branch.db:foreign_key_check"]
    assert "staff" in problem.en


def test_an_orphan_client_row_is_found(branch: Branch, signed_in: Callable[[Role], SignedIn]) -> None:
    manager = signed_in(Role.MANAGER)
    connection = manager.db.connection  # the app's own connection, foreign keys switched off
    connection.execute("PRAGMA foreign_keys = OFF")
    connection.execute(
        "INSERT INTO client_data.client_followups (client_id, at, kind, note, staff_id) "
        "VALUES (424242, '2026-01-01', 'call', 'x', 1)"
    )
    connection.execute("PRAGMA foreign_keys = ON")
    report = run_integrity_check(manager)
    problem = {p.name: p for p in report.problems}["clients.db:foreign_key_check"]
    assert "client_followups" in problem.en


def _edit_slots(branch: Branch, edit: Callable[[dict[str, object]], None]) -> None:
    path = branch.ctx.paths.key_slots
    data = json.loads(path.read_text(encoding="utf-8"))
    edit(data)
    path.write_text(json.dumps(data), encoding="utf-8")


def test_a_removed_slot_is_named(branch: Branch) -> None:
    agent = branch.users[Role.AGENT][0]
    _edit_slots(branch, lambda d: d.__setitem__("slots", [s for s in d["slots"] if s["name"] != agent]))  # type: ignore[attr-defined]
    me = sign_in(branch.context(), *ADMIN)
    try:
        report = run_integrity_check(me)
    finally:
        sign_out(me)
    problem = {p.name: p for p in report.problems}["keyslots.json:slots"]
    assert agent in problem.en and "without a slot" in problem.en


def test_a_planted_slot_and_a_missing_recovery_slot_are_named(branch: Branch) -> None:
    def plant(data: dict[str, object]) -> None:
        slots = [s for s in data["slots"] if s["name"] != RECOVERY_NAME]  # type: ignore[attr-defined]
        copy = dict(next(s for s in slots if s["name"] == ADMIN[0]))
        copy["name"] = "mallory"
        data["slots"] = [*slots, copy]

    _edit_slots(branch, plant)
    me = sign_in(branch.context(), *ADMIN)
    try:
        report = run_integrity_check(me)
    finally:
        sign_out(me)
    problem = {p.name: p for p in report.problems}["keyslots.json:slots"]
    assert "mallory" in problem.en and "planted" in problem.en
    assert "no recovery slot" in problem.en


def test_an_intact_branch_passes(branch: Branch, signed_in: Callable[[Role], SignedIn]) -> None:
    for role in (Role.IT_ADMIN, Role.MANAGER, Role.AUDITOR):
        report = run_integrity_check(signed_in(role))
        assert report.ok, [p.en for p in report.problems]
