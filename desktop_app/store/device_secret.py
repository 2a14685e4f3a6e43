"""The device secret: 32 random bytes in the OS keyring (service ``BranchVault``, one entry per branch).

It binds key slots to this PC. Backends that keep secrets in plain text (keyrings.alt) or keep
nothing (fail, null) count as "no keyring": we never fall back to plain text. The backend is chosen
by keyring's own conventions (``PYTHON_KEYRING_BACKEND``, keyringrc.cfg).
"""

from __future__ import annotations

import base64
import binascii
import secrets
from typing import TYPE_CHECKING

from desktop_app.domain.errors import BranchVaultError
from desktop_app.domain.keyring_status import KeyringStatus

if TYPE_CHECKING:  # keyring is imported on first use: it costs start-up time and most commands need it late
    import keyring.backend

SERVICE = "BranchVault"
SECRET_BYTES = 32


class KeyringUnavailable(BranchVaultError):
    code = "keyring_unavailable"

    def __init__(self, detail: str) -> None:
        super().__init__(
            f"系统密钥环不可用（{detail}）。请联系 IT；如确需在无密钥环的电脑上使用，IT 可用 --no-keyring 初始化。",
            f"The system keyring is not available ({detail}). Contact IT; on a PC without a keyring IT "
            "can initialise the branch with --no-keyring.",
        )


class DeviceSecretMissing(BranchVaultError):
    code = "device_secret_missing"

    def __init__(self) -> None:
        super().__init__(
            "本机密钥环中找不到本门店的设备密钥（可能更换了电脑或清除了密钥环）。请联系 IT 使用恢复码恢复访问。",
            "This branch's device secret is missing from the system keyring (new PC or cleared keyring). "
            "Ask IT to restore access with the recovery code.",
        )


def _describe(backend: keyring.backend.KeyringBackend) -> str:
    cls = type(backend)
    return f"{cls.__module__}.{cls.__qualname__}"


def _is_secure(backend: keyring.backend.KeyringBackend) -> tuple[bool, str]:
    name = _describe(backend)
    if name.startswith("keyrings.alt"):
        return False, "plain-text backend"
    if name.startswith(("keyring.backends.fail", "keyring.backends.null")):
        return False, "no backend"
    try:
        if backend.priority <= 0:
            return False, "backend not usable here"
    except Exception as exc:  # a backend reports unusable by raising from priority
        return False, type(exc).__name__
    return True, ""


def keyring_status() -> KeyringStatus:
    import keyring

    try:
        backend = keyring.get_keyring()
    except Exception as exc:  # a configured backend that cannot start (no D-Bus session, missing module)
        return KeyringStatus(False, "keyring", f"{type(exc).__name__}: {exc}")
    name = _describe(backend)
    children = getattr(backend, "backends", None)
    if children is not None:  # ChainerBackend: usable if any secure child exists
        secure = [child for child in children if _is_secure(child)[0]]
        if not secure:
            return KeyringStatus(False, name, "no secure backend")
        return KeyringStatus(True, _describe(secure[0]))
    usable, reason = _is_secure(backend)
    return KeyringStatus(usable, name, reason)


class DeviceSecretStore:
    """Reads and writes the per-branch device secret in the OS keyring."""

    def status(self) -> KeyringStatus:
        return keyring_status()

    def _require_usable(self) -> None:
        status = self.status()
        if not status.usable:
            raise KeyringUnavailable(f"{status.backend}: {status.reason}")

    def create(self, branch_id: str) -> bytes:
        import keyring
        import keyring.errors

        self._require_usable()
        secret = secrets.token_bytes(SECRET_BYTES)
        try:
            keyring.set_password(SERVICE, branch_id, base64.b64encode(secret).decode("ascii"))
        except keyring.errors.KeyringError as exc:
            raise KeyringUnavailable(type(exc).__name__) from exc
        return secret

    def get(self, branch_id: str) -> bytes:
        import keyring
        import keyring.errors

        self._require_usable()
        try:
            stored = keyring.get_password(SERVICE, branch_id)
        except keyring.errors.KeyringError as exc:
            raise KeyringUnavailable(type(exc).__name__) from exc
        if not stored:
            raise DeviceSecretMissing()
        try:
            secret = base64.b64decode(stored, validate=True)
        except (binascii.Error, ValueError) as exc:
            raise DeviceSecretMissing() from exc
        if len(secret) != SECRET_BYTES:
            raise DeviceSecretMissing()
        return secret

    def replace(self, branch_id: str) -> bytes:
        """Create a fresh secret (after recovery on a new PC); old slots bound to the old one stop working."""
        return self.create(branch_id)

    def delete(self, branch_id: str) -> None:
        import keyring
        import keyring.errors

        try:
            keyring.delete_password(SERVICE, branch_id)
        except keyring.errors.PasswordDeleteError:
            pass
