"""Layering rules, checked on the source (every import statement, including those inside functions)
and on what importing a module really loads.

- domain, store and services never import Qt (PySide6/shiboken6): they run in the CLI, in
  tests and in worker threads without a GUI. The only Qt in the CLI is a child process started by
  ``branchvault self-test`` (desktop_app/cli/self_test.py).
- domain is pure: no database driver, no keyring or file-format libraries, and none of the
  project's I/O layers (store, services, documents, ui, cli).
- a lower layer never imports a higher one: store does not import services, ui or cli; services
  do not import ui or cli.
- the GUI never touches the store: ``ui`` reaches data and files through services (or domain values).
- documents render what they are given: no store, no services, no GUI.
- the HQ work's rules hold from the day its packages appear: ``sync`` (outbox, HQ client) never
  imports the GUI; ``hq`` (the HQ service) imports only the domain (and itself); and nothing in the
  app imports ``hq``. A rule for a package that does not exist yet is checked on an empty list.
- the HQ service's libraries (the ``[hq]`` extra: FastAPI, Starlette, uvicorn, SQLAlchemy, Alembic,
  psycopg, Jinja2, pydantic, python-multipart) are loaded by no module of the branch app, so
  PyInstaller never follows an import into them; and the HQ service loads no Qt.
"""

from __future__ import annotations

import ast
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "desktop_app"

QT = ("PySide6", "shiboken6")
FORBIDDEN: dict[str, tuple[str, ...]] = {
    "domain": (
        *QT,
        "sqlite3",
        "sqlcipher3",
        "keyring",
        "filelock",
        "platformdirs",
        "reportlab",
        "desktop_app.store",
        "desktop_app.services",
        "desktop_app.documents",
        "desktop_app.ui",
        "desktop_app.cli",
    ),
    "store": (*QT, "desktop_app.services", "desktop_app.ui", "desktop_app.cli", "desktop_app.hq"),
    "services": (*QT, "desktop_app.ui", "desktop_app.cli", "desktop_app.hq"),
    "documents": (
        *QT,
        "desktop_app.store",
        "desktop_app.services",
        "desktop_app.ui",
        "desktop_app.cli",
        "desktop_app.hq",
    ),
    "ui": ("desktop_app.store", "desktop_app.hq"),
    "cli": ("desktop_app.hq",),
    # the HQ client: transport and request building on the domain; the outbox's database work is
    # the services' (services/hq_sync.py)
    "sync": (
        *QT,
        "desktop_app.store",
        "desktop_app.services",
        "desktop_app.documents",
        "desktop_app.ui",
        "desktop_app.cli",
        "desktop_app.hq",
    ),
}
EXISTING_LAYERS = ("domain", "store", "services", "documents", "ui", "cli", "sync")
HQ = "hq"
HQ_MAY_IMPORT = ("desktop_app.domain", "desktop_app.hq")  # the HQ service shares only the domain


