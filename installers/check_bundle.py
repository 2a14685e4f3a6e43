"""Check a PyInstaller bundle (``dist/branchvault``): nothing it must not hold, everything it needs.

Usage: ``python installers/check_bundle.py DIST_DIR [--platform linux|win32|darwin]``

Refused: test code (a ``tests`` folder or package, ``test_*.py``, ``conftest.py``, pytest, hypothesis
and the other dev tools), HQ service code (``hq_service*``, ``desktop_app.hq*``), stray client data
(``*.db``, ``*.db-wal``, ``*.db-shm``, ``*.sqlite*``, ``keyslots*.json``, ``signin-state.json*``) and
any PDF. Files are checked on disk; Python modules also inside the executable's PYZ archive when
PyInstaller is importable (it is in the dev environment that builds the bundle).
Required: the CJK font, the privacy notices, the compiled translations (zh_CN and en), Qt's
offscreen platform plugin plus the desktop one (xcb, windows or cocoa), the pdfium library and
``build_info.json``.

Exit 0 when the bundle passes, 1 with one line per problem otherwise, 2 on a usage error.
"""

from __future__ import annotations

import argparse
import fnmatch
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

DEV_TOOLS = ("tests", "pytest", "_pytest", "pytestqt", "hypothesis", "mypy", "ruff", "conftest")
DEV_TOOL_PREFIXES = ("pytest_",)
HQ_MODULES = ("hq_service*", "desktop_app.hq", "desktop_app.hq.*", "desktop_app.hq_*")
FORBIDDEN_FILES = {
    "test file": ("test_*.py", "test_*.pyc", "conftest.py", "conftest.pyc"),
    "database": ("*.db", "*.db-wal", "*.db-shm", "*.db-journal", "*.sqlite", "*.sqlite*"),
    "PDF": ("*.pdf",),
    "key slots or sign-in state": ("keyslots*.json", "signin-state.json*"),
}
DESKTOP_PLATFORM_PLUGIN = {"linux": "xcb", "win32": "windows", "darwin": "cocoa"}
PDFIUM_NAMES = {"linux": "libpdfium.so*", "win32": "pdfium.dll", "darwin": "libpdfium.dylib"}


def _relative(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix()


def _is_dev_tool(name: str) -> bool:
    return name in DEV_TOOLS or name.startswith(DEV_TOOL_PREFIXES)


def forbidden_module(module: str) -> str | None:
    """Why ``module`` (a dotted name) must not be in the bundle, or None."""
    parts = module.split(".")
    if any(fnmatch.fnmatchcase(module, pattern) for pattern in HQ_MODULES) or parts[0].startswith(
        "hq_service"
    ):
        return "HQ service module"
    if _is_dev_tool(parts[0]) or "tests" in parts[1:] or parts[-1].startswith("test_"):
        return "test or dev-tool module"
    return None


def forbidden_files(root: Path) -> list[str]:
    problems = []
    for path in sorted(root.rglob("*")):
        rel = _relative(path, root)
        if path.is_dir():
            if _is_dev_tool(path.name) and (path.name != "tests" or _holds_python(path)):
                problems.append(f"test or dev-tool folder: {rel}")
            elif path.name.startswith("hq_service") or rel.endswith("desktop_app/hq"):
                problems.append(f"HQ service folder: {rel}")
            continue
        for kind, patterns in FORBIDDEN_FILES.items():
            if any(fnmatch.fnmatchcase(path.name, pattern) for pattern in patterns):
                problems.append(f"{kind}: {rel}")
        if path.suffix in (".py", ".pyc") and ("/hq_service" in f"/{rel}" or "desktop_app/hq" in rel):
            problems.append(f"HQ service source: {rel}")
    return problems


def _holds_python(folder: Path) -> bool:
    return any(p.suffix in (".py", ".pyc") for p in folder.rglob("*"))


def archived_modules(root: Path) -> list[str] | None:
    """Module names inside the PYZ archive of every executable in ``root``; None without PyInstaller."""
    try:
        from PyInstaller.archive.readers import CArchiveReader
    except ImportError:
        return None
    names: list[str] = []
    for candidate in sorted(p for p in root.rglob("*") if p.is_file() and _maybe_executable(p)):
        try:
            archive = CArchiveReader(str(candidate))
        except Exception:  # not a PyInstaller executable
            continue
        for entry in archive.toc:
            if entry.endswith(".pyz"):
                names += list(archive.open_embedded_archive(entry).toc)
    return names


def _maybe_executable(path: Path) -> bool:
    return path.suffix in ("", ".exe") and path.stat().st_size > 100_000


def missing_pieces(root: Path, platform: str) -> list[str]:
    wanted = {
        "the CJK font (resources/fonts/*.ttc)": "resources/fonts/*.tt[cf]",
        "the privacy notices (resources/notices/*.toml)": "resources/notices/*.toml",
        "the Chinese translation (resources/i18n/branchvault_zh_CN.qm)": "resources/i18n/branchvault_zh_CN.qm",
        "the English translation (resources/i18n/branchvault_en.qm)": "resources/i18n/branchvault_en.qm",
        "Qt's offscreen platform plugin": "platforms/*qoffscreen*",
        "the pdfium library": PDFIUM_NAMES.get(platform, "*pdfium*"),
        "build_info.json": "build_info.json",
    }
    desktop = DESKTOP_PLATFORM_PLUGIN.get(platform)
    if desktop:
        wanted[f"Qt's {desktop} platform plugin"] = f"platforms/*q{desktop}*"
    files = [_relative(p, root) for p in root.rglob("*") if p.is_file()]
    return [
        f"missing: {what}"
        for what, pattern in wanted.items()
        if not any(fnmatch.fnmatchcase(f, pattern) or fnmatch.fnmatchcase(f, f"*/{pattern}") for f in files)
    ]


def check_bundle(root: Path, platform: str = sys.platform, modules: Iterable[str] | None = None) -> list[str]:
    """Every problem found in the bundle at ``root`` (empty when it passes)."""
    if not root.is_dir():
        return [f"not a folder: {root}"]
    problems = forbidden_files(root)
    found = archived_modules(root) if modules is None else list(modules)
    for module in sorted(set(found or ())):
        why = forbidden_module(module)
        if why:
            problems.append(f"{why} in the archive: {module}")
    return problems + missing_pieces(root, platform)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("dist_dir", type=Path, help="the bundle folder, e.g. dist/branchvault")
    parser.add_argument("--platform", default=sys.platform, choices=sorted(DESKTOP_PLATFORM_PLUGIN))
    args = parser.parse_args(argv)
    problems = check_bundle(args.dist_dir, args.platform)
    if problems:
        print(f"{args.dist_dir}: {len(problems)} problem(s):")
        for problem in problems:
            print(f"  - {problem}")
        return 1
    print(
        f"{args.dist_dir}: OK (no tests, HQ code or client data; fonts, notices, translations, Qt, pdfium present)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
