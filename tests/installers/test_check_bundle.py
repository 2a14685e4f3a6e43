"""installers/check_bundle.py on small fake bundle folders (no PyInstaller build)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _load_checker() -> ModuleType:
    spec = importlib.util.spec_from_file_location("check_bundle", ROOT / "installers" / "check_bundle.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["check_bundle"] = module
    spec.loader.exec_module(module)
    return module


check_bundle = _load_checker()

GOOD_FILES = (
    "branchvault",
    "_internal/build_info.json",
    "_internal/resources/fonts/wqy-microhei.ttc",
    "_internal/resources/notices/2026-11-v1.toml",
    "_internal/resources/training/2026-12/01-pipl-basics.toml",
    "_internal/resources/i18n/branchvault_zh_CN.qm",
    "_internal/resources/i18n/branchvault_en.qm",
    "_internal/PySide6/Qt/plugins/platforms/libqoffscreen.so",
    "_internal/PySide6/Qt/plugins/platforms/libqxcb.so",
    "_internal/pypdfium2_raw/libpdfium.so",
    "_internal/reportlab/fonts/Vera.ttf",
)


def make_bundle(root: Path, files: tuple[str, ...] = GOOD_FILES) -> Path:
    for name in files:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"x")
    return root


def problems(
    root: Path, modules: tuple[str, ...] = ("desktop_app.cli.main",), platform: str = "linux"
) -> list[str]:
    return check_bundle.check_bundle(root, platform, modules)


def test_a_complete_clean_bundle_passes(tmp_path: Path) -> None:
    assert problems(make_bundle(tmp_path)) == []


@pytest.mark.parametrize(
    ("stray", "kind"),
    [
        ("_internal/tests/__init__.py", "test or dev-tool folder: _internal/tests"),
        ("_internal/desktop_app/test_sign_in.py", "test file: _internal/desktop_app/test_sign_in.py"),
        ("_internal/conftest.py", "test file: _internal/conftest.py"),
        ("_internal/pytest/__init__.pyc", "test or dev-tool folder: _internal/pytest"),
        ("_internal/hypothesis/core.pyc", "test or dev-tool folder: _internal/hypothesis"),
        ("_internal/hq_service/app.py", "HQ service folder: _internal/hq_service"),
        ("_internal/desktop_app/hq/server.py", "HQ service source: _internal/desktop_app/hq/server.py"),
        ("_internal/sqlalchemy/cyextension/util.so", "HQ service library folder: _internal/sqlalchemy"),
        ("_internal/pydantic_core/_pydantic_core.so", "HQ service library folder: _internal/pydantic_core"),
        ("_internal/psycopg_binary/_psycopg.so", "HQ service library folder: _internal/psycopg_binary"),
        (
            "_internal/psycopg_binary.libs/libpq.so.5",
            "HQ service library folder: _internal/psycopg_binary.libs",
        ),
        (
            "_internal/fastapi-0.165.0.dist-info/METADATA",
            "HQ service library folder: _internal/fastapi-0.165.0.dist-info",
        ),
        ("_internal/jinja2/__init__.pyc", "HQ service library folder: _internal/jinja2"),
        ("_internal/branch.db", "database: _internal/branch.db"),
        ("_internal/branch.db-wal", "database: _internal/branch.db-wal"),
        ("_internal/cache.sqlite3", "database: _internal/cache.sqlite3"),
        ("_internal/consent-form.pdf", "PDF: _internal/consent-form.pdf"),
        ("_internal/keyslots.json", "key slots or sign-in state: _internal/keyslots.json"),
    ],
)
def test_forbidden_files_are_listed(tmp_path: Path, stray: str, kind: str) -> None:
    found = problems(make_bundle(tmp_path, (*GOOD_FILES, stray)))
    assert kind in found, found


def test_a_tests_folder_of_data_only_is_allowed(tmp_path: Path) -> None:
    assert problems(make_bundle(tmp_path, (*GOOD_FILES, "_internal/stdnum/tests/readme.txt"))) == []


@pytest.mark.parametrize(
    ("module", "why"),
    [
        ("pytest", "test or dev-tool module"),
        ("_pytest.main", "test or dev-tool module"),
        ("pytest_timeout", "test or dev-tool module"),
        ("hypothesis.strategies", "test or dev-tool module"),
        ("tests.cli.support", "test or dev-tool module"),
        ("jeepney.tests.test_bus", "test or dev-tool module"),
        ("desktop_app.hq", "HQ service module"),
        ("desktop_app.hq.server", "HQ service module"),
        ("hq_service.app", "HQ service module"),
        ("fastapi", "HQ service library"),
        ("fastapi.routing", "HQ service library"),
        ("starlette.applications", "HQ service library"),
        ("uvicorn.server", "HQ service library"),
        ("sqlalchemy.orm", "HQ service library"),
        ("alembic.command", "HQ service library"),
        ("psycopg.pq", "HQ service library"),
        ("psycopg_binary", "HQ service library"),
        ("jinja2.environment", "HQ service library"),
        ("pydantic.main", "HQ service library"),
        ("pydantic_core", "HQ service library"),
        ("multipart", "HQ service library"),
        ("python_multipart.multipart", "HQ service library"),
    ],
)
def test_forbidden_modules_in_the_archive_are_listed(tmp_path: Path, module: str, why: str) -> None:
    found = problems(make_bundle(tmp_path), modules=("desktop_app.cli.main", module))
    assert found == [f"{why} in the archive: {module}"]


def test_modules_that_only_look_alike_are_allowed() -> None:
    for module in (
        "desktop_app.cli.self_test",
        "desktop_app.domain.hq_consent",
        "unittest.case",
        "reportlab",
        "httpx",  # the branch's HQ client (sync) is part of the app
        "httpcore",
        "sqlcipher3",
        "desktop_app.domain.hq_summary.canonical",
        "markupsafe",
    ):
        assert check_bundle.forbidden_module(module) is None, module


@pytest.mark.parametrize(
    ("missing", "what"),
    [
        ("_internal/resources/fonts/wqy-microhei.ttc", "the CJK font"),
        ("_internal/resources/notices/2026-11-v1.toml", "the privacy notices"),
        ("_internal/resources/training/2026-12/01-pipl-basics.toml", "the privacy training"),
        ("_internal/resources/i18n/branchvault_zh_CN.qm", "the Chinese translation"),
        ("_internal/resources/i18n/branchvault_en.qm", "the English translation"),
        ("_internal/PySide6/Qt/plugins/platforms/libqoffscreen.so", "Qt's offscreen platform plugin"),
        ("_internal/PySide6/Qt/plugins/platforms/libqxcb.so", "Qt's xcb platform plugin"),
        ("_internal/pypdfium2_raw/libpdfium.so", "the pdfium library"),
        ("_internal/build_info.json", "build_info.json"),
    ],
)
def test_missing_pieces_are_listed(tmp_path: Path, missing: str, what: str) -> None:
    found = problems(make_bundle(tmp_path, tuple(f for f in GOOD_FILES if f != missing)))
    assert len(found) == 1 and found[0].startswith(f"missing: {what}"), found


def test_windows_needs_its_own_plugin_and_pdfium_name(tmp_path: Path) -> None:
    found = problems(make_bundle(tmp_path), platform="win32")
    assert any("windows platform plugin" in p for p in found) and any("pdfium" in p for p in found)


def test_the_command_exits_1_with_a_list_and_0_when_clean(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(check_bundle, "archived_modules", lambda root: ["hypothesis"])
    bad = make_bundle(tmp_path / "bad", (*GOOD_FILES, "_internal/demo.db"))
    assert check_bundle.main([str(bad), "--platform", "linux"]) == 1
    out = capsys.readouterr().out
    assert "2 problem(s)" in out and "  - database: _internal/demo.db" in out and "hypothesis" in out
    monkeypatch.setattr(check_bundle, "archived_modules", lambda root: [])
    assert check_bundle.main([str(make_bundle(tmp_path / "good")), "--platform", "linux"]) == 0
    assert check_bundle.main([str(tmp_path / "absent"), "--platform", "linux"]) == 1


# --- size (issue 11: the Linux bundle was 253 MB; at most 150 MB, and it must not creep back) ---


def _elf_with_sections(path: Path, names: tuple[str, ...], size: int) -> Path:
    """A minimal 64-bit little-endian ELF file whose section header table names ``names``,
    padded to ``size`` bytes (enough for elf_sections; not a loadable library)."""
    import struct

    strtab = b"\0" + b"".join(n.encode() + b"\0" for n in (*names, ".shstrtab"))
    sections = [struct.pack("<IIQQQQIIQQ", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)]
    offset, strtab_at = 1, 64
    for name in (*names, ".shstrtab"):
        kind = 3 if name == ".shstrtab" else 1
        at, length = (strtab_at, len(strtab)) if kind == 3 else (0, 0)
        sections.append(struct.pack("<IIQQQQIIQQ", offset, kind, 0, 0, at, length, 0, 0, 1, 0))
        offset += len(name) + 1
    shoff = strtab_at + len(strtab)
    ident = b"\x7fELF" + bytes([2, 1, 1]) + bytes(9)
    header = ident + struct.pack(
        "<HHIQQQIHHHHHH", 3, 62, 1, 0, 0, shoff, 0, 64, 0, 0, 64, len(sections), len(sections) - 1
    )
    body = header + strtab + b"".join(sections)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(body + b"\0" * max(0, size - len(body)))
    return path


def test_elf_sections_are_read_from_the_section_header_table(tmp_path: Path) -> None:
    elf = _elf_with_sections(tmp_path / "lib.so", (".text", ".debug_info", ".symtab"), 4096)
    assert {".text", ".debug_info", ".symtab", ".shstrtab"} <= check_bundle.elf_sections(elf)
    assert check_bundle.elf_sections(make_bundle(tmp_path / "b") / "branchvault") == set()


def test_a_binary_with_debug_information_is_refused(tmp_path: Path) -> None:
    root = make_bundle(tmp_path)
    _elf_with_sections(root / "_internal/libpython3.11.so.1.0", (".text", ".debug_info"), 100_000)
    _elf_with_sections(root / "_internal/libstripped.so", (".text",), 100_000)
    assert problems(root) == [
        "binary with debug information (not stripped): _internal/libpython3.11.so.1.0 (0.1 MB)"
    ]


def test_the_linux_ceiling_is_150_mb_and_a_larger_bundle_is_refused(tmp_path: Path) -> None:
    assert check_bundle.DEFAULT_MAX_MB["linux"] == 150
    root = make_bundle(tmp_path)
    with (root / "_internal/big.bin").open("wb") as f:
        f.truncate(151 * check_bundle.MB)  # sparse: the check adds up file sizes, as du --apparent-size
    assert problems(root) == ["bundle too large: 151.0 MB, ceiling 150 MB"]
    assert check_bundle.check_bundle(root, "linux", ("desktop_app.cli.main",), max_mb=200) == []


@pytest.mark.parametrize(
    ("stray", "kind"),
    [
        ("_internal/PIL/_avif.cpython-311-x86_64-linux-gnu.so", "Pillow optional module"),
        ("_internal/PIL/_imagingft.cpython-311-x86_64-linux-gnu.so", "Pillow optional module"),
        ("_internal/pillow.libs/libavif-c6062d5f.so.16.4.2", "Pillow optional library"),
        ("_internal/PySide6/Qt/translations/qt_de.qm", "Qt translation other than Chinese"),
        ("_internal/PySide6/Qt/translations/qtbase_ja.qm", "Qt translation other than Chinese"),
        ("_internal/PySide6/Qt/plugins/platforms/libqvnc.so", "unused Qt plugin"),
        ("_internal/PySide6/Qt/plugins/generic/libqevdevmouseplugin.so", "unused Qt plugin"),
        ("_internal/PySide6/Qt/lib/libQt6Network.so.6", "unused Qt library"),
        ("_internal/libcups.so.2", "system printing library (the desktop's own, Depends: libcups2)"),
        ("_internal/libgnutls.so.30", "system printing library (the desktop's own, Depends: libcups2)"),
        ("_internal/stdnum/oui.dat", "python-stdnum data the app never reads"),
        ("_internal/stdnum/eu/nace21.dat", "python-stdnum data the app never reads"),
    ],
)
def test_pieces_the_app_never_loads_are_refused(tmp_path: Path, stray: str, kind: str) -> None:
    found = problems(make_bundle(tmp_path, (*GOOD_FILES, stray)))
    assert found == [f"{kind}: {stray}"]


def test_what_the_app_loads_stays_allowed(tmp_path: Path) -> None:
    kept = (
        "_internal/PySide6/Qt/translations/qtbase_zh_CN.qm",
        "_internal/PySide6/Qt/translations/qt_zh_CN.qm",
        "_internal/PIL/_imaging.cpython-311-x86_64-linux-gnu.so",
        "_internal/pillow.libs/libjpeg-6dc8d115.so.62.4.0",
        "_internal/PySide6/Qt/plugins/platforms/libqwayland.so",
        "_internal/PySide6/Qt/plugins/printsupport/libcupsprintersupport.so",
        "_internal/PySide6/Qt/plugins/imageformats/libqjpeg.so",
        "_internal/libcrypto.so.3",
        "_internal/stdnum/cn/loc.dat",  # stdnum.cn.ric's birth places
    )
    assert problems(make_bundle(tmp_path, (*GOOD_FILES, *kept))) == []


def test_the_full_icu_data_library_is_refused(tmp_path: Path) -> None:
    root = make_bundle(tmp_path)
    (root / "_internal/PySide6/Qt/lib").mkdir(parents=True)
    with (root / "_internal/PySide6/Qt/lib/libicudata.so.73").open("wb") as f:
        f.truncate(31 * check_bundle.MB)
    found = problems(root)
    assert len(found) == 1 and found[0].startswith("ICU data library larger than 8 MB"), found


def test_a_dangling_link_is_refused(tmp_path: Path) -> None:
    root = make_bundle(tmp_path)
    (root / "_internal/libQt6Network.so.6").symlink_to("PySide6/Qt/lib/libQt6Network.so.6")
    assert problems(root) == ["dangling link: _internal/libQt6Network.so.6"]
