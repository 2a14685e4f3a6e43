"""Named crash points for testing crash safety (``rekey``): the process exits at once when the
``BRANCHVAULT_FAULT_AT`` environment variable names the point it reaches. Inert otherwise."""

from __future__ import annotations

import os

ENV = "BRANCHVAULT_FAULT_AT"
EXIT_CODE = 86


def fault_point(name: str) -> None:
    if os.environ.get(ENV) == name:
        os._exit(EXIT_CODE)  # simulate power loss: no cleanup, no flush beyond what was already synced
