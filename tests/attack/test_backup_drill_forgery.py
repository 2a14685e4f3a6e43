"""What a local administrator can do to the backup evidence with the data folder, sqlcipher3 and their
own key slot (IT opens branch.db, where the backup history lives).

Attack: before the compliance review, make "recent verified backup" and "restore drill" pass without
ever backing up — INSERT a successful backup and a passed drill into ``backup_runs`` with plain SQL
(the append-only triggers refuse UPDATE and DELETE, not INSERT). The review counts only history rows
that the hash-chained audit log vouches for (store/backup_audit_evidence.py): the planted rows have
no ``backup.create`` / ``backup.drill`` entry, so both items still fail, while the tab (which shows
the history as it is) does show them. Adding the entries too would break the audit chain, which the
app verifies (tests/attack/test_audit_tampering.py). Checked: with ``audited_only`` ignored in
services/backup_schedule.overview both assertions on ``Outcome.FAIL`` fail.
"""

from __future__ import annotations

from collections.abc import Callable

from desktop_app.domain.compliance_review import Outcome
from desktop_app.domain.roles import Role
from desktop_app.services.backup_schedule import overview
from desktop_app.services.compliance_evaluators import evaluate_all
from desktop_app.services.signed_in import SignedIn
from tests.attack.test_audit_tampering import behind_the_apps_back
from tests.conftest import Branch

SignIn = Callable[[Role], SignedIn]


def test_planted_backup_and_drill_rows_do_not_pass_the_review(branch: Branch, signed_in: SignIn) -> None:
    manager = signed_in(Role.MANAGER)
    now = manager.now_utc()
    manager.close()
    with behind_the_apps_back(branch) as db:
        for kind in ("create", "drill"):
            db.execute(
                "INSERT INTO backup_runs (kind, at, by_staff, by_username, file_name, folder, size, sha256, "
                "audit_seq, ok, findings) VALUES (?, ?, 1, 'it.admin', 'SZ001-20270115-160000.bvbackup', "
                "'/media/usb', 4096, 'ab' , 1, 1, '[]')",
                (kind, now),
            )
    manager = signed_in(Role.MANAGER)
    shown = overview(manager)
    assert shown.last_drill is not None and not shown.drill_overdue  # the tab shows the history as it is
    evaluated = evaluate_all(manager, {"backup_recent", "restore_drill"})
    assert evaluated["backup_recent"].outcome is Outcome.FAIL
    assert evaluated["restore_drill"].outcome is Outcome.FAIL
