"""docs/hq-service.md stays true: every ``branchvault-hq`` command in its shell blocks parses with
the real CLI, and the API table names the endpoints the app serves."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

from desktop_app.hq.app import create_app
from desktop_app.hq.cli import build_parser
from desktop_app.hq.settings import HqSettings, database_url

ROOT = Path(__file__).resolve().parents[2]
DOC = (ROOT / "docs" / "hq-service.md").read_text(encoding="utf-8")


def documented_commands() -> list[list[str]]:
    commands = []
    for block in re.findall(r"```sh\n(.*?)```", DOC, flags=re.S):
        for line in block.splitlines():
            words = shlex.split(line)
            for i, word in enumerate(words):
                if word.rsplit("/", 1)[-1] == "branchvault-hq" and not words[i - 1 : i] == ["--data-dir"]:
                    commands.append(words[i + 1 :])
                    break
    return commands


def test_every_documented_command_parses() -> None:
    commands = documented_commands()
    assert any(c[0] == "serve" and "--data-dir" in c for c in commands)  # the one start command
    assert any(c[0] == "serve" and "--db" in c for c in commands)
    for command in commands:
        build_parser().parse_args(command)


def test_the_documented_endpoints_exist(tmp_path: Path) -> None:
    app = create_app(HqSettings(db_url=database_url(tmp_path, None)))
    served = {getattr(route, "path", "") for route in app.routes}
    for path in re.findall(r"`(?:GET|POST) (/[^` ]+)`", DOC):
        assert path in served, path
    app.state.hq.engine.dispose()