@dataclass(frozen=True)
class Import:
    path: Path
    line: int
    module: str


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(path: Path, source: str | None = None) -> list[Import]:
    """Every module an ``import``/``from ... import`` anywhere in the file names (relative imports
    resolved; ``from a import b`` yields both ``a`` and ``a.b``), plus ``importlib.import_module`` and
    ``__import__`` calls with a constant name."""
    tree = ast.parse(source if source is not None else path.read_text(encoding="utf-8"), filename=str(path))
    package = module_name(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    found: list[Import] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [Import(path, node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)]
                module = ".".join([*base, *([node.module] if node.module else [])])
            else:
                module = node.module or ""
            found.append(Import(path, node.lineno, module))
            found += [Import(path, node.lineno, f"{module}.{alias.name}") for alias in node.names]
        elif isinstance(node, ast.Call) and node.args:
            func = node.func
            name = (
                func.attr
                if isinstance(func, ast.Attribute)
                else func.id
                if isinstance(func, ast.Name)
                else ""
            )
            first = node.args[0]
            if name in ("import_module", "__import__") and isinstance(first, ast.Constant):
                if isinstance(first.value, str):
                    found.append(Import(path, node.lineno, first.value))
    return found


def _within(module: str, prefixes: tuple[str, ...]) -> bool:
    return any(module == prefix or module.startswith(prefix + ".") for prefix in prefixes)


def violations(layer: str, files: list[Path] | None = None, source: str | None = None) -> list[str]:
    problems = []
    for path in files if files is not None else sorted((PACKAGE / layer).rglob("*.py")):
        for imp in imports_of(path, source):
            if layer == HQ:
                bad = imp.module.startswith("desktop_app") and not _within(imp.module, HQ_MAY_IMPORT)
            else:
                bad = _within(imp.module, FORBIDDEN[layer])
            if bad:
                problems.append(f"{path.relative_to(ROOT)}:{imp.line} imports {imp.module}")
    return problems


@pytest.mark.parametrize("layer", sorted([*FORBIDDEN, HQ]))
def test_layer_imports(layer: str) -> None:
    files = sorted((PACKAGE / layer).rglob("*.py"))
    if layer in EXISTING_LAYERS:
        assert files, f"no modules found in desktop_app/{layer}"
    assert violations(layer) == []


def test_the_app_never_imports_the_hq_service() -> None:
    """Every module outside desktop_app/hq, the top-level ones and future packages included."""
    outside = [p for p in sorted(PACKAGE.rglob("*.py")) if p.relative_to(PACKAGE).parts[0] != HQ]
    found = [
        f"{path.relative_to(ROOT)}:{imp.line} imports {imp.module}"
        for path in outside
        for imp in imports_of(path)
        if _within(imp.module, ("desktop_app.hq",))
    ]
    assert found == []


@pytest.mark.parametrize(
    ("layer", "source", "expected"),
    [
        ("services", "def f():\n    from PySide6 import __version__\n", "PySide6"),
        ("services", "class A:\n    def f(self):\n        import PySide6.QtCore\n", "PySide6.QtCore"),
        ("store", "import importlib\nimportlib.import_module('PySide6.QtWidgets')\n", "PySide6.QtWidgets"),
        ("domain", "if True:\n    import sqlite3\n", "sqlite3"),
        ("domain", "try:\n    import sqlcipher3\nexcept ImportError:\n    pass\n", "sqlcipher3"),
        ("domain", "from ..store import database\n", "desktop_app.store"),
        ("domain", "from desktop_app import services\n", "desktop_app.services"),
        ("store", "from desktop_app.services.context import AppContext\n", "desktop_app.services.context"),
        ("services", "from desktop_app.ui import main_window\n", "desktop_app.ui"),
        (
            "ui",
            "def f():\n    from desktop_app.store.output_paths import write_output\n",
            "desktop_app.store.output_paths",
        ),
        ("ui", "from desktop_app import store\n", "desktop_app.store"),
        (
            "documents",
            "from desktop_app.store.branch_config import BranchConfig\n",
            "desktop_app.store.branch_config",
        ),
        ("documents", "from desktop_app.services import client_requests\n", "desktop_app.services"),
        ("sync", "from desktop_app.ui.shell import Shell\n", "desktop_app.ui.shell"),
        ("sync", "import PySide6.QtCore\n", "PySide6.QtCore"),
        ("sync", "from desktop_app.store.database import Database\n", "desktop_app.store.database"),
        ("hq", "from desktop_app.store.database import Database\n", "desktop_app.store.database"),
        ("hq", "from desktop_app.services.context import AppContext\n", "desktop_app.services.context"),
        ("services", "from desktop_app.hq import app\n", "desktop_app.hq"),
        ("ui", "import desktop_app.hq.enrolment\n", "desktop_app.hq.enrolment"),
    ],
)
def test_the_checker_finds_hidden_imports(layer: str, source: str, expected: str) -> None:
    """The checker itself: imports inside functions, methods, try/if blocks, relative imports,
    ``from package import module`` and import_module() calls are all seen."""
    fake = PACKAGE / layer / "_fake_module.py"  # never written: the source is passed in
    found = violations(layer, [fake], textwrap.dedent(source))
    assert any(f"imports {expected}" in problem for problem in found), found


def test_the_checker_allows_what_is_allowed() -> None:
    source = "import json\nfrom desktop_app.domain.roles import Role\nfrom . import errors\n"
    assert violations("domain", [PACKAGE / "domain" / "_fake_module.py"], source) == []
    hq_source = (
        "import fastapi\nfrom desktop_app.domain.roles import Role\nfrom desktop_app.hq import enrolment\n"
    )
    assert violations("hq", [PACKAGE / "hq" / "_fake_module.py"], hq_source) == []
    ui_source = (
        "from desktop_app.services.output_files import write_output\nfrom desktop_app.domain import roles\n"
    )
    assert violations("ui", [PACKAGE / "ui" / "_fake_module.py"], ui_source) == []
    qt_in_a_string = "CODE = 'import PySide6'\n"  # e.g. a probe run in a child process
    assert violations("services", [PACKAGE / "services" / "_fake_module.py"], qt_in_a_string) == []


def _loaded_after(import_code: str, prefixes: tuple[str, ...]) -> list[str]:
    code = (
        "import sys\n"
        f"{import_code}\n"
        f"print('\\n'.join(sorted(m for m in sys.modules if m.startswith({prefixes!r}))))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120, check=False
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.split()


def test_importing_sign_in_loads_no_qt() -> None:
    proc = subprocess.run(
        [
            sys.executable,
            "-c",
            "import desktop_app.services.sign_in, sys; "
            "assert not any(m.startswith('PySide6') for m in sys.modules)",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr


def test_importing_every_service_store_domain_and_sync_module_loads_no_qt() -> None:
    modules = sorted(
        module_name(path)
        for layer in ("domain", "store", "services", "sync")
        for path in (PACKAGE / layer).rglob("*.py")
    )
    assert _loaded_after("\n".join(f"import {m}" for m in modules), QT) == []


def test_importing_the_domain_loads_no_database_and_no_io_layer() -> None:
    modules = sorted(module_name(path) for path in (PACKAGE / "domain").rglob("*.py"))
    loaded = _loaded_after(
        "\n".join(f"import {m}" for m in modules),
        (*QT, "sqlite3", "_sqlite3", "sqlcipher3", "keyring", "desktop_app.store", "desktop_app.services"),
    )
    assert loaded == []


HQ_LIBRARIES = (
    "fastapi",
    "starlette",
    "uvicorn",
    "sqlalchemy",
    "alembic",
    "psycopg",
    "jinja2",
    "pydantic",
    "multipart",
    "python_multipart",
)


def test_the_branch_app_never_imports_the_hq_libraries() -> None:
    outside = [p for p in sorted(PACKAGE.rglob("*.py")) if p.relative_to(PACKAGE).parts[0] != HQ]
    found = [
        f"{path.relative_to(ROOT)}:{imp.line} imports {imp.module}"
        for path in outside
        for imp in imports_of(path)
        if _within(imp.module, HQ_LIBRARIES)
    ]
    assert found == []


def test_importing_the_branch_app_loads_no_hq_library_and_the_hq_service_no_qt() -> None:
    modules = sorted(
        module_name(path)
        for path in PACKAGE.rglob("*.py")
        if path.relative_to(PACKAGE).parts[0] not in (HQ, "ui", "__main__.py")
    )
    assert _loaded_after("\n".join(f"import {m}" for m in modules), HQ_LIBRARIES) == []
    hq_modules = sorted(
        module_name(path) for path in (PACKAGE / HQ).rglob("*.py") if "migrations" not in path.parts
    )
    assert _loaded_after("\n".join(f"import {m}" for m in hq_modules), QT) == []
