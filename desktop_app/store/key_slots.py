"""Key slots: the random database key, wrapped once per staff member and once for recovery.

A slot holds an X25519 key pair. Its private key is encrypted with AES-256-GCM under
KEK = HKDF-SHA256(Argon2id(password, salt) || device secret), and the database key is sealed to its
public key with HPKE (RFC 9180: X25519, HKDF-SHA256, AES-256-GCM). Both use the branch id, slot
name and kind as associated data. So:

- signing in = deriving the KEK, opening the private key, opening the sealed database key;
- a wrong password, a wrong device secret, a tampered slot or the wrong associated data all fail an
  AEAD tag and give the same error;
- ``rekey`` can seal a new database key to every slot without knowing anyone's password.

The recovery slot is not bound to the device secret, so it works when the PC's keyring is gone.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from argon2.exceptions import HashingError
from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, hpke, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from desktop_app.domain.errors import BranchVaultError
from desktop_app.store.branch_config import KdfParams
from desktop_app.store.data_dir import write_private_file

FORMAT = "branchvault-keyslots-1"
DB_KEY_BYTES = 32
KIND_PASSWORD = "password"
KIND_RECOVERY = "recovery"
RECOVERY_NAME = "__recovery__"
_HPKE = hpke.Suite(hpke.KEM.X25519, hpke.KDF.HKDF_SHA256, hpke.AEAD.AES_256_GCM)
_KEK_INFO = b"BranchVault key-slot KEK v1"


class SlotOpenFailed(Exception):
    """The slot did not open: wrong secret, wrong device secret, tampering or wrong associated data."""


class KeySlotFileError(BranchVaultError):
    code = "keyslots_invalid"

    def __init__(self, path: Path, detail: str) -> None:
        self.detail = detail
        if detail == "missing":
            super().__init__(
                f"找不到密钥槽文件 {path.name}。没有它任何人都无法登录：请 IT 从备份恢复该文件"
                "（须与 branch.db 来自同一份备份）。",
                f"The key-slot file {path.name} is missing; nobody can sign in without it. Ask IT to "
                "restore it from the backup that branch.db came from.",
            )
            return
        if detail == "other branch":
            super().__init__(
                f"密钥槽文件 {path.name} 属于另一家门店（门店标识不同），不能用于本门店。请 IT 放回本门店自己的文件。",
                f"The key-slot file {path.name} belongs to another branch (different branch id) and cannot "
                "be used here. Ask IT to put back this branch's own file.",
            )
            return
        super().__init__(
            f"密钥槽文件缺失、损坏或不属于本门店（{path.name}：{detail}）。请联系 IT 从备份恢复该文件"
            "（恢复码也保存在此文件中，文件损坏时无法单独使用）。",
            f"The key-slot file is missing, damaged or from another branch ({path.name}: {detail}). "
            "Ask IT to restore it from a backup (the recovery slot lives in this file too, so the "
            "recovery code cannot help while it is damaged).",
        )


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


@dataclass(frozen=True)
class KeySlot:
    name: str
    kind: str
    salt: str
    kdf: dict[str, int]
    device_bound: bool
    public_key: str
    wrapped_private: str
    sealed_key: str

    @property
    def kdf_params(self) -> KdfParams:
        return KdfParams(self.kdf["time_cost"], self.kdf["memory_kib"], self.kdf["parallelism"])


def associated_data(branch_id: str, name: str, kind: str) -> bytes:
    return json.dumps({"branch_id": branch_id, "kind": kind, "name": name}, sort_keys=True).encode()


def derive_kek(secret: str, salt: bytes, kdf: KdfParams, device_secret: bytes | None) -> bytes:
    stretched = hash_secret_raw(
        secret.encode("utf-8"),
        salt,
        time_cost=kdf.time_cost,
        memory_cost=kdf.memory_kib,
        parallelism=kdf.parallelism,
        hash_len=32,
        type=Type.ID,
    )
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_KEK_INFO).derive(
        stretched + (device_secret or b"")
    )


def new_database_key() -> bytes:
    return os.urandom(DB_KEY_BYTES)


def key_fingerprint(db_key: bytes) -> str:
    """A public check value telling whether a key belongs to this database (reveals nothing of it)."""
    return hmac.new(db_key, b"BranchVault key fingerprint v1", hashlib.sha256).hexdigest()[:32]


def make_slot(
    *,
    branch_id: str,
    name: str,
    kind: str,
    secret: str,
    db_key: bytes,
    kdf: KdfParams,
    device_secret: bytes | None,
    private: X25519PrivateKey | None = None,
    pin: bytes = b"",
) -> KeySlot:
    """A new slot; ``private`` is the key pair to wrap (a new one unless the caller keeps it);
    ``pin`` is the owner's record of the last client-data key they held (services/client_key_pin.py),
    encrypted with the private key so it cannot be removed or changed without the password."""
    salt = os.urandom(16)
    kek = derive_kek(secret, salt, kdf, device_secret)
    private = private or X25519PrivateKey.generate()
    aad = associated_data(branch_id, name, kind)
    nonce = os.urandom(12)
    private_raw = private.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    wrapped = nonce + AESGCM(kek).encrypt(nonce, private_raw + pin, aad)
    public = private.public_key()
    sealed = _HPKE.encrypt(db_key, public, info=aad)
    return KeySlot(
        name=name,
        kind=kind,
        salt=_b64(salt),
        kdf=kdf.as_dict(),
        device_bound=device_secret is not None,
        public_key=_b64(public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)),
        wrapped_private=_b64(wrapped),
        sealed_key=_b64(sealed),
    )


def open_slot(slot: KeySlot, *, branch_id: str, secret: str, device_secret: bytes | None) -> bytes:
    """Return the database key, or raise SlotOpenFailed."""
    return open_slot_keys(slot, branch_id=branch_id, secret=secret, device_secret=device_secret)[0]


def open_slot_keys(
    slot: KeySlot, *, branch_id: str, secret: str, device_secret: bytes | None
) -> tuple[bytes, X25519PrivateKey]:
    """Return the database key and the slot's private key (which opens the slot owner's sealed
    client-data key), or raise SlotOpenFailed."""
    opened = open_slot_full(slot, branch_id=branch_id, secret=secret, device_secret=device_secret)
    return opened.db_key, opened.private


@dataclass(frozen=True)
class OpenedSlot:
    """What a password opens: the database key, the private key, the KEK (to re-wrap the slot with a
    new pin during this sign-in without another Argon2id run) and the owner's pin (b"" if none)."""

    db_key: bytes = field(repr=False)
    private: X25519PrivateKey = field(repr=False)
    kek: bytes = field(repr=False)
    pin: bytes = field(repr=False)


