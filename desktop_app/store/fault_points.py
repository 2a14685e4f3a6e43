"""Named crash points for testing crash safety (``rekey``, backups): the process exits at once when the
``BRANCHVAULT_FAULT_AT`` environment variable names the point it reaches; with
``BRANCHVAULT_FAULT_PAUSE_AT=<point>=<file>`` it creates ``<file>`` there and waits, so a test can
``kill -9`` it at exactly that moment. Inert otherwise."""

from __future__ import annotations

import os
import time
from pathlib import Path

ENV = "BRANCHVAULT_FAULT_AT"
PAUSE_ENV = "BRANCHVAULT_FAULT_PAUSE_AT"
EXIT_CODE = 86
PAUSE_SECONDS = 120.0


def fault_point(name: str) -> None:
    if os.environ.get(ENV) == name:
        os._exit(EXIT_CODE)  # simulate power loss: no cleanup, no flush beyond what was already synced
    point, _, marker = os.environ.get(PAUSE_ENV, "").partition("=")
    if point == name and marker:
        Path(marker).touch()
        time.sleep(PAUSE_SECONDS)  # the test kills the process (SIGKILL) while it waits here
