"""Copying a revealed client value: on the clipboard with the "do not record" hints, and taken
back after a delay only if the clipboard still holds exactly that value.

The countdown lives on the shell's ClipboardGuard (not on the dialog), so closing the detail page
does not leave the value on the clipboard for good. The guard keeps only a keyed digest of the
value for the comparison, never the value itself, and forgets it when the countdown ends even if
the user has copied something else since.
"""

from __future__ import annotations

from desktop_app.ui.shell import Shell


def copy_secret(shell: Shell, text: str, clear_after_seconds: float) -> None:
    """Put ``text`` on the clipboard; after ``clear_after_seconds`` clear it if it is still there."""
    shell.clipboard.copy(text, clear_after_seconds)
