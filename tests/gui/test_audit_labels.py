"""Every action in the README's audited-actions table has a readable label on the audit page (in
both languages): the page is read by auditors, who should not have to decode ``incident.reported``."""

from __future__ import annotations

import re
from pathlib import Path

from desktop_app.ui.audit.audit_labels import _action_labels, action_label
from desktop_app.ui.language import LanguageSwitcher

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
_FILE_NAMES = re.compile(r"\.(db|json|toml|mac|pdf)$")


def _documented_actions() -> set[str]:
    start = README.index("<!-- audited-actions")
    end = README.index("<!-- /audited-actions -->")
    names = set(re.findall(r"`([a-z_.]+)`", README[start:end]))
    return {name for name in names if "." in name and not _FILE_NAMES.search(name)}


def test_every_documented_action_has_a_label(qapp, tmp_path: Path) -> None:
    documented = _documented_actions()
    assert "audit.log_review" in documented and len(documented) > 100
    missing = sorted(name for name in documented if name not in _action_labels("en"))
    assert not missing, f"audit actions without a label in ui/audit/audit_labels.py: {missing}"
    _action_labels.cache_clear()  # computed afresh under the Chinese catalogue
    english = dict(_action_labels("en"))
    switcher = LanguageSwitcher(tmp_path / "user-settings.toml", pseudo=False)
    switcher.apply("zh_CN")
    try:
        untranslated = sorted(name for name in documented if action_label(name, "zh_CN") == english[name])
        assert action_label("audit.log_review", "zh_CN") == "审计日志定期审查已记录"
    finally:
        switcher.apply("en")
        switcher.uninstall()
        _action_labels.cache_clear()
    assert not untranslated, f"labels without a Chinese translation: {untranslated}"
