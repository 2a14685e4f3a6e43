"""Attacks on the survey QR code: a local administrator edits ``branch.toml`` in a text editor so
that the consent forms clients take home point at a site of theirs ("rate us and win a prize:
enter your ID number"), or adds a link where IT set none.

The survey address is part of the branch identity kept in the encrypted database: the edit is
detected at the next sign-in, audited as ``config.file_tampered``, undone, and every form printed
carries the address IT set. Checked against the protection: with ``survey_url`` left out of
``IDENTITY_FIELDS`` (domain/branch_settings.py) both tests fail (the forged address is printed).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from desktop_app.domain.roles import Role
from desktop_app.services.client_consents import print_blank_form
from desktop_app.services.sign_in import sign_in, sign_out
from desktop_app.store.branch_config import load_config
from tests.attack.test_config_tampering import actions, edit_branch_toml
from tests.conftest import Branch
from tests.documents.pdf_tools import decode_qr_codes, pdf_info, requires_poppler
from tests.support.branch_settings import save_branch_settings

GENUINE = "https://www.wjx.cn/vm/genuine.aspx"
FORGED = "https://rate-and-win.example.net/form?prize=1"
HQ = {"hq_name": "示例地产集团总部", "hq_contact": "021-1"}


def _codes_on_the_last_page(pdf: bytes, tmp_path: Path) -> list[str]:
    return decode_qr_codes(pdf, tmp_path, page=int(pdf_info(pdf, tmp_path)["Pages"]))


@requires_poppler
def test_a_forged_survey_address_in_the_file_is_undone_and_never_printed(
    branch: Branch, tmp_path: Path
) -> None:
    save_branch_settings(branch.ctx, replace(branch.ctx.require_config(), survey_url=GENUINE, **HQ))
    edit_branch_toml(branch.ctx.paths.config, "branch", survey_url=FORGED)

    agent = sign_in(branch.context(), *branch.users[Role.AGENT])
    codes = _codes_on_the_last_page(print_blank_form(agent).pdf, tmp_path)
    assert GENUINE in codes and FORGED not in codes
    [entry] = actions(agent, "config.file_tampered")
    assert entry.details["values"]["branch.survey_url"] == {"file": FORGED, "database": GENUINE}
    sign_out(agent)
    assert load_config(branch.ctx.paths.config).survey_url == GENUINE


@requires_poppler
def test_a_survey_address_added_where_it_set_none_is_removed(branch: Branch, tmp_path: Path) -> None:
    save_branch_settings(branch.ctx, replace(branch.ctx.require_config(), **HQ))
    edit_branch_toml(branch.ctx.paths.config, "branch", survey_url=FORGED)

    agent = sign_in(branch.context(), *branch.users[Role.AGENT])
    codes = _codes_on_the_last_page(print_blank_form(agent).pdf, tmp_path)
    assert all(not code.startswith("https://") for code in codes)
    assert actions(agent, "config.file_tampered")
    sign_out(agent)
