"""Key slots: only the right password, device secret, branch and slot name open a slot; tampering fails.

The first half exercises store.key_slots directly; the second goes through services.sign_in, where all
those failures must look the same to the user (WrongCredentials) except a missing device secret and an
unusable keyring, which have their own messages.
"""

from __future__ import annotations

import base64
import dataclasses
import json
import os
from collections.abc import Callable
from pathlib import Path

import keyring
import pytest
from keyring.backends import null

from desktop_app.domain.errors import AccountLocked, WrongCredentials
from desktop_app.domain.roles import Role
from desktop_app.services import sign_in_attempts
from desktop_app.services.sign_in import sign_in
from desktop_app.store.device_secret import SERVICE, DeviceSecretMissing, KeyringUnavailable
from desktop_app.store.key_slots import (
    KIND_PASSWORD,
    KIND_RECOVERY,
    KeySlot,
    KeySlotFileError,
    SlotOpenFailed,
    key_fingerprint,
    load_key_slots,
    make_slot,
    new_database_key,
    open_slot,
    reseal,
)
from tests.conftest import FAST_KDF, Branch
from tests.support.contexts import context_of
from tests.support.database_key import database_key

BRANCH_ID = "4f1c2d3e-0000-4000-8000-000000000001"
PASSWORD = "Slot!Test#2026x"


@pytest.fixture(scope="module")
def material() -> tuple[bytes, bytes, KeySlot, KeySlot]:
    """A database key, a device secret, a device-bound password slot and a recovery slot."""
    db_key, device = new_database_key(), os.urandom(32)
    slot = make_slot(
        branch_id=BRANCH_ID,
        name="lina",
        kind=KIND_PASSWORD,
        secret=PASSWORD,
        db_key=db_key,
        kdf=FAST_KDF,
        device_secret=device,
    )
    recovery = make_slot(
        branch_id=BRANCH_ID,
        name="__recovery__",
        kind=KIND_RECOVERY,
        secret="RECOVERYCODE",
        db_key=db_key,
        kdf=FAST_KDF,
        device_secret=None,
    )
    return db_key, device, slot, recovery


def flip(b64: str, index: int) -> str:
    raw = bytearray(base64.b64decode(b64))
    raw[index % len(raw)] ^= 0x01
    return base64.b64encode(bytes(raw)).decode()


def test_right_password_opens(material: tuple[bytes, bytes, KeySlot, KeySlot]) -> None:
    db_key, device, slot, _ = material
    assert open_slot(slot, branch_id=BRANCH_ID, secret=PASSWORD, device_secret=device) == db_key
    assert slot.device_bound and slot.kdf_params == FAST_KDF


def test_slot_holds_no_key_material_in_clear(material: tuple[bytes, bytes, KeySlot, KeySlot]) -> None:
    db_key, device, slot, _ = material
    text = json.dumps(dataclasses.asdict(slot))
    for secret in (db_key, device):
        assert secret.hex() not in text and base64.b64encode(secret).decode() not in text
    assert PASSWORD not in text


def test_recovery_slot_is_not_device_bound(material: tuple[bytes, bytes, KeySlot, KeySlot]) -> None:
    db_key, device, _, recovery = material
    assert not recovery.device_bound
    assert open_slot(recovery, branch_id=BRANCH_ID, secret="RECOVERYCODE", device_secret=None) == db_key
    assert open_slot(recovery, branch_id=BRANCH_ID, secret="RECOVERYCODE", device_secret=device) == db_key


