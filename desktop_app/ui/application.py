"""Starting the GUI: ``run_gui(data_dir, demo)`` is what ``branchvault gui`` and ``demo`` call.

Only Qt, the language files and the sign-in dialog are imported before the first window shows;
the services (SQLCipher, Argon2id, keyring) are imported in the background right after.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from desktop_app import APP_NAME, __version__
from desktop_app.ui.app_controller import AppController
from desktop_app.ui.language import LanguageSwitcher, initial_language
from desktop_app.ui.shell import Shell

if TYPE_CHECKING:
    from desktop_app.domain.kdf_params import KdfParams
    from desktop_app.services.context import AppContext


def application() -> QApplication:
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    app = QApplication(sys.argv)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    return app


def start_gui(
    data_dir: Path | None,
    *,
    demo: bool = False,
    ctx: AppContext | None = None,
    idle_lock_ms: int | None = None,
    wizard_kdf: KdfParams | None = None,
) -> AppController:
    """Build the shell and show the first window (wizard or sign-in); the caller runs the loop."""
    if ctx is not None:
        root = ctx.paths.root
    elif data_dir is not None:
        root = Path(data_dir).expanduser().resolve()  # as store.data_dir.resolve_data_dir does
    else:
        from desktop_app.services.user_preferences import data_folder

        root = data_folder(None)
    settings = root / "user-settings.toml"
    language = LanguageSwitcher(settings)
    language.apply(initial_language(settings))
    shell = Shell(
        root, ctx=ctx, language=language, demo=demo, idle_lock_ms=idle_lock_ms, wizard_kdf=wizard_kdf
    )
    language.setParent(shell)
    controller = AppController(shell, shell)
    controller.start()
    return controller


STARTUP_PROBE_ENV = "BRANCHVAULT_STARTUP_PROBE"
"""Set to 1, the GUI prints the time (POSIX seconds) its first window was shown and painted, then
quits: IT measures the cold start of an installed copy (installers/linux/test_deb.sh)."""


def _probe_first_window(app: QApplication) -> None:
    shown = [w for w in app.topLevelWidgets() if w.isVisible() and w.windowHandle() is not None]
    if not shown:
        QTimer.singleShot(1, lambda: _probe_first_window(app))
        return
    app.processEvents()
    print(f"{time.time()!r} {type(shown[0]).__name__}", flush=True)
    app.exit(0)


def run_gui(data_dir: Path | None, demo: bool = False) -> int:
    app = application()
    app.setQuitOnLastWindowClosed(False)
    controller = start_gui(data_dir, demo=demo)
    controller.finished.connect(app.quit)
    if os.environ.get(STARTUP_PROBE_ENV) == "1":
        QTimer.singleShot(0, lambda: _probe_first_window(app))
    code = app.exec()
    controller.shutdown()
    return int(code)
