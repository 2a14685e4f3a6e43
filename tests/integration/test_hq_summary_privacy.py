"""Nothing raw leaves the branch: clients with random names, phones, ID numbers, emails, street
addresses (one typed into the district field too), notes and follow-up notes are written into a real
encrypted branch, per-client rows are switched on and some clients consent to HQ sharing; none of
those values, nor a staff member's name, appears anywhere in the serialized summary."""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Callable
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.domain.client_record import ClientValues, FollowupKind
from desktop_app.domain.hq_summary import canonical_json
from desktop_app.domain.roles import Role
from desktop_app.services.hq_client_rows import set_client_rows
from desktop_app.services.hq_summary_builder import build_summary
from desktop_app.services.signed_in import SignedIn
from desktop_app.store.client_repository import ClientRepository, FollowupRepository
from desktop_app.store.consent_repository import ConsentRepository
from tests.integration.test_hq_summary_builder import enrol

SignIn = Callable[[Role], SignedIn]
NAME_CHARACTERS = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚"
DISTRICTS = ("南山区", "福田区", "罗湖区", "宝安区", None)
_serial = itertools.count(100)


def resident_id(born: date, serial: int) -> str:
    body = f"440305{born:%Y%m%d}{serial % 1000:03d}"
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return body + "10X98765432"[sum(int(d) * w for d, w in zip(body, weights, strict=True)) % 11]


@st.composite
def raw_client(draw: st.DrawFn) -> dict[str, object]:
    serial = next(_serial)
    name = draw(st.text(NAME_CHARACTERS, min_size=2, max_size=4))
    phone = f"+861{draw(st.sampled_from('3456789'))}{draw(st.integers(0, 10**9 - 1)):09d}"
    born = date(1950, 1, 1) + timedelta(days=draw(st.integers(0, 18_000)))
    street = f"{draw(st.sampled_from(('科技园', '深南大道', '华强北', 'Nanhai Rd')))}{draw(st.integers(1, 999))}号{serial}室"
    return {
        "name": name,
        "phone": phone,
        "id_number": resident_id(born, serial) if draw(st.booleans()) else None,
        "email": f"c{serial}.{draw(st.text('abcdefghijklmnop', min_size=3, max_size=8))}@example.cn",
        "street": street,
        "district": street if draw(st.integers(0, 9)) == 0 else draw(st.sampled_from(DISTRICTS)),
        "notes": "备注"
        + draw(st.text("看房预算两居室学区急售贷款ABCxyz0123456789", min_size=8, max_size=40)),
        "followup": "回访" + draw(st.text("客户说明天再来电话聊首付abc987", min_size=8, max_size=30)),
        "hq": draw(st.booleans()),
        "intention": draw(st.sampled_from(("A", "B", "C", None))),
    }


def _store(ctx: SignedIn, client: dict[str, object]) -> None:
    db = ctx.db
    id_number = client["id_number"]
    values = ClientValues(
        full_name=str(client["name"]),
        phone_e164=str(client["phone"]),
        phone_kind="mobile",
        stage="visiting",
        id_type="resident_id" if id_number else None,
        id_number=str(id_number) if id_number else None,
        email=str(client["email"]),
        province="广东省",
        city="深圳市",
        district=None if client["district"] is None else str(client["district"]),
        address_detail=str(client["street"]),
        notes=str(client["notes"]),
        sensitive_consent=id_number is not None,
        choices={} if client["intention"] is None else {"intention_level": str(client["intention"])},
    )
    with db.transaction():
        client_id = ClientRepository(db).add(
            values, assigned_agent_id=ctx.session.staff_id, now=ctx.now_utc()
        )
        ConsentRepository(db).set_client_state(
            client_id,
            sensitive=id_number is not None,
            hq=bool(client["hq"]),
            marketing=False,
            notice_version=None,
        )
        FollowupRepository(db).add(
            client_id=client_id,
            at=ctx.now_utc(),
            kind=FollowupKind.VISIT,
            note=str(client["followup"]),
            staff_id=ctx.session.staff_id,
        )


def _raw_values(client: dict[str, object]) -> list[str]:
    phone = str(client["phone"])
    values = [str(client["name"]), phone, phone[3:], str(client["email"]), str(client["street"])]
    values += [str(client["notes"]), str(client["followup"])]
    if client["id_number"]:
        values.append(str(client["id_number"]))
    return values


def test_nothing_raw_leaves(signed_in: SignIn) -> None:
    agent, manager = signed_in(Role.AGENT), signed_in(Role.MANAGER)
    enrol(manager)
    set_client_rows(manager, enabled=True, legal_basis="same_entity")
    staff = [str(r[0]) for r in manager.db.execute("SELECT username FROM staff")]
    staff += [str(r[0]) for r in manager.db.execute("SELECT display_name FROM staff")]
    written: list[dict[str, object]] = []

    @settings(
        max_examples=15,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(st.lists(raw_client(), min_size=1, max_size=8, unique_by=lambda c: str(c["phone"])))
    def check(clients: list[dict[str, object]]) -> None:
        for client in clients:
            if any(
                client["phone"] == old["phone"]
                or (client["id_number"] and client["id_number"] == old["id_number"])
                for old in written
            ):
                continue
            _store(agent, client)
            written.append(client)
        payload = build_summary(agent, agent.today(), agent.today(), submission_id=str(uuid.uuid4()))
        text = canonical_json(payload).decode("utf-8")
        rows = payload["client_rows"]
        assert isinstance(rows, dict)
        assert len(rows["rows"]) == sum(1 for c in written if c["hq"])
        for client in written:
            for value in _raw_values(client):
                assert value not in text, "a raw value left the branch"
        for name in staff:
            assert f'"{name}"' not in text and (len(name) < 4 or name not in text)

    check()
    assert written