def _cases(slot: KeySlot) -> dict[str, tuple[KeySlot, dict[str, object]]]:
    ok: dict[str, object] = {}
    return {
        "wrong password": (slot, {"secret": "Slot!Test#2026y"}),
        "empty password": (slot, {"secret": ""}),
        "wrapped_private first byte": (
            dataclasses.replace(slot, wrapped_private=flip(slot.wrapped_private, 0)),
            ok,
        ),
        "wrapped_private nonce end": (
            dataclasses.replace(slot, wrapped_private=flip(slot.wrapped_private, 11)),
            ok,
        ),
        "wrapped_private ciphertext": (
            dataclasses.replace(slot, wrapped_private=flip(slot.wrapped_private, 20)),
            ok,
        ),
        "wrapped_private tag": (
            dataclasses.replace(slot, wrapped_private=flip(slot.wrapped_private, -1)),
            ok,
        ),
        "sealed_key encapsulated key": (dataclasses.replace(slot, sealed_key=flip(slot.sealed_key, 0)), ok),
        "sealed_key ciphertext": (dataclasses.replace(slot, sealed_key=flip(slot.sealed_key, 40)), ok),
        "sealed_key tag": (dataclasses.replace(slot, sealed_key=flip(slot.sealed_key, -1)), ok),
        "salt first byte": (dataclasses.replace(slot, salt=flip(slot.salt, 0)), ok),
        "salt last byte": (dataclasses.replace(slot, salt=flip(slot.salt, -1)), ok),
        "salt too short": (dataclasses.replace(slot, salt=base64.b64encode(b"abc").decode()), ok),
        "not base64": (dataclasses.replace(slot, wrapped_private="!!not base64!!"), ok),
        "truncated wrapped_private": (
            dataclasses.replace(slot, wrapped_private=slot.wrapped_private[:8]),
            ok,
        ),
        "kdf time_cost changed": (dataclasses.replace(slot, kdf={**slot.kdf, "time_cost": 2}), ok),
        "kdf memory below argon2 minimum": (dataclasses.replace(slot, kdf={**slot.kdf, "memory_kib": 1}), ok),
        "kdf time_cost zero": (dataclasses.replace(slot, kdf={**slot.kdf, "time_cost": 0}), ok),
        "kdf missing": (dataclasses.replace(slot, kdf={}), ok),
        "device binding removed": (dataclasses.replace(slot, device_bound=False), ok),
        "other branch id": (slot, {"branch_id": "4f1c2d3e-0000-4000-8000-000000000002"}),
        "other slot name": (dataclasses.replace(slot, name="zhangwei"), ok),
        "other slot kind": (dataclasses.replace(slot, kind=KIND_RECOVERY), ok),
        "missing device secret": (slot, {"device_secret": None}),
        "wrong device secret": (slot, {"device_secret": os.urandom(32)}),
        "short device secret": (slot, {"device_secret": b"x"}),
    }


_PLACEHOLDER = KeySlot("x", KIND_PASSWORD, "AAAA", FAST_KDF.as_dict(), True, "AAAA", "AAAA", "AAAA")
CASE_NAMES = list(_cases(_PLACEHOLDER))  # only the names; each test builds its case from the real slot


@pytest.mark.parametrize("case", CASE_NAMES)
def test_slot_does_not_open(material: tuple[bytes, bytes, KeySlot, KeySlot], case: str) -> None:
    _, device, slot, _ = material
    tampered, overrides = _cases(slot)[case]
    kwargs: dict[str, object] = {
        "branch_id": BRANCH_ID,
        "secret": PASSWORD,
        "device_secret": device,
        **overrides,
    }
    with pytest.raises(SlotOpenFailed):
        open_slot(tampered, **kwargs)  # type: ignore[arg-type]


def test_reseal_gives_the_new_key_to_the_same_password(
    material: tuple[bytes, bytes, KeySlot, KeySlot],
) -> None:
    _, device, slot, _ = material
    new_key = new_database_key()
    resealed = reseal(slot, branch_id=BRANCH_ID, db_key=new_key)
    assert resealed.wrapped_private == slot.wrapped_private and resealed.sealed_key != slot.sealed_key
    assert open_slot(resealed, branch_id=BRANCH_ID, secret=PASSWORD, device_secret=device) == new_key


def test_fingerprint_tells_keys_apart_without_revealing_them() -> None:
    a, b = new_database_key(), new_database_key()
    assert key_fingerprint(a) == key_fingerprint(a) != key_fingerprint(b)
    assert a.hex()[:16] not in key_fingerprint(a)


def test_slot_file_of_another_branch_is_refused(branch: Branch, tmp_path: Path) -> None:
    config = branch.ctx.require_config()
    with pytest.raises(KeySlotFileError):
        load_key_slots(branch.ctx.paths.key_slots, "some-other-branch")
    garbage = tmp_path / "garbage.json"
    garbage.write_text("{not json", encoding="utf-8")
    with pytest.raises(KeySlotFileError) as info:
        load_key_slots(garbage, config.branch_id)
    assert info.value.zh and info.value.en
    with pytest.raises(KeySlotFileError):
        load_key_slots(tmp_path / "missing.json", config.branch_id)


# Through services.sign_in.


def edit_slot_file(branch: Branch, change: Callable[[dict[str, dict[str, object]]], None]) -> None:
    path = branch.ctx.paths.key_slots
    data = json.loads(path.read_text(encoding="utf-8"))
    slots = {slot["name"]: slot for slot in data["slots"]}
    change(slots)
    data["slots"] = list(slots.values())
    path.write_text(json.dumps(data), encoding="utf-8")


def assert_wrong_credentials(branch: Branch, username: str, password: str) -> None:
    ctx = branch.context()
    with pytest.raises(WrongCredentials) as info:
        ctx = sign_in(context_of(ctx), username, password)
    reference = WrongCredentials()
    assert (info.value.zh, info.value.en) == (reference.zh, reference.en)


def test_sign_in_wrong_password(branch: Branch) -> None:
    assert_wrong_credentials(branch, "lina", "Mgr!Branch#2026y")


