"""The self-test's checks from source: consent PDF with the embedded font, the Qt child (sign-in
window, zh_CN translation), and the frozen-bundle paths (resources, .qm without lrelease, --version)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from desktop_app import resource_files
from desktop_app.cli import main as cli_main
from desktop_app.cli import self_test as cli_self_test
from desktop_app.documents.consent_form import TITLE_ZH
from desktop_app.services import self_test
from desktop_app.ui import translation_files
from tests.cli.support import assert_exit, run_cli


@pytest.fixture
def frozen_bundle(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Pretend to run inside a PyInstaller bundle unpacked at ``tmp_path``."""
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    return tmp_path


def test_blank_consent_form_renders_with_the_embedded_font() -> None:
    pdf = self_test.blank_consent_pdf()
    assert pdf.startswith(b"%PDF") and b"/FontFile2" in pdf
    pages, text, inked = self_test.pdf_first_page(pdf)
    assert 1 <= pages <= 2 and TITLE_ZH in text and inked
    fonts = self_test.check_fonts()
    assert fonts.ok and fonts.required and "font embedded: True" in fonts.detail


def test_fonts_check_fails_without_a_cjk_font(monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop_app.documents import fonts

    monkeypatch.setattr(fonts, "find_cjk_font", lambda: None)
    check = self_test.check_fonts()
    assert not check.ok and check.required and "wqy-microhei.ttc is missing" in check.detail


def test_qt_child_shows_the_sign_in_window_and_translates() -> None:
    child = cli_self_test.QtChild()
    qt = child.check_qt()
    assert qt.ok, qt
    assert "platform offscreen" in qt.detail and "sign-in window shown: True" in qt.detail
    translations = child.check_translations()
    assert translations.ok, translations
    assert "branchvault_zh_CN.qm" in translations.detail and "登录" in translations.detail


def test_the_child_runs_once_for_both_checks(monkeypatch: pytest.MonkeyPatch) -> None:
    runs: list[float] = []

    def fake_run(timeout: float) -> tuple[dict[str, object], str]:
        runs.append(timeout)
        return {
            "pyside": "6.x",
            "platform": "offscreen",
            "sign_in_visible": True,
            "translated": "Sign in to BranchVault",
            "sign_in_heading": "Sign in to BranchVault",
            "catalogue": "branchvault_zh_CN.qm",
        }, ""

    monkeypatch.setattr(cli_self_test, "_run_child", fake_run)
    child = cli_self_test.QtChild(timeout=5)
    assert child.check_qt().ok
    untranslated = child.check_translations()  # the catalogue loaded but translated nothing
    assert not untranslated.ok and runs == [5]


def test_a_failing_child_fails_qt_and_translations(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        cli_self_test,
        "child_command",
        lambda: [sys.executable, "-c", "import sys; sys.stderr.write('no display here\\n'); sys.exit(3)"],
    )
    child = cli_self_test.QtChild(timeout=30)
    qt, translations = child.check_qt(), child.check_translations()
    assert not qt.ok and qt.detail == "no display here"
    assert not translations.ok and "Qt not started: no display here" in translations.detail


def test_child_command_reinvokes_this_program(monkeypatch: pytest.MonkeyPatch) -> None:
    assert cli_self_test.child_command() == [sys.executable, "-m", "desktop_app", "self-test", "--qt-child"]
    monkeypatch.setattr(sys, "frozen", True, raising=False)  # in a bundle, sys.executable is the bundle
    assert cli_self_test.child_command() == [sys.executable, "self-test", "--qt-child"]


def test_qt_child_flag_prints_one_json_line() -> None:
    result = run_cli("self-test", "--qt-child")
    assert_exit(result, 0)
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["sign_in_visible"] is True and report["translated"] == "登录 BranchVault"


def test_resources_and_build_info_in_a_bundle(frozen_bundle: Path) -> None:
    assert resource_files.is_frozen() and resource_files.resources_dir() == frozen_bundle / "resources"
    assert resource_files.build_info() == {}  # no build_info.json: no crash
    info = {"version": "9.8.7", "commit": "abc123", "built": "2026-11-29T00:00:00Z", "python": "3.11.7"}
    (frozen_bundle / "build_info.json").write_text(json.dumps(info), encoding="utf-8")
    assert resource_files.build_info() == info
    assert cli_main.version_text() == (
        "BranchVault 9.8.7 (commit abc123, built 2026-11-29T00:00:00Z, python 3.11.7)"
    )


def test_version_from_source_is_the_package_version(capsys: pytest.CaptureFixture[str]) -> None:
    from importlib import metadata

    assert cli_main.main(["--version"]) == 0
    assert capsys.readouterr().out == f"BranchVault {metadata.version('branchvault')}\n"


def test_a_bundle_uses_its_shipped_qm_and_never_compiles(
    frozen_bundle: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(translation_files, "_compile", lambda ts, qm: pytest.fail("compiled at run time"))
    shipped = tmp_path / "i18n"
    shipped.mkdir()
    (shipped / "branchvault_zh_CN.ts").write_text("<TS/>", encoding="utf-8")  # a .ts alone is not used
    assert translation_files.compiled_catalogue("zh_CN", source_dir=shipped) is None
    (shipped / "branchvault_zh_CN.qm").write_bytes(b"qm")
    assert (
        translation_files.compiled_catalogue("zh_CN", source_dir=shipped) == shipped / "branchvault_zh_CN.qm"
    )


def test_translations_check_lists_qm_files_in_a_bundle(
    frozen_bundle: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    i18n = frozen_bundle / "resources" / "i18n"
    i18n.mkdir(parents=True)
    monkeypatch.setattr(self_test, "RESOURCES", frozen_bundle / "resources")
    assert not self_test.check_translations().ok
    (i18n / "branchvault_zh_CN.qm").write_bytes(b"qm")
    check = self_test.check_translations()
    assert check.ok and check.detail == "branchvault_zh_CN.qm"
