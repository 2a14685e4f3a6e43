"""Check a PyInstaller bundle (``dist/branchvault``): nothing it must not hold, everything it needs.

Usage: ``python installers/check_bundle.py DIST_DIR [--platform linux|win32|darwin]``

Refused: test code (a ``tests`` folder or package, ``test_*.py``, ``conftest.py``, pytest, hypothesis
and the other dev tools), HQ service code (``hq_service*``, ``desktop_app.hq*``) and the HQ service's
libraries (the ``[hq]`` extra: FastAPI, Starlette, uvicorn, SQLAlchemy, Alembic, psycopg, Jinja2,
pydantic, python-multipart; the bundle is built from a venv that has them), stray client data
(``*.db``, ``*.db-wal``, ``*.db-shm``, ``*.sqlite*``, ``keyslots*.json``, ``signin-state.json*``) and
any PDF. Files are checked on disk; Python modules also inside the executable's PYZ archive when
PyInstaller is importable (it is in the dev environment that builds the bundle).
Required: the CJK font, the privacy notices, the privacy training, the compiled translations
(zh_CN and en), Qt's offscreen platform plugin plus the desktop one (xcb, windows or cocoa), the pdfium library and
``build_info.json``.

Size (issue 11: the Linux bundle was 253 MB): at most ``--max-mb`` (150 MB on Linux by default)
of files; no ELF binary with debug information (everything is collected stripped); none of the
pieces the app never loads (``UNUSED_FILES``: Pillow's optional codecs and libraries, Qt's
translations other than Chinese, Qt's embedded/VNC/framebuffer platforms and input plugins); and
Qt's ICU data library at most 8 MB (installers/linux/icu_data.py keeps what Qt uses).

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
# The HQ service's third-party libraries (top-level import names and their compiled halves).
HQ_LIBRARIES = (
    "fastapi",
    "starlette",
    "uvicorn",
    "sqlalchemy",
    "alembic",
    "psycopg",
    "psycopg_binary",
    "psycopg_c",
    "jinja2",
    "pydantic",
    "pydantic_core",
    "multipart",
    "python_multipart",
)
FORBIDDEN_FILES = {
    "test file": ("test_*.py", "test_*.pyc", "conftest.py", "conftest.pyc"),
    "database": ("*.db", "*.db-wal", "*.db-shm", "*.db-journal", "*.sqlite", "*.sqlite*"),
    "PDF": ("*.pdf",),
    "key slots or sign-in state": ("keyslots*.json", "signin-state.json*"),
}
# Pieces of the wheels the app never loads: the spec leaves them out and the check refuses them,
# so the bundle cannot grow back.
UNUSED_FILES = {
    "Pillow optional module": (
        "PIL/_avif*",
        "PIL/_webp*",
        "PIL/_imagingcms*",
        "PIL/_imagingft*",
        "PIL/_imagingtk*",
        "PIL/_imagingmath*",
        "PIL/_imagingmorph*",
    ),
    "Pillow optional library": (
        "pillow.libs/libavif*",
        "pillow.libs/libwebp*",
        "pillow.libs/libsharpyuv*",
        "pillow.libs/libharfbuzz*",
        "pillow.libs/libfreetype*",
        "pillow.libs/liblcms2*",
        "pillow.libs/libbrotli*",
    ),
    # the app uses stdnum.luhn and stdnum.cn.ric's check digit only; cn/loc.dat (birth places) stays
    "python-stdnum data the app never reads": tuple(
        f"stdnum/{name}.dat"
        for name in (
            "oui",
            "imsi",
            "cfi",
            "gs1_ai",
            "isbn",
            "isil",
            "iban",
            "at/postleitzahl",
            "at/fa",
            "eu/nace20",
            "eu/nace21",
            "nz/banks",
            "be/banks",
            "cz/banks",
            "id/loc",
            "my/bp",
            "us/ein",
        )
    ),
    "Qt translation other than Chinese": ("PySide6/Qt/translations/*",),
    "unused Qt library": (
        "PySide6/Qt/lib/libQt6Network.so*",
        "PySide6/Qt/lib/libQt6EglFSDeviceIntegration.so*",
        "PySide6/Qt/lib/libQt6EglFsKmsSupport.so*",
    ),
    "unused Qt plugin": (
        "PySide6/Qt/plugins/egldeviceintegrations/*",
        "PySide6/Qt/plugins/generic/*",
        "PySide6/Qt/plugins/platforms/libqeglfs*",
        "PySide6/Qt/plugins/platforms/libqlinuxfb*",
        "PySide6/Qt/plugins/platforms/libqminimal*",
        "PySide6/Qt/plugins/platforms/libqvnc*",
        "PySide6/Qt/plugins/platforms/libqvkkhrdisplay*",
        "PySide6/Qt/plugins/imageformats/libqicns*",
        "PySide6/Qt/plugins/imageformats/libqtga*",
        "PySide6/Qt/plugins/imageformats/libqtiff*",
        "PySide6/Qt/plugins/imageformats/libqwbmp*",
        "PySide6/Qt/plugins/imageformats/libqwebp*",
    ),
}
# The system's printing stack (libcups and the TLS, Kerberos and Avahi libraries only it needs):
# taken from the desktop (Depends: libcups2), never bundled.
SYSTEM_LIBRARIES = (
    "libcups.so*",
    "libavahi-client.so*",
    "libavahi-common.so*",
    "libgnutls.so*",
    "libhogweed.so*",
    "libnettle.so*",
    "libgmp.so*",
    "libidn2.so*",
    "libp11-kit.so*",
    "libtasn1.so*",
    "libunistring.so*",
)
KEPT_QT_TRANSLATIONS = ("qtbase_zh_CN.qm", "qt_zh_CN.qm")
DEFAULT_MAX_MB = {"linux": 150}
MAX_ICU_DATA_MB = 8
MB = 1024 * 1024
DESKTOP_PLATFORM_PLUGIN = {"linux": "xcb", "win32": "windows", "darwin": "cocoa"}
PDFIUM_NAMES = {"linux": "libpdfium.so*", "win32": "pdfium.dll", "darwin": "libpdfium.dylib"}


def _relative(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix()


def _is_dev_tool(name: str) -> bool:
    return name in DEV_TOOLS or name.startswith(DEV_TOOL_PREFIXES)


def unused_file(dest: str) -> str | None:
    """Why the bundle file at ``dest`` (relative to ``_internal``, or to the bundle root) is not
    wanted, or None. The spec uses it to leave the file out; the check refuses it."""
    name = dest.replace("\\", "/")
    name = name.split("_internal/", 1)[1] if name.startswith("_internal/") or "/_internal/" in name else name
    if name.rsplit("/", 1)[-1] in KEPT_QT_TRANSLATIONS:
        return None
    for kind, patterns in UNUSED_FILES.items():
        if any(fnmatch.fnmatchcase(name, pattern) for pattern in patterns):
            return kind
    if "/" not in name and any(fnmatch.fnmatchcase(name, pattern) for pattern in SYSTEM_LIBRARIES):
        return "system printing library (the desktop's own, Depends: libcups2)"
    return None


def elf_sections(path: Path) -> set[str]:
    """The section names of an ELF file (empty for anything else): ``.debug_info`` means debug
    information, ``.symtab`` a full symbol table; a stripped library has neither."""
    import struct

    try:
        with path.open("rb") as f:
            head = f.read(64)
            if len(head) < 64 or head[:4] != b"\x7fELF":
                return set()
            is64, order = head[4] == 2, "<" if head[5] == 1 else ">"
            if is64:
                shoff, shentsize, shnum, shstrndx = struct.unpack_from(order + "Q10xHHH", head, 40)
            else:
                shoff, shentsize, shnum, shstrndx = struct.unpack_from(order + "I10xHHH", head, 32)
            if not shoff or not shnum or shstrndx >= shnum:
                return set()
            f.seek(shoff)
            table = f.read(shentsize * shnum)
            offset_at, size_at, fmt = (24, 32, "Q") if is64 else (16, 20, "I")

            def field(index: int, at: int) -> int:
                return int(struct.unpack_from(order + fmt, table, index * shentsize + at)[0])

            f.seek(field(shstrndx, offset_at))
            names = f.read(field(shstrndx, size_at))
    except (OSError, struct.error):
        return set()
    found = set()
    for index in range(shnum):
        start = struct.unpack_from(order + "I", table, index * shentsize)[0]
        end = names.find(b"\0", start)
        found.add(names[start:end].decode("ascii", "replace"))
    return found


def size_problems(root: Path, platform: str, max_mb: float | None) -> list[str]:
    """The size ceiling, debug information, unused pieces and the ICU data library's size."""
    problems = []
    total = 0
    for path in sorted(root.rglob("*")):
        if path.is_symlink() and not path.exists():
            problems.append(f"dangling link: {_relative(path, root)}")
        if path.is_symlink() or not path.is_file():
            continue
        size = path.stat().st_size
        total += size
        rel = _relative(path, root)
        why = unused_file(rel)
        if why:
            problems.append(f"{why}: {rel}")
        if size > 64 * 1024 and ".debug_info" in elf_sections(path):
            problems.append(f"binary with debug information (not stripped): {rel} ({size / MB:.1f} MB)")
        if fnmatch.fnmatchcase(path.name, "libicudata.so*") and size > MAX_ICU_DATA_MB * MB:
            problems.append(
                f"ICU data library larger than {MAX_ICU_DATA_MB} MB (not the subset of installers/linux/icu_data.py): "
                f"{rel} ({size / MB:.1f} MB)"
            )
    ceiling = DEFAULT_MAX_MB.get(platform) if max_mb is None else max_mb
    if ceiling is not None and total > ceiling * MB:
        problems.append(f"bundle too large: {total / MB:.1f} MB, ceiling {ceiling:g} MB")
    return problems


