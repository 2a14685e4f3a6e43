"""An agent uses the import to learn which of a list of phones belong to other staff's clients
(issue 11, section 1): before issue 11 the report said "need the manager: 3".

The agent imports the same file in two worlds: in one, three of its phones are the agent's OWN
clients; in the other, they are another agent's clients. Everything the agent is shown (the report's
counts, every row's problems and messages, the rejects export, how many clients it gained) must be
the same, under both duplicate policies, so the agent learns nothing beyond its own client list,
which it can see anyway. The audit entry, which only managers and auditors read, holds the rows back
for the manager's review.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop_app.domain.audit_filter import AuditFilter
from desktop_app.domain.client_record import ClientDraft
from desktop_app.domain.errors import PermissionDenied
from desktop_app.domain.roles import Role
from desktop_app.services import audit_review
from desktop_app.services.client_directory import count_clients
from desktop_app.services.client_import import ImportOptions, ImportReport, import_clients, rejects_file
from desktop_app.services.client_intake import create_client
from desktop_app.services.sign_in import sign_in
from desktop_app.services.signed_in import SignedIn
from tests.conftest import Branch
from tests.support.client_access import add_confirmed_staff

fx = importlib.import_module("tests.fixtures.import.make_fixtures")
SignIn = Callable[[Role], SignedIn]

COLLIDING = ("13812340001", "13812340002", "13812340003")
HEADER = ("姓名", "手机", "地址")
ROWS = [
    (2, ("客户甲", COLLIDING[0], "江苏省南京市玄武区中山路1号")),
    (3, ("客户乙", COLLIDING[1], "科技园路1号")),  # a duplicate whose address fails
    (4, ("客户丙", COLLIDING[2], "四川省成都市武侯区武侯祠大街1号")),
    (5, ("客户丁", "13812340004", "北京市朝阳区建国路1号")),  # brand new
    (6, ("客户戊", "12345", "科技园路1号")),  # refused: two problems
]


def agent_view(report: ImportReport) -> dict[str, object]:
    """Everything an agent is shown of an import (the CLI and the wizard print these)."""
    return {
        "counts": (
            report.rows,
            report.imported,
            report.merged,
            report.duplicates_skipped,
            report.duplicates_in_file,
            report.duplicates_for_manager,
            report.duplicates,
            len(report.rejected),
            dict(report.dropped),
            report.assigned_to,
        ),
        "rows": [  # (getattr: the test also runs, and fails, on the code before issue 11)
            (r.row_number, r.field, r.reason, r.message_zh, r.message_en, r.cells, getattr(r, "problems", ()))
            for r in report.rejected
        ],
        "rejects_export": rejects_file(report, Path("rejects.csv")),  # the .xlsx holds the same table
    }


def _import(agent: SignedIn, path: Path, policy: str) -> tuple[dict[str, object], int]:
    before = count_clients(agent)
    report = import_clients(agent, path, ImportOptions(on_duplicate=policy))
    return agent_view(report), count_clients(agent) - before


def _held(manager: SignedIn) -> list[list[dict[str, object]]]:
    """The rows each import held for the manager's review, oldest import first."""
    entries = audit_review.page(manager, AuditFilter(action="client.import"), 0, 100)
    return [entry.details["held_for_review"] for entry in sorted(entries, key=lambda e: e.seq)]


@pytest.mark.parametrize("policy", ["skip", "merge"])
def test_an_agent_cannot_tell_how_many_imported_phones_are_other_agents_clients(
    branch: Branch, signed_in: SignIn, tmp_path: Path, policy: str
) -> None:
    agent = signed_in(Role.AGENT)
    add_confirmed_staff(branch, ("lisi", "Agt!Other#2026xy"), "李四")
    other = sign_in(branch.context(), "lisi", "Agt!Other#2026xy")
    path = fx.write_workbook(tmp_path / "list.xlsx", HEADER, ROWS)
    db = agent.db

    for number, phone in enumerate(COLLIDING):  # world 0: the phones are the agent's own clients
        create_client(agent, ClientDraft(name="旧客户" + "甲乙丙"[number], phone=phone))
    own_world = _import(agent, path, policy)

    db.execute("DELETE FROM clients")
    theirs = [  # world 3: the same phones are another agent's clients
        create_client(other, ClientDraft(name="旧客户" + "甲乙丙"[number], phone=phone)).id
        for number, phone in enumerate(COLLIDING)
    ]
    others_world = _import(agent, path, policy)

    assert others_world == own_world
    view, gained = others_world
    assert gained == 1 and view["counts"][5] == 0  # type: ignore[index]  # one new client; no "for the manager" count

    with pytest.raises(PermissionDenied):  # the audit entry that tells them apart is not the agent's to read
        audit_review.page(agent, AuditFilter(), 0, 10)
    manager = signed_in(Role.MANAGER)
    held = _held(manager)
    assert held[0] == []
    assert sorted(int(str(item["client_id"])) for item in held[1]) == sorted(theirs)
    assert {item["row"] for item in held[1]} == {2, 3, 4}
    other.close()
