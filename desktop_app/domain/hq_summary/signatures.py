"""Ed25519 signatures over canonical payloads (branch key for submissions, HQ key for receipts).

Keys travel as standard base64 (with padding) of the raw 32 bytes; signatures as base64 of the raw
64 bytes. Uses ``cryptography`` only: no hand-written crypto. A signature that does not verify, a
key or signature that is not valid base64 or has the wrong length all verify as ``False``; no
exception reaches the caller, so a forged input cannot crash the receiver.
"""

from __future__ import annotations

import base64
import binascii
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat, PublicFormat

from desktop_app.domain.hq_summary.canonical import canonical_json

KEY_BYTES = 32
SIGNATURE_BYTES = 64


def b64encode(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def b64decode_strict(text: str) -> bytes:
    """Standard base64 with padding; ValueError for anything else."""
    try:
        return base64.b64decode(text.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError, AttributeError) as exc:
        raise ValueError("not valid base64") from exc


def generate_private_key() -> bytes:
    """A fresh Ed25519 private key as its raw 32 bytes."""
    return Ed25519PrivateKey.generate().private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())


def public_key_b64(private_raw: bytes) -> str:
    """The base64 public key belonging to a raw private key."""
    key = Ed25519PrivateKey.from_private_bytes(private_raw)
    return b64encode(key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw))


def sign_bytes(private_raw: bytes, data: bytes) -> str:
    """Base64 Ed25519 signature over ``data``."""
    return b64encode(Ed25519PrivateKey.from_private_bytes(private_raw).sign(data))


def verify_bytes(public_b64: str, data: bytes, signature_b64: str) -> bool:
    """True only when ``signature_b64`` is a valid signature over ``data`` by ``public_b64``."""
    try:
        public_raw = b64decode_strict(public_b64)
        signature = b64decode_strict(signature_b64)
    except ValueError:
        return False
    if len(public_raw) != KEY_BYTES or len(signature) != SIGNATURE_BYTES:
        return False
    try:
        Ed25519PublicKey.from_public_bytes(public_raw).verify(signature, data)
    except (InvalidSignature, ValueError):
        return False
    return True


def sign_payload(private_raw: bytes, payload: dict[str, Any]) -> str:
    """Base64 signature over ``canonical_json(payload)``."""
    return sign_bytes(private_raw, canonical_json(payload))


def verify_payload(public_b64: str, payload: dict[str, Any], signature_b64: str) -> bool:
    """True when ``signature_b64`` signs ``canonical_json(payload)``; False also for float payloads."""
    try:
        data = canonical_json(payload)
    except ValueError:
        return False
    return verify_bytes(public_b64, data, signature_b64)
