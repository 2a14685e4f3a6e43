"""The PySide6 desktop shell: windows, dialogs, widgets and Qt models over the services layer.

Widgets collect input and show results; every action calls a service in ``desktop_app.services``.
Start-up imports only what the sign-in window needs; the rest is imported when first used.
"""
