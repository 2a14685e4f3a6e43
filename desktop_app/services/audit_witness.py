"""Keeping the audit chain's witness (store/audit_witness.py) in step with the open database.

Rule: the first audited action on an open database (``audit_trail.record`` calls ``watch``) reads
the witness once and compares it with the log (domain/audit_chain.py ``compare_witness``). If the
log continues the witness, a writer keeps the witness at the newest committed head from then on. If
it does not (an older ``branch.db``, a cut or re-chained log, a removed witness), the witness is
left untouched, so the evidence survives until the sign-in check or ``audit verify`` reports it
(services/audit_integrity.py), which then starts a new witness. A branch set up with
``--no-keyring`` has no witness: its check says so (state UNAVAILABLE) and nothing is written.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable

from desktop_app.domain.audit_chain import ChainHead, WitnessCheck, WitnessState, compare_witness
from desktop_app.services.signed_in import SignedIn
from desktop_app.store.audit_repository import AuditRepository
from desktop_app.store.audit_witness import (
    Witness,
    WitnessKeyring,
    WitnessUnreadable,
    WitnessWriter,
    attach,
    witness_for,
)
from desktop_app.store.database import Database
from desktop_app.store.device_secret import KeyringUnavailable


def _head_reader(db: Database) -> Callable[[], ChainHead | None]:
    ref = weakref.ref(db)  # the writer must not keep a closed database alive

    def read_head() -> ChainHead | None:
        database = ref()
        return AuditRepository(database).head() if database is not None else None

    return read_head


def _no_witness(_head: ChainHead) -> None:
    raise AssertionError("a branch without a keyring has no witness to write")


def read_and_compare(db: Database, store: WitnessKeyring) -> WitnessCheck:
    """Read the witness now and compare it with the log (keyring not reachable: UNAVAILABLE)."""
    repo = AuditRepository(db)
    try:
        witness = store.read()
    except KeyringUnavailable:
        return WitnessCheck(WitnessState.UNAVAILABLE, None, repo.head())
    except WitnessUnreadable:  # edited by hand: as good as removed
        return WitnessCheck(WitnessState.MISSING, None, repo.head())
    head = repo.head()
    return compare_witness(witness, head, repo.hash_at(witness.seq) if witness else None)


def watch(ctx: SignedIn, *, new_branch: bool = False) -> Witness | None:
    """The open database's witness, set up on first use (None while the branch config is not known
    yet, during set-up). ``new_branch``: the log was just created here; trust it and write it now."""
    db, config = ctx.db, ctx.context.config
    if config is None:
        return None
    witness = witness_for(db)
    if witness is not None:
        return witness
    if not config.use_keyring:
        return attach(
            db,
            Witness(
                None,
                WitnessWriter(_no_witness, lambda: None, armed=False),
                WitnessCheck(WitnessState.UNAVAILABLE),
            ),
        )
    store = WitnessKeyring(config.branch_id)
    check = WitnessCheck(WitnessState.EMPTY) if new_branch else read_and_compare(db, store)
    armed = not check.is_problem and check.state is not WitnessState.UNAVAILABLE
    writer = WitnessWriter(store.write, _head_reader(db), armed=armed)
    if armed:
        writer.arm(known=check.witness)
    witness = attach(db, Witness(store, writer, check))
    if new_branch:
        witness.writer.after_commit()
        witness.writer.flush()
    return witness


def start_witness(ctx: SignedIn) -> None:
    """At the end of branch set-up: the new log's head becomes the witness."""
    watch(ctx, new_branch=True)
