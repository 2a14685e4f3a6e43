"""The PySide6 desktop shell: windows, dialogs, widgets and Qt models over the services layer.

Widgets collect input and show results; every action calls a service in ``desktop_app.services``.
Start-up imports only what the sign-in window needs; the rest is imported when first used. Before
any UI module loads, PySide6's per-import source check is made cheap (ui/pyside_import_check.py)
and ``None`` is pinned against PySide6 6.12's void-method reference fault (ui/pyside_singletons.py).
"""

from desktop_app.ui.pyside_singletons import pin_singletons as _pin_singletons

_pin_singletons()  # before the first Qt call

import PySide6.QtCore  # noqa: E402, F401 (loads PySide6's import hook, which the next line speeds up)

from desktop_app.ui.pyside_import_check import install as _install_import_check  # noqa: E402

_install_import_check()
