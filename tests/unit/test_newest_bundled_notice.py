"""The bundled notice in force is the one with the latest effective date, not the last version name
in text order ("v10" sorts before "v2"); blank forms from the CLI, the self-test and the first
install all take it."""

from __future__ import annotations

from pathlib import Path

from desktop_app.store.notice_files import NOTICES_DIR, bundled_versions, newest_bundled

BUNDLED = (NOTICES_DIR / "2026-11-v1.toml").read_text(encoding="utf-8")


def _write(directory: Path, version: str, effective: str) -> None:
    text = BUNDLED.replace('version = "2026-11-v1"', f'version = "{version}"').replace(
        'effective = "2026-11-30"', f'effective = "{effective}"'
    )
    (directory / f"{version}.toml").write_text(text, encoding="utf-8")


def test_the_latest_effective_date_wins_over_text_order(tmp_path: Path) -> None:
    _write(tmp_path, "v2", "2027-01-01")
    _write(tmp_path, "v10", "2027-06-01")
    assert bundled_versions(tmp_path)[-1] == "v2"  # what text order would have picked
    newest = newest_bundled(tmp_path)
    assert newest is not None and newest.version == "v10"


def test_no_bundled_notice_is_none(tmp_path: Path) -> None:
    assert newest_bundled(tmp_path) is None
