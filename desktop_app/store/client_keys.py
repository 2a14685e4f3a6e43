"""The client-data key: 32 random bytes that open ``clients.db``, sealed once per holder.

Holders are agents and managers a manager confirmed, and the client-data recovery code a manager
keeps; never IT administrators or auditors (MLPS 2.0 separation of duties, PIPL Art. 51). A holder's
copy is sealed with HPKE (RFC 9180; X25519, HKDF-SHA256, AES-256-GCM) to the public key of their key
slot, so only their password (with this PC's device secret) opens it. A confirming manager needs
nobody's password: the member's public key is enough.

Each grant carries a MAC under a key derived from the client-data key, over the holder, their role,
their public key and the key epoch. Whoever can write the branch database (IT holds its key) can
delete grants, but cannot add a holder, change a holder's role or swap in a public key of their own
without the MAC failing: a rotation re-seals only to grants whose MAC holds.

The confirmation code (domain/confirmation_code.py) binds a confirmation to the member's real key.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, hpke
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

CLIENT_KEY_BYTES = 32
RECOVERY_HOLDER_ID = 0  # the grant of the client-data recovery code
KIND_CLIENT_RECOVERY = "client_recovery"
CLIENT_RECOVERY_NAME = "__client_recovery__"
_HPKE = hpke.Suite(hpke.KEM.X25519, hpke.KDF.HKDF_SHA256, hpke.AEAD.AES_256_GCM)
_MAC_INFO = b"BranchVault client grant MAC v1"
_ROTATION_INFO = b"BranchVault client key rotation v1"
_CHAIN_INFO = b"BranchVault client key chain v1"


class GrantOpenFailed(Exception):
    """The sealed client-data key did not open with this private key (another key, or tampering)."""


def new_client_key() -> bytes:
    return os.urandom(CLIENT_KEY_BYTES)


def client_key_fingerprint(client_key: bytes) -> str:
    """A public check value telling whether a key is the current client-data key."""
    return hmac.new(client_key, b"BranchVault client key fingerprint v1", hashlib.sha256).hexdigest()[:32]


def _aad(branch_id: str, holder_id: int) -> bytes:
    return json.dumps(
        {"branch_id": branch_id, "holder_id": holder_id, "kind": "client-key"}, sort_keys=True
    ).encode()


def seal_client_key(client_key: bytes, public_key: str, *, branch_id: str, holder_id: int) -> str:
    """Seal the client-data key to a slot's public key (base64 in, base64 out)."""
    public = X25519PublicKey.from_public_bytes(base64.b64decode(public_key, validate=True))
    sealed = _HPKE.encrypt(client_key, public, info=_aad(branch_id, holder_id))
    return base64.b64encode(sealed).decode("ascii")


def open_client_key(sealed_key: str, private: X25519PrivateKey, *, branch_id: str, holder_id: int) -> bytes:
    try:
        key = _HPKE.decrypt(
            base64.b64decode(sealed_key, validate=True), private, info=_aad(branch_id, holder_id)
        )
    except (InvalidTag, ValueError, TypeError) as exc:
        raise GrantOpenFailed() from exc
    if len(key) != CLIENT_KEY_BYTES:
        raise GrantOpenFailed()
    return key


def grant_mac(client_key: bytes, *, holder_id: int, role: str, public_key: str, epoch: int) -> str:
    mac_key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_MAC_INFO).derive(client_key)
    message = json.dumps(
        {"epoch": epoch, "holder_id": holder_id, "public_key": public_key, "role": role}, sort_keys=True
    ).encode()
    return hmac.new(mac_key, message, hashlib.sha256).hexdigest()


def rotation_authorisation(current_key: bytes, *, next_fingerprint: str, epoch: int) -> str:
    """A MAC under the current client-data key over the next key's fingerprint and epoch: only a
    holder of the current key can start a rotation, so grants and a clients.db that someone else
    planted under a key of their own are never taken for a rotation to finish."""
    mac_key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_ROTATION_INFO).derive(current_key)
    message = json.dumps({"epoch": epoch, "next_fingerprint": next_fingerprint}, sort_keys=True).encode()
    return hmac.new(mac_key, message, hashlib.sha256).hexdigest()


def rotation_authorised(current_key: bytes, mac: str, *, next_fingerprint: str, epoch: int) -> bool:
    expected = rotation_authorisation(current_key, next_fingerprint=next_fingerprint, epoch=epoch)
    return hmac.compare_digest(expected, mac)


def wrap_next_key(current_key: bytes, next_key: bytes, *, epoch: int) -> str:
    """The next client-data key encrypted under the current one (AES-256-GCM, the epoch as associated
    data): a chain from any key a holder once held to every later key, which nobody without those
    keys can extend. A holder accepts a key only if their pinned key leads to it."""
    chain_key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_CHAIN_INFO).derive(current_key)
    nonce = os.urandom(12)
    sealed = AESGCM(chain_key).encrypt(nonce, next_key, str(epoch).encode())
    return base64.b64encode(nonce + sealed).decode("ascii")


def unwrap_next_key(current_key: bytes, wrapped: str, *, epoch: int) -> bytes:
    chain_key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_CHAIN_INFO).derive(current_key)
    try:
        raw = base64.b64decode(wrapped, validate=True)
        key = AESGCM(chain_key).decrypt(raw[:12], raw[12:], str(epoch).encode())
    except (InvalidTag, ValueError, TypeError) as exc:
        raise GrantOpenFailed() from exc
    if len(key) != CLIENT_KEY_BYTES:
        raise GrantOpenFailed()
    return key


def encode_pin(epoch: int, key: bytes) -> bytes:
    """The owner's pin, kept inside their password-wrapped slot: the last client-data key they held."""
    return json.dumps({"epoch": epoch, "key": base64.b64encode(key).decode("ascii")}).encode()


def decode_pin(pin: bytes) -> tuple[int, bytes] | None:
    if not pin:
        return None
    try:
        data = json.loads(pin)
        key = base64.b64decode(data["key"], validate=True)
        return int(data["epoch"]), key
    except (ValueError, KeyError, TypeError):
        return None


def grant_mac_valid(
    client_key: bytes, mac: str, *, holder_id: int, role: str, public_key: str, epoch: int
) -> bool:
    expected = grant_mac(client_key, holder_id=holder_id, role=role, public_key=public_key, epoch=epoch)
    return hmac.compare_digest(expected, mac)


__all__ = [
    "CLIENT_KEY_BYTES",
    "CLIENT_RECOVERY_NAME",
    "KIND_CLIENT_RECOVERY",
    "RECOVERY_HOLDER_ID",
    "GrantOpenFailed",
    "X25519PrivateKey",
    "client_key_fingerprint",
    "grant_mac",
    "grant_mac_valid",
    "new_client_key",
    "open_client_key",
    "seal_client_key",
]
