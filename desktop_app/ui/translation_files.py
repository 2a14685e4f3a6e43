"""Compiled translations: build ``.qm`` from the ``.ts`` sources with lrelease when missing or stale.

The ``.ts`` catalogues in ``resources/i18n`` are the sources (``.qm`` files are not committed).
A ``.qm`` is used when it is at least as new as its ``.ts``; otherwise it is compiled next to the
``.ts`` when that folder is writable, else into a per-user cache folder. A frozen bundle ships the
``.qm`` files compiled at build time (installers/branchvault.spec) and never compiles at run time.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
from pathlib import Path

from desktop_app.resource_files import RESOURCES, is_frozen

log = logging.getLogger(__name__)

CATALOGUE = "branchvault"


def i18n_dir() -> Path:
    return RESOURCES / "i18n"


def cache_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_cache_dir("BranchVault", appauthor=False)) / "i18n"


def lrelease_command() -> list[str] | None:
    """The lrelease executable shipped with PySide6, or one on PATH."""
    import shutil

    import PySide6

    exe = "lrelease.exe" if sys.platform == "win32" else "lrelease"
    bundled = Path(PySide6.__file__).resolve().parent / exe
    if bundled.exists():
        return [str(bundled)]
    for name in ("pyside6-lrelease", "lrelease"):
        found = shutil.which(name)
        if found:
            return [found]
    return None


def _fresh(qm: Path, ts: Path) -> bool:
    try:
        return qm.stat().st_mtime >= ts.stat().st_mtime
    except OSError:
        return False


def _compile(ts: Path, qm: Path) -> bool:
    import subprocess  # only when a catalogue must be built: keeps start-up light
    import tempfile

    command = lrelease_command()
    if command is None:
        log.warning("lrelease not found; translations for %s are not available", ts.name)
        return False
    try:
        qm.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{qm.name}.", suffix=".tmp", dir=qm.parent)
        os.close(fd)
    except OSError:
        return False
    try:
        done = subprocess.run(
            [*command, "-silent", str(ts), "-qm", tmp], capture_output=True, timeout=60, check=False
        )
        if done.returncode != 0 or os.path.getsize(tmp) == 0:
            log.warning("lrelease failed for %s: %s", ts.name, done.stderr.decode(errors="replace"))
            return False
        os.replace(tmp, qm)
        return True
    except (OSError, subprocess.SubprocessError) as exc:
        log.warning("lrelease could not run: %s", exc)
        return False
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)


def compiled_catalogue(
    language: str, *, source_dir: Path | None = None, fallback_dir: Path | None = None
) -> Path | None:
    """The up-to-date ``.qm`` for ``language``, compiling it if needed; None when unavailable."""
    source_dir = source_dir or i18n_dir()
    if is_frozen():  # compiled when the bundle was built; no lrelease, no .ts inside a bundle
        shipped = source_dir / f"{CATALOGUE}_{language}.qm"
        return shipped if shipped.exists() else None
    ts = source_dir / f"{CATALOGUE}_{language}.ts"
    if not ts.exists():
        return None
    name = f"{CATALOGUE}_{language}.qm"
    beside = source_dir / name
    if _fresh(beside, ts):
        return beside  # the common case: no need to look up (or import) the cache folder
    candidates = [beside, (fallback_dir or cache_dir()) / name]
    for qm in candidates[1:]:
        if _fresh(qm, ts):
            return qm
    for qm in candidates:
        if (qm.parent.exists() and not os.access(qm.parent, os.W_OK)) or not _compile(ts, qm):
            continue
        return qm
    return None
