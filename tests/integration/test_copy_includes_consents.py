"""The client's own copy (PIPL Art. 45) holds the history of their consents: every form answer and
withdrawal, with the form number, in the PDF (read with pdftotext) and in the JSON."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path

from desktop_app.domain.branch_time import branch_day
from desktop_app.domain.client_record import ClientDraft
from desktop_app.domain.roles import Role
from desktop_app.services.client_consents import withdraw_consent
from desktop_app.services.client_intake import create_client
from desktop_app.services.client_requests import complete_copy, register_request
from desktop_app.services.signed_in import SignedIn
from tests.consent_support import signed_form

SignIn = Callable[[Role], SignedIn]


def test_the_copy_lists_each_consent_answer_and_withdrawal(signed_in: SignIn, tmp_path: Path) -> None:
    manager, agent = signed_in(Role.MANAGER), signed_in(Role.AGENT)
    form = signed_form(agent, sensitive=False, hq=True, marketing=True)
    client = create_client(
        agent, ClientDraft(name="欧阳春花", phone="13987654321", stage="visiting"), consent=form
    )
    withdraw_consent(agent, client.id, "marketing_contact", note="客户来电要求")
    request = register_request(
        manager, client.id, "copy", branch_day(manager.clock()), identity_verified=True
    )

    copy = complete_copy(manager, request.id)

    consents = json.loads(copy.json)["consents"]
    assert [(c["purpose"], c["event"]) for c in consents] == [
        ("sensitive_data", "refused"),
        ("hq_sharing", "granted"),
        ("marketing_contact", "granted"),
        ("marketing_contact", "withdrawn"),
    ]
    assert {c["form_number"] for c in consents[:3]} == {form.form_number} and consents[3][
        "form_number"
    ] is None
    path = tmp_path / "copy.pdf"
    path.write_bytes(copy.pdf)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True, text=True).stdout
    assert "同意记录" in text and form.form_number in text
    assert text.count("已撤回") == 1 and "电话/短信营销联系" in text
