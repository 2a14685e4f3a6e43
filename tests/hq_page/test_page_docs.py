"""docs/hq-page.md stays true: its commands parse with the real CLI and its numbers are the page's
defaults (throttling, session lifetimes, overdue window, default period)."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

from desktop_app.hq.cli import build_parser
from desktop_app.hq.web.overview_routes import DEFAULT_PERIOD_DAYS
from desktop_app.hq.web.page_context import DEFAULT_OVERDUE_DAYS
from desktop_app.hq.web.throttle_rules import ThrottlePolicy
from desktop_app.hq.web.web_sessions import SessionPolicy

DOC = (Path(__file__).resolve().parents[2] / "docs" / "hq-page.md").read_text(encoding="utf-8")
TEXT = " ".join(DOC.split())


def test_documented_commands_parse() -> None:
    commands = [
        shlex.split(line.split("|", 1)[1])[1:]
        for block in re.findall(r"```sh\n(.*?)```", DOC, flags=re.S)
        for line in block.splitlines()
        if "branchvault-hq" in line
    ]
    assert commands
    for command in commands:
        build_parser().parse_args(command)


def test_documented_numbers_are_the_defaults() -> None:
    throttle, sessions = ThrottlePolicy(), SessionPolicy()
    minutes = int(throttle.window.total_seconds() // 60)
    assert (
        f"{throttle.max_failures_per_username} failed sign-ins for one username, or "
        f"{throttle.max_failures_per_address} from one client address, within {minutes} minutes"
    ) in TEXT
    assert f"after {int(sessions.idle.total_seconds() // 60)} minutes without a" in TEXT
    assert f"or {int(sessions.absolute.total_seconds() // 3600)} hours after sign-in" in TEXT
    assert f"default {DEFAULT_OVERDUE_DAYS})" in TEXT
    assert f"default the last {DEFAULT_PERIOD_DAYS} days" in TEXT