def open_slot_full(slot: KeySlot, *, branch_id: str, secret: str, device_secret: bytes | None) -> OpenedSlot:
    aad = associated_data(branch_id, slot.name, slot.kind)
    try:
        kek = derive_kek(
            secret, _unb64(slot.salt), slot.kdf_params, device_secret if slot.device_bound else None
        )
        wrapped = _unb64(slot.wrapped_private)
        plain = AESGCM(kek).decrypt(wrapped[:12], wrapped[12:], aad)
        private = X25519PrivateKey.from_private_bytes(plain[:32])
        db_key = _HPKE.decrypt(_unb64(slot.sealed_key), private, info=aad)
    except (InvalidTag, ValueError, KeyError, TypeError, HashingError) as exc:  # HashingError: bad kdf/salt
        raise SlotOpenFailed() from exc
    if len(db_key) != DB_KEY_BYTES:
        raise SlotOpenFailed()
    return OpenedSlot(db_key, private, kek, plain[32:])


def rewrap_with_pin(
    slot: KeySlot, *, branch_id: str, kek: bytes, private: X25519PrivateKey, pin: bytes
) -> KeySlot:
    """The same slot (salt, cost, key pair, sealed key) with a new pin, under the KEK of this sign-in."""
    private_raw = private.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    nonce = os.urandom(12)
    aad = associated_data(branch_id, slot.name, slot.kind)
    return replace(slot, wrapped_private=_b64(nonce + AESGCM(kek).encrypt(nonce, private_raw + pin, aad)))


def open_sealed_key(slot: KeySlot, private: X25519PrivateKey, *, branch_id: str) -> bytes:
    """The database key sealed in ``slot``, opened with a private key already in memory (a session
    following a rotation made elsewhere, without asking for the password again)."""
    try:
        db_key = _HPKE.decrypt(
            _unb64(slot.sealed_key), private, info=associated_data(branch_id, slot.name, slot.kind)
        )
    except (InvalidTag, ValueError, TypeError) as exc:
        raise SlotOpenFailed() from exc
    if len(db_key) != DB_KEY_BYTES:
        raise SlotOpenFailed()
    return db_key


def public_key_of(private: X25519PrivateKey) -> str:
    """The slot public key (base64) that belongs to ``private``: derived, never read from a file."""
    return _b64(private.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw))


def reseal(slot: KeySlot, *, branch_id: str, db_key: bytes) -> KeySlot:
    """Seal a new database key to the slot's public key (no password needed)."""
    public = X25519PublicKey.from_public_bytes(_unb64(slot.public_key))
    sealed = _HPKE.encrypt(db_key, public, info=associated_data(branch_id, slot.name, slot.kind))
    return replace(slot, sealed_key=_b64(sealed))


@dataclass
class KeySlotFile:
    branch_id: str
    key_fingerprint: str
    db_salt: str
    slots: dict[str, KeySlot]

    def password_slot(self, name: str) -> KeySlot | None:
        slot = self.slots.get(name)
        return slot if slot is not None and slot.kind == KIND_PASSWORD else None

    def recovery_slot(self) -> KeySlot | None:
        return self.slots.get(RECOVERY_NAME)

    def put(self, slot: KeySlot) -> None:
        self.slots[slot.name] = slot

    def remove(self, name: str) -> None:
        self.slots.pop(name, None)

    def to_json(self) -> bytes:
        data: dict[str, Any] = {
            "format": FORMAT,
            "branch_id": self.branch_id,
            "key_fingerprint": self.key_fingerprint,
            "db_salt": self.db_salt,
            "slots": [asdict(slot) for slot in sorted(self.slots.values(), key=lambda s: s.name)],
        }
        return json.dumps(data, indent=1, ensure_ascii=False).encode("utf-8")

    def save(self, path: Path) -> None:
        write_private_file(path, self.to_json())


def load_key_slots(path: Path, branch_id: str) -> KeySlotFile:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != FORMAT:
            raise KeySlotFileError(path, "unknown format")
        if data.get("branch_id") != branch_id:
            raise KeySlotFileError(path, "other branch")
        slots = {item["name"]: KeySlot(**item) for item in data["slots"]}
        return KeySlotFile(branch_id, str(data["key_fingerprint"]), str(data.get("db_salt", "")), slots)
    except FileNotFoundError as exc:
        raise KeySlotFileError(path, "missing") from exc
    except (ValueError, KeyError, TypeError, OSError) as exc:
        raise KeySlotFileError(path, type(exc).__name__) from exc
