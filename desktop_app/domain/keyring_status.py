"""Whether the OS keyring can hold the device secret, which backend it is, and why not when it cannot.

Found by store/device_secret.py (which ranks backends and refuses insecure ones: BranchVault never
falls back to plaintext) and shown by the first-run wizard and the status bar; a plain value here so
the GUI does not import the store.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class KeyringStatus:
    usable: bool
    backend: str
    reason: str = ""
