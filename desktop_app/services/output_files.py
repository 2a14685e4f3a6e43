"""Writing a file the user chose (a PDF, a client's data copy, a certificate): the checked writers.

The GUI reaches files only through the services (tests/unit/test_layers.py: ``ui`` never imports
``store``), so this is its door to store/output_paths.py, the one rule for every output: never into
the branch's data directory, never onto a device, FIFO or socket, an existing file replaced only
when the user agreed, written atomically through a private temporary file. The CLI uses the same
functions.
"""

from __future__ import annotations

from desktop_app.store.output_paths import (
    OutputTarget,
    PendingOutput,
    check_output,
    inspect_output,
    write_output,
)

__all__ = ["OutputTarget", "PendingOutput", "check_output", "inspect_output", "write_output"]
