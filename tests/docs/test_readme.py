"""The README's promises stay true: two commands first, CI runs the README's test command verbatim,
and the security-defaults table matches the one table in the code."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from desktop_app.domain.security_policy import as_table

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _code_blocks() -> list[str]:
    return [block.strip() for block in re.findall(r"```sh\n(.*?)```", README, flags=re.S)]


def test_readme_opens_with_run_and_test_commands() -> None:
    first_heading = README.index("\n## ")
    blocks = re.findall(r"```sh\n(.*?)```", README[:first_heading], flags=re.S)
    assert len(blocks) == 2
    run, test = (b.strip() for b in blocks)
    assert run.endswith("branchvault demo")
    assert "pytest" in test


def test_ci_runs_the_readme_test_command_verbatim() -> None:
    test_command = _code_blocks()[1]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert test_command in ci.splitlines()


def test_security_table_matches_code() -> None:
    rows = re.findall(r"^\| `(\w+)` \| ([^|]+) \| ([^|]+) \|$", README, flags=re.M)
    documented = {name: (default.strip(), doc.strip()) for name, default, doc in rows}
    for name, default, doc in as_table():
        assert name in documented, f"{name} missing from README"
        assert documented[name] == (str(default), doc)


def test_debian_packages_listed_for_tests_exist_in_setup_script() -> None:
    script = (ROOT / "tests" / "setup-test-env.sh").read_text(encoding="utf-8")
    assert "tests/debian-packages.txt" in script
    packages = [
        line.strip()
        for line in (ROOT / "tests" / "debian-packages.txt").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert {"gnome-keyring", "poppler-utils", "dbus"} <= set(packages)


# --- what the audit log records ---------------------------------------------------------------------

_AUDIT_CALLS = {"record", "denials_audited", "_audit", "record_failure_event", "_event", "append"}
_ACTION = re.compile(r"[a-z_]+(\.[a-z_]+)+")
_AUDITED_LAYERS = ("services", "store")


def _documented_actions() -> set[str]:
    start = README.index("<!-- audited-actions")
    end = README.index("<!-- /audited-actions -->")
    return {name for name in re.findall(r"`([a-z_.]+)`", README[start:end]) if "." in name}


def _actions_in_code() -> set[str]:
    """Every action name the services and store pass to the audit log: a string (or a module
    constant holding one) given as the action of record(), denials_audited() and the other audit
    writers, or as the default of a parameter named ``action``; an f-string gives its prefix + ``*``."""
    trees = [
        ast.parse(path.read_text(encoding="utf-8"))
        for layer in _AUDITED_LAYERS
        for path in sorted((ROOT / "desktop_app" / layer).rglob("*.py"))
    ]
    constants: dict[str, str] = {}
    for tree in trees:
        for node in tree.body:
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant):
                for target in node.targets:
                    if isinstance(target, ast.Name) and isinstance(node.value.value, str):
                        constants[target.id] = node.value.value

    def names_of(node: ast.expr | None) -> list[str]:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return [node.value]
        if isinstance(node, ast.Name):
            return [constants[node.id]] if node.id in constants else []
        if isinstance(node, ast.IfExp):
            return names_of(node.body) + names_of(node.orelse)
        if isinstance(node, ast.JoinedStr) and node.values and isinstance(node.values[0], ast.Constant):
            return [f"{node.values[0].value}*"]
        return []

    found: set[str] = set()
    for tree in trees:
        for node in ast.walk(tree):
            given: list[ast.expr | None] = []
            if isinstance(node, ast.Call):
                func = node.func
                called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                if called in _AUDIT_CALLS:
                    given = node.args[1:2] + [k.value for k in node.keywords if k.arg == "action"]
            elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):  # def f(..., action=DEFAULT)
                args = node.args.args + node.args.kwonlyargs
                defaults = [None] * (len(node.args.args) - len(node.args.defaults)) + node.args.defaults
                defaults += node.args.kw_defaults
                given = [d for a, d in zip(args, defaults, strict=True) if a.arg == "action"]
            elif isinstance(node, ast.Assign):  # action = "..." then passed on as action
                if any(isinstance(t, ast.Name) and t.id == "action" for t in node.targets):
                    given = [node.value]
            for expr in given:
                for name in names_of(expr):
                    if _ACTION.fullmatch(name[:-1] + "x" if name.endswith("*") else name):
                        found.add(name)
    return found


def test_the_scan_finds_the_audit_writers() -> None:
    """The scan below is not vacuous: actions written in each of its ways are found."""
    found = _actions_in_code()
    assert {"client.create", "config.edit", "client.reveal", "auth.lockout", "signin_state.*"} <= found


def test_every_audited_action_is_documented_and_every_documented_one_exists() -> None:
    documented = _documented_actions()
    in_code = _actions_in_code()
    missing = {
        name
        for name in in_code
        if (
            name not in documented
            if not name.endswith("*")
            else not any(d.startswith(name[:-1]) for d in documented)
        )
    }
    assert not missing, f"audited in the code but not listed in the README: {sorted(missing)}"
    sources = "\n".join(
        path.read_text(encoding="utf-8")
        for layer in _AUDITED_LAYERS
        for path in (ROOT / "desktop_app" / layer).rglob("*.py")
    )
    prefixes = [name[:-1] for name in in_code if name.endswith("*")]
    invented = {
        name
        for name in documented
        if f'"{name}"' not in sources and not any(name.startswith(prefix) for prefix in prefixes)
    }
    assert not invented, f"listed in the README but never written to the audit log: {sorted(invented)}"


def test_the_readme_no_longer_claims_every_access_is_audited() -> None:
    assert "every access" not in README
    assert "name searches are not" in README


def test_programme_settings_table_matches_code() -> None:
    from desktop_app.domain.programme_policy import programme_settings_table

    rows = re.findall(r"^\| `(\w+)` \| ([^|]+) \| ([^|]+) \|$", README, flags=re.M)
    documented = {name: (default.strip(), doc.strip()) for name, default, doc in rows}
    for name, default, doc in programme_settings_table():
        assert name in documented, f"{name} missing from README"
        assert documented[name] == (str(default) if default != "" else "(none)", doc)
