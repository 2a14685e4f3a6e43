"""Run ``python -m desktop_app`` with its clock moved by a fixed offset (tests only).

The CLI has no clock option (on purpose: nothing in the environment may move the app's clock), so a
test that needs a CLI process to run at a chosen Beijing time (business hours, an off-hours sign-in,
a TOTP step) starts the real entry point through this launcher instead:
``python tests/support/clocked_cli.py OFFSET -m desktop_app ARGS``. It sets the default clock of
``services.context.build_context`` (every CLI command builds its context there) to ``time.time() +
OFFSET`` and then runs ``desktop_app`` as ``python -m`` would; the rest of the process is unchanged.
With one offset per test the CLI processes and the test's own services share one timeline.
"""

from __future__ import annotations

import runpy
import sys
import time
from pathlib import Path


def main() -> None:
    offset = float(sys.argv[1])
    if sys.argv[2:3] != ["-m"] or len(sys.argv) < 4:
        raise SystemExit("usage: clocked_cli.py OFFSET -m MODULE [ARGS...]")
    module = sys.argv[3]
    root = str(Path(__file__).resolve().parents[2])
    if root not in sys.path:
        sys.path.insert(0, root)
    from desktop_app.services import context

    def clock() -> float:
        return time.time() + offset

    defaults = context.build_context.__kwdefaults__
    assert defaults is not None and "clock" in defaults
    defaults["clock"] = clock
    sys.argv = [module, *sys.argv[4:]]
    runpy.run_module(module, run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main()