@pytest.mark.parametrize(
    ("field", "index"),
    [("wrapped_private", 0), ("wrapped_private", 30), ("sealed_key", 0), ("sealed_key", 50), ("salt", 3)],
)
def test_sign_in_with_tampered_slot(branch: Branch, field: str, index: int) -> None:
    def change(slots: dict[str, dict[str, object]]) -> None:
        slots["lina"][field] = flip(str(slots["lina"][field]), index)

    edit_slot_file(branch, change)
    assert_wrong_credentials(branch, *branch.users[Role.MANAGER])


def test_sign_in_with_tampered_kdf_parameters(branch: Branch) -> None:
    def change(slots: dict[str, dict[str, object]]) -> None:
        slots["lina"]["kdf"] = {"time_cost": 1, "memory_kib": 1, "parallelism": 1}

    edit_slot_file(branch, change)
    assert_wrong_credentials(branch, *branch.users[Role.MANAGER])


def test_sign_in_with_a_slot_moved_to_another_name(branch: Branch) -> None:
    """Copying lina's slot over zhangwei's: the associated data (slot name) no longer matches."""

    def change(slots: dict[str, dict[str, object]]) -> None:
        slots["zhangwei"] = {**slots["lina"], "name": "zhangwei"}

    edit_slot_file(branch, change)
    assert_wrong_credentials(branch, "zhangwei", branch.users[Role.MANAGER][1])
    assert_wrong_credentials(branch, *branch.users[Role.AGENT])


def test_sign_in_with_a_slot_from_another_branch(branch: Branch) -> None:
    """A slot made for another branch id, with the same name, password and even the right key."""
    config = branch.ctx.require_config()
    username, password = branch.users[Role.MANAGER]
    db_key = database_key(branch.ctx.paths.root, username, password)
    device = branch.ctx.secrets.get(config.branch_id)
    foreign = make_slot(
        branch_id="other-branch",
        name=username,
        kind=KIND_PASSWORD,
        secret=password,
        db_key=db_key,
        kdf=FAST_KDF,
        device_secret=device,
    )
    edit_slot_file(branch, lambda slots: slots.__setitem__(username, dataclasses.asdict(foreign)))
    assert_wrong_credentials(branch, username, password)


def test_sign_in_with_a_wrong_device_secret(branch: Branch) -> None:
    config = branch.ctx.require_config()
    keyring.set_password(SERVICE, config.branch_id, base64.b64encode(os.urandom(32)).decode())
    # signin-state.json no longer authenticates under the changed secret: it fails closed first
    with pytest.raises(AccountLocked):
        sign_in(branch.context(), *branch.users[Role.IT_ADMIN])
    branch.ctx.clock.advance(15 * 60)  # type: ignore[attr-defined]
    for role in Role:
        assert_wrong_credentials(branch, *branch.users[role])


def test_sign_in_with_the_device_secret_missing(branch: Branch) -> None:
    config = branch.ctx.require_config()
    keyring.delete_password(SERVICE, config.branch_id)
    ctx = branch.context()
    with pytest.raises(DeviceSecretMissing) as info:
        ctx = sign_in(context_of(ctx), *branch.users[Role.MANAGER])
    assert info.value.zh and info.value.en and "recovery code" in info.value.en


@pytest.mark.parametrize("stored", ["not base64!", base64.b64encode(b"short").decode()])
def test_sign_in_with_a_damaged_device_secret(branch: Branch, stored: str) -> None:
    keyring.set_password(SERVICE, branch.ctx.require_config().branch_id, stored)
    with pytest.raises(DeviceSecretMissing):
        sign_in(branch.context(), *branch.users[Role.MANAGER])


def test_sign_in_with_no_usable_keyring(branch: Branch, unusable_keyring: None) -> None:
    ctx = branch.context()
    with pytest.raises(KeyringUnavailable) as info:
        ctx = sign_in(context_of(ctx), *branch.users[Role.MANAGER])
    assert info.value.zh and info.value.en and "--no-keyring" in info.value.en


def test_sign_in_with_the_null_keyring(branch: Branch) -> None:
    previous = keyring.get_keyring()
    keyring.set_keyring(null.Keyring())
    try:
        with pytest.raises(KeyringUnavailable):
            sign_in(branch.context(), *branch.users[Role.MANAGER])
    finally:
        keyring.set_keyring(previous)


def test_failures_from_tampering_count_towards_lockout(branch: Branch) -> None:
    edit_slot_file(
        branch, lambda slots: slots["lina"].__setitem__("salt", flip(str(slots["lina"]["salt"]), 0))
    )
    ctx = branch.context()
    for _ in range(4):
        with pytest.raises(WrongCredentials):
            ctx = sign_in(context_of(ctx), *branch.users[Role.MANAGER])
    state = sign_in_attempts.read_state(branch.context())  # names are stored hashed
    assert state.lockout("lina").failures == 4
