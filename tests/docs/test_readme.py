"""The README's promises stay true: two commands first, CI runs the README's test command verbatim,
and the security-defaults table matches the one table in the code."""

from __future__ import annotations

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
