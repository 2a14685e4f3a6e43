"""Peak memory of the app with the client list open, measured in a process of its own.

``python tests/bench/client_list_memory.py idle`` reports an idle Python + PySide6 process with a
QApplication (the floor). ``... encrypted STORE_DIR USER PASSWORD`` and ``... plain STORE_DIR USER PASSWORD`` sign the manager
in on the big store (see big_store.py; the environment from ``BigStore.env()``), show ClientsPage
offscreen (no pytest in the process), wait for the first page, then scroll to the middle, to the end and through the list in
steps (lazy page loads and the model's page cache at its bound). ``plain`` swaps the session's
database for the plain-SQLite build right after sign-in. Prints one JSON line: ru_maxrss (KiB) at
each stage, VmHWM as a cross-check and the resident set (VmRSS) at the end.
"""

from __future__ import annotations

import json
import os
import resource
import sys
from pathlib import Path

from tests.support.contexts import context_of

SCROLL_STEPS = 30


def _maxrss_kib() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _status_kib(field: str) -> int:
    for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    return 0


def _rss_kib() -> int:
    return _status_kib("VmRSS")


def _idle() -> dict[str, int]:
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv[:1])
    app.processEvents()
    return {"qapplication": _maxrss_kib(), "rss_end": _rss_kib()}


def _with_list(variant: str, store_dir: Path, username: str, password: str) -> dict[str, int]:
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv[:1])
    app.processEvents()
    stages = {"qapplication": _maxrss_kib()}

    from desktop_app.services.context import build_context
    from desktop_app.services.sign_in import sign_in
    from tests.bench.client_list_driver import close_shell, first_paint, make_shell, scroll_to
    from tests.bench.plain_sqlite import open_plain

    ctx = build_context(store_dir / "branch")
    stages["imported"] = _maxrss_kib()
    ctx = sign_in(context_of(ctx), username, password)
    if variant == "plain":
        assert ctx.db is not None
        ctx.db.close()
        ctx.unlocked(open_plain(store_dir / "plain.db"))  # the same session on the plain copy
    stages["signed_in"] = _maxrss_kib()
    shell = make_shell(ctx)
    page = first_paint(shell)
    stages["first_page"] = _maxrss_kib()
    total = page.model.rowCount()
    scroll_to(page, total // 2)
    stages["middle"] = _maxrss_kib()
    scroll_to(page, total - 1)
    stages["end"] = _maxrss_kib()
    for step in range(SCROLL_STEPS + 1):
        scroll_to(page, (total - 1) * step // SCROLL_STEPS)
    stages["scrolled"] = _maxrss_kib()
    stages["rows"] = total
    stages["pages_fetched"] = page.model.pages_fetched
    stages["rss_end"] = _rss_kib()
    page.close()
    close_shell(shell)
    ctx.close()
    return stages


def main(argv: list[str]) -> int:
    variant = argv[0]
    if variant == "idle":
        stages = _idle()
    else:
        stages = _with_list(variant, Path(argv[1]), argv[2], argv[3])
    stages["peak"] = _maxrss_kib()
    stages["hwm"] = _status_kib("VmHWM")  # the same peak as the kernel sees this address space
    print(json.dumps({"variant": variant, **stages}), flush=True)
    return 0


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    code = main(sys.argv[1:])
    sys.stderr.flush()
    os._exit(code)  # measured; skip interpreter teardown of the Qt objects
