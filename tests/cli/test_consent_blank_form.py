"""``branchvault consent blank-form``: a blank form of the current notice, no sign-in needed."""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import re
from pathlib import Path

import pytest

from desktop_app.cli import consent_commands
from desktop_app.cli.consent_commands import add_consent_parser, cmd_consent, run_blank_form
from desktop_app.cli.terminal import Output
from desktop_app.domain.consent_form_number import parse_form_number
from desktop_app.domain.errors import InvalidInput
from desktop_app.services import context as context_module
from desktop_app.services.context import NotInitialised, build_context
from desktop_app.store.branch_config import BranchConfig
from desktop_app.store.notice_files import bundled_versions, load_bundled
from tests.cli.support import CliBranch
from tests.documents.pdf_tools import decode_qr_codes, pdf_info, pdf_text, requires_poppler
from tests.support.branch_settings import save_branch_settings

HQ = {"hq_name": "示例地产集团总部", "hq_contact": "010-0000-0000"}


def _with_hq(config: BranchConfig) -> BranchConfig:
    """The config as it reads once the branch config holds the headquarters' name and contact."""
    if "hq_name" in BranchConfig.__dataclass_fields__:
        return dataclasses.replace(config, **HQ)  # type: ignore[arg-type]

    @dataclasses.dataclass(frozen=True)
    class WithHq(BranchConfig):
        hq_name: str = HQ["hq_name"]
        hq_contact: str = HQ["hq_contact"]

    fields = {f.name: getattr(config, f.name) for f in dataclasses.fields(BranchConfig)}
    return WithHq(**fields)


@pytest.fixture
def hq_configured(cli_branch: CliBranch) -> None:
    """IT has set the headquarters' name and contact (``config set``: the database and the file)."""
    ctx = build_context(cli_branch.data_dir)
    save_branch_settings(ctx, _with_hq(ctx.require_config()))


def namespace(data_dir: Path | None, out: Path, **extra: object) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    add_consent_parser(parser.add_subparsers(dest="command"))
    argv = ["consent", "blank-form", "--out", str(out)]
    if data_dir is not None:
        argv += ["--data-dir", str(data_dir)]
    for name, value in extra.items():
        argv += [f"--{name}", str(value)] if value is not True else [f"--{name}"]
    return parser.parse_args(argv)


@requires_poppler
@pytest.mark.usefixtures("hq_configured")
def test_blank_form_is_written_without_sign_in(
    cli_branch: CliBranch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "blank.pdf"
    args = namespace(cli_branch.data_dir, out, json=True)
    assert args.consent_command == "blank-form" and args.language == "zh_CN"
    assert run_blank_form(args, Output(args.json)) == 0
    result = json.loads(capsys.readouterr().out)
    notice = load_bundled(bundled_versions()[-1])
    number = parse_form_number(result["form_number"])
    assert number.branch_code == "SZ001" and str(number) == result["form_number"]
    assert result["notice_version"] == notice.version and result["content_hash"] == notice.content_hash
    pdf = out.read_bytes()
    if os.name == "posix":
        assert out.stat().st_mode & 0o777 == 0o600
    text = re.sub(r"\s+", "", pdf_text(pdf, tmp_path))
    assert "示例地产经纪有限公司" in text and "示例地产集团总部" in text and result["form_number"] in text
    assert "客户姓名Clientname：______" in text and "经办经纪人Agent：______" in text
    pages = int(pdf_info(pdf, tmp_path)["Pages"])
    assert pages <= 2
    assert decode_qr_codes(pdf, tmp_path, page=pages) == [f"BVFORM|{number}|{notice.version}"]


@requires_poppler
@pytest.mark.usefixtures("hq_configured")
def test_english_blank_form(
    cli_branch: CliBranch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "blank-en.pdf"
    args = namespace(cli_branch.data_dir, out, language="en")
    assert cmd_consent(args, Output(False)) == 0
    assert "Blank consent form written" in capsys.readouterr().out
    text = re.sub(r"\s+", " ", pdf_text(out.read_bytes(), tmp_path))
    assert "Notice on the Processing of Personal Information" in text
    assert "7. Your rights and how to exercise them" in text and "个人信息处理告知书" in text


def test_without_headquarters_details_nothing_is_written(
    cli_branch: CliBranch, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = context_module.load_config
    if "hq_name" in BranchConfig.__dataclass_fields__:
        blank = {"hq_name": "", "hq_contact": ""}
        monkeypatch.setattr(
            context_module, "load_config", lambda path: dataclasses.replace(real(path), **blank)
        )
    out = tmp_path / "blank.pdf"
    with pytest.raises(InvalidInput) as raised:
        run_blank_form(namespace(cli_branch.data_dir, out), Output(False))
    assert "总部名称" in raised.value.zh and "headquarters name" in raised.value.en
    assert not out.exists()


def test_refused_without_a_branch(tmp_path: Path) -> None:
    out = tmp_path / "blank.pdf"
    with pytest.raises(NotInitialised):
        run_blank_form(namespace(tmp_path / "empty", out), Output(False))
    assert not out.exists()


def test_refused_for_an_output_folder_that_does_not_exist(cli_branch: CliBranch, tmp_path: Path) -> None:
    with pytest.raises(InvalidInput) as raised:
        run_blank_form(namespace(cli_branch.data_dir, tmp_path / "missing" / "x.pdf"), Output(False))
    assert "无法写入" in raised.value.zh


def test_language_is_checked_by_the_parser(tmp_path: Path) -> None:
    with pytest.raises(SystemExit):
        namespace(None, tmp_path / "x.pdf", language="fr")
    assert consent_commands.LANGUAGES == ("zh_CN", "en")
