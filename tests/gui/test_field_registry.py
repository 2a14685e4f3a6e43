"""A new optional choice field is one registry row, one migration and its labels (issue 12, part 1).

The fixture adds a ``parking_need`` row to the client-field registry (domain/client_field_registry.py)
and the column to the test branch's clients.db, exactly as a real migration would; nothing else of
the product is touched. The field is then seen in the intake form, on the detail page, in the edit
form, in a spreadsheet import (its header recognised, its value stored, a duplicate row merged into
it), in the client's data copy (PDF and JSON) and in the correction flow of the client requests.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app.domain.branch_time import branch_day
from desktop_app.domain.client_field_registry import CLIENT_FIELDS, choice_field
from desktop_app.domain.client_record import ClientDraft
from desktop_app.domain.client_requests import correctable_fields
from desktop_app.domain.field_errors import FieldLabel
from desktop_app.domain.import_columns import recognise
from desktop_app.domain.labelled_choice import LabelledChoice
from desktop_app.domain.roles import Role
from desktop_app.services.client_directory import get_client
from desktop_app.services.client_import import ImportOptions, import_clients, preview_import
from desktop_app.services.client_intake import create_client
from desktop_app.services.client_requests import complete_copy, complete_correction, register_request
from desktop_app.services.signed_in import SignedIn
from desktop_app.store.client_repository import ClientRepository
from desktop_app.ui.clients.client_detail_dialog import ClientDetailDialog
from desktop_app.ui.clients.client_form import ClientForm
from tests.conftest import Branch
from tests.documents.pdf_tools import pdf_text
from tests.gui.conftest import signed_in, wait_idle


class ParkingNeed(LabelledChoice):
    NONE = "none", "不需要车位", "No parking space"
    ONE = "one", "一个车位", "One parking space"
    TWO = "two", "两个车位", "Two parking spaces"


PARKING_NEED = choice_field(
    FieldLabel("parking_need", "车位需求", "Parking need"),
    ParkingNeed,
    ("车位需求", "需要车位", "parkingneed"),
)
MIGRATION = "ALTER TABLE client_data.clients ADD COLUMN parking_need TEXT"


@pytest.fixture
def parking_need(branch: Branch, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The registry with the new row, and the test branch's clients.db migrated for it."""
    monkeypatch.setattr(
        CLIENT_FIELDS, "rows", CLIENT_FIELDS.with_row(PARKING_NEED, after="purchase_timeline")
    )
    ctx = signed_in(branch.context(), *branch.users[Role.MANAGER])
    db = ctx.db
    with db.transaction():
        db.execute(MIGRATION)
    ctx.close()
    yield


def _stored_choice(ctx: SignedIn, client_id: int) -> str | None:
    db = ctx.db
    client = ClientRepository(db).get(client_id)
    assert client is not None
    return client.values.choice("parking_need")


def test_a_new_choice_field_is_one_registry_row_and_one_migration(
    parking_need: None, branch: Branch, qtbot, make_shell, tmp_path: Path
) -> None:
    agent = signed_in(branch.context(), *branch.users[Role.AGENT])
    shell = make_shell(agent, language="en")

    # The intake form: a labelled combo box with the choices, in the purchase-intention box.
    form = ClientForm(shell)
    qtbot.addWidget(form)
    assert form.labels["parking_need"].text() == "Parking need:"
    combo = form.combo("parking_need")
    assert [combo.itemData(i) for i in range(combo.count())] == ["", "none", "one", "two"]
    assert combo.itemText(2) == "One parking space"
    assert form.intention_box.isAncestorOf(combo)
    form.line("name").setText("王")
    form.line("phone").setText("13812345678")
    combo.setCurrentIndex(combo.findData("one"))
    client_id = create_client(agent, form.draft()).id
    assert _stored_choice(agent, client_id) == "one"

    # The detail page shows it in the UI language; the edit form is filled with it.
    dialog = ClientDetailDialog(shell, client_id)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.loaded, timeout=15_000):
        dialog.show()
    assert dialog.labels["parking_need"].text() == "Parking need:"
    assert dialog.values["parking_need"].text() == "One parking space"
    wait_idle(qtbot, shell)
    dialog.close()
    edit = ClientForm(shell, editing=True)
    qtbot.addWidget(edit)
    edit.load_detail(get_client(agent, client_id))
    assert edit.combo("parking_need").currentData() == "one"
    edit.combo("parking_need").setCurrentIndex(edit.combo("parking_need").findData("none"))
    assert edit.changes() == {"parking_need": "none"}

    # Import: the header alias is recognised, the label read, the code stored.
    assert recognise("车位需求（选填）") == "parking_need"
    sheet = tmp_path / "客户.csv"
    sheet.write_text("姓名,手机,车位需求\n李娜,13987654321,两个车位\n", encoding="utf-8-sig")
    assert preview_import(agent, sheet).suggested == ("name", "phone", "parking_need")
    report = import_clients(agent, sheet)
    assert report.imported == 1 and not report.rejected
    db = agent.db
    (imported,) = db.execute("SELECT id FROM client_data.clients WHERE parking_need = 'two'").fetchone()
    # A duplicate row fills the field of an existing client (merge), and the history names it.
    plain = create_client(agent, ClientDraft(name="赵敏", phone="13700001111")).id
    again = tmp_path / "补充.csv"
    again.write_text("姓名,手机,需要车位\n赵敏,13700001111,不需要车位\n", encoding="utf-8-sig")
    assert import_clients(agent, again, ImportOptions(on_duplicate="merge")).merged == 1
    assert _stored_choice(agent, plain) == "none"
    assert ClientRepository(db).changes(plain)[0].fields == ("parking_need",)

    # The correction flow offers it and changes it, with the label in the outcome and history.
    manager = signed_in(branch.context(), *branch.users[Role.MANAGER])
    assert correctable_fields()["parking_need"] == ("车位需求", "Parking need")
    today = branch_day(manager.clock())
    request = register_request(manager, imported, "correction", today, identity_verified=True)
    done = complete_correction(manager, request.id, {"parking_need": "一个车位"})
    assert "车位需求" in done.outcome and "parking need" in done.outcome
    assert _stored_choice(manager, imported) == "one"
    manager_db = manager.db
    assert ClientRepository(manager_db).changes(imported)[0].fields == ("parking_need",)

    # The client's copy of their data: labelled and readable in the JSON and the PDF.
    copy_request = register_request(manager, imported, "copy", today, identity_verified=True)
    copy = complete_copy(manager, copy_request.id)
    field = json.loads(copy.json.decode("utf-8"))["client"]["fields"]["parking_need"]
    assert field == {
        "label_zh": "车位需求",
        "label_en": "Parking need",
        "value": "one",
        "display_zh": "一个车位",
        "display_en": "One parking space",
    }
    text = pdf_text(copy.pdf, tmp_path, layout=True)
    assert "车位需求" in text and "一个车位" in text and "One parking space" in text
    manager.close()


def test_the_registry_is_back_to_its_own_rows_after_the_test() -> None:
    assert CLIENT_FIELDS.get("parking_need") is None
    assert recognise("车位需求") is None and "parking_need" not in correctable_fields()
