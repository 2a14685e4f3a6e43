"""The sign-in state file's last sequence number, kept in the OS keyring beside the device secret.

Rule: every write of ``signin-state.json`` (keyring branches) also stores its sequence number here
(service ``BranchVault``, entry ``<branch_id>:signin-seq``). A state file that is missing, or whose
sequence is lower, while this entry exists was deleted or replaced by an older copy.
Reason: the data folder can be written by anyone with the OS account (or a local administrator);
the keyring is outside it, so deleting the file cannot lift a lockout before anyone signs in.
The number is not secret; the keyring is only a place the data folder's writer does not control.
"""

from __future__ import annotations

from desktop_app.store.device_secret import SERVICE, KeyringUnavailable


class SequenceWitness:
    def __init__(self, branch_id: str) -> None:
        self.name = f"{branch_id}:signin-seq"

    def get(self) -> int | None:
        """The last sequence written, or None if this branch never wrote one on this PC."""
        import keyring
        import keyring.errors

        try:
            stored = keyring.get_password(SERVICE, self.name)
        except keyring.errors.KeyringError as exc:
            raise KeyringUnavailable(type(exc).__name__) from exc
        if stored is None:
            return None
        try:
            return max(0, int(stored))
        except ValueError:
            return 2**62  # a garbled entry: treat every file as older (fails closed)

    def set(self, seq: int) -> None:
        import keyring
        import keyring.errors

        try:
            keyring.set_password(SERVICE, self.name, str(seq))
        except keyring.errors.KeyringError as exc:
            raise KeyringUnavailable(type(exc).__name__) from exc

    def delete(self) -> None:
        import keyring
        import keyring.errors

        try:
            keyring.delete_password(SERVICE, self.name)
        except keyring.errors.PasswordDeleteError:
            pass
