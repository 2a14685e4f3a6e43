"""Making staff key slots with the branch's KDF cost (never below the policy floor) and recording
each slot's public key in the database in the same transaction as the change."""

from __future__ import annotations

from desktop_app.services.context import AppContext
from desktop_app.services.signed_in import SignedIn
from desktop_app.store.branch_config import KdfParams
from desktop_app.store.database import Database
from desktop_app.store.key_slot_changes import SlotFileChange
from desktop_app.store.key_slots import KIND_PASSWORD, KeySlot, X25519PrivateKey, make_slot
from desktop_app.store.staff_repository import StaffRepository


def kdf_params(ctx: AppContext | SignedIn) -> KdfParams:
    """The configured Argon2id cost, raised to the policy's memory floor if the config is below it."""
    config = ctx.require_config()
    floor = ctx.policy.kdf_min_memory_kib
    kdf = config.kdf
    # before sign-in: never below the database's last cost
    if not isinstance(ctx, SignedIn) and config.use_keyring:
        from desktop_app.store.settings_witness import kdf_before_sign_in

        kdf = kdf_before_sign_in(config.branch_id, kdf)
    return KdfParams(max(1, kdf.time_cost), max(floor, kdf.memory_kib), max(1, kdf.parallelism))


def device_secret(ctx: AppContext | SignedIn) -> bytes | None:
    config = ctx.require_config()
    return ctx.secrets.get(config.branch_id) if config.use_keyring else None


def new_password_slot(
    ctx: AppContext | SignedIn,
    username: str,
    password: str,
    db_key: bytes,
    secret: bytes | None,
    private: X25519PrivateKey | None = None,
    *,
    pin: bytes = b"",
) -> KeySlot:
    """Derive a slot (Argon2id: the slow part; call it before taking the slot lock)."""
    config = ctx.require_config()
    return make_slot(
        branch_id=config.branch_id,
        name=username,
        kind=KIND_PASSWORD,
        secret=password,
        db_key=db_key,
        kdf=kdf_params(ctx),
        device_secret=secret,
        private=private,
        pin=pin,
    )


def install_slot(db: Database, change: SlotFileChange, staff_id: int, slot: KeySlot) -> None:
    """Put ``slot`` in the staged slot file and record its public key; call inside the transaction."""
    change.slots.put(slot)
    StaffRepository(db).set_slot_public_key(staff_id, slot.public_key)
