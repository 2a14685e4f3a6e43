"""The README's alert-rule table is the rule table in the code (domain/alert_rules.py)."""

from __future__ import annotations

import re
from pathlib import Path

from desktop_app.domain.alert_rules import RULES

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
KINDS = {"on_write": "on write", "periodic": "periodic pass", "raised": "raised by another part"}


def test_the_alert_rule_table_matches_the_code() -> None:
    start = README.index("<!-- alert-rules")
    end = README.index("<!-- /alert-rules -->")
    rows = re.findall(
        r"^\| `(\w+)` \| ([^|]+) \| ([^|]+) \| ([^|]+) \| ([^|]+) \|$", README[start:end], flags=re.M
    )
    documented = {code: tuple(cell.strip() for cell in cells) for code, *cells in rows}
    assert list(documented) == [rule.code for rule in RULES]
    for rule in RULES:
        settings = ", ".join(f"`{name}`" for name in rule.policy_fields) or "—"
        assert documented[rule.code] == (f"{rule.zh} / {rule.en}", KINDS[rule.kind], settings, rule.doc)