def bundle_megabytes(root: Path) -> float:
    return sum(p.stat().st_size for p in root.rglob("*") if p.is_file() and not p.is_symlink()) / MB


def hq_library(name: str) -> bool:
    """True for an HQ library's import name, its folder, its ``.libs`` folder or its dist-info."""
    stem = name.split("-", 1)[0] if name.endswith((".dist-info", ".egg-info")) else name
    stem = stem.removesuffix(".libs").replace("-", "_").lower()
    return stem in HQ_LIBRARIES


def forbidden_module(module: str) -> str | None:
    """Why ``module`` (a dotted name) must not be in the bundle, or None."""
    parts = module.split(".")
    if hq_library(parts[0]):
        return "HQ service library"
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
            elif hq_library(path.name):
                problems.append(f"HQ service library folder: {rel}")
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
        "the privacy training (resources/training/*/*.toml)": "resources/training/*/*.toml",
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


def check_bundle(
    root: Path,
    platform: str = sys.platform,
    modules: Iterable[str] | None = None,
    max_mb: float | None = None,
) -> list[str]:
    """Every problem found in the bundle at ``root`` (empty when it passes). ``max_mb``: the size
    ceiling (None: the platform's default, ``DEFAULT_MAX_MB``)."""
    if not root.is_dir():
        return [f"not a folder: {root}"]
    problems = forbidden_files(root) + size_problems(root, platform, max_mb)
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
    parser.add_argument(
        "--max-mb",
        type=float,
        default=None,
        help="size ceiling in MB (default: 150 on Linux, none elsewhere)",
    )
    args = parser.parse_args(argv)
    problems = check_bundle(args.dist_dir, args.platform, max_mb=args.max_mb)
    if problems:
        print(f"{args.dist_dir}: {len(problems)} problem(s):")
        for problem in problems:
            print(f"  - {problem}")
        return 1
    print(
        f"{args.dist_dir}: OK, {bundle_megabytes(args.dist_dir):.1f} MB (no tests, HQ code, client data, "
        "debug information or unused pieces; fonts, notices, translations, Qt, pdfium present)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
