"""A year of plausible incident history for the demo branch (issue 14, "Done when").

Last year: three personal-information breaches (the baseline the "breaches −30%" target compares
with: a misdirected WeChat message, a stolen bag of signed forms, an account used from outside) and
a non-breach; this year: one breach with its letters printed and logged for the affected clients,
closed, and one lost phone that was fully encrypted — assessed as no breach, still open. Written
through the repositories with explicit past moments (a demo has no past to replay), no KDF, fast.
Nothing here names a client: the affected clients are the demo's own synthetic records.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from desktop_app.domain.branch_time import BRANCH_TIME, utc_timestamp
from desktop_app.domain.incident_record import reference_for
from desktop_app.services.signed_in import SignedIn
from desktop_app.store.incident_repository import IncidentClientRepository, IncidentRepository

_ADVICE = "警惕自称本公司或银行的陌生来电，不要透露验证码\n如发现证件被冒用，请及时报警并联系我们"


def _at(day: date, hour: int, minute: int = 0) -> str:
    return utc_timestamp(datetime(day.year, day.month, day.day, hour, minute, tzinfo=BRANCH_TIME).timestamp())


def _add(
    repo: IncidentRepository,
    me: SignedIn,
    *,
    day: date,
    kind: str,
    description: str,
    breach: bool | None,
    categories: list[str] | None = None,
    cause: str = "",
    measures: str = "",
    harm: str = "",
    states: tuple[str, ...] = (),
) -> int:
    staff = me.session.staff_id
    number = repo.next_reference_number(day.year)
    incident_id = repo.add(
        reference=reference_for(day.year, number),
        kind=kind,
        occurred_at=_at(day, 9),
        discovered_at=_at(day, 10),
        reported_at=_at(day, 10, 30),
        reported_by=staff,
        description=description,
    )
    repo.add_event(incident_id, at=_at(day, 10, 30), by=staff, state_from=None, state_to="open", note="")
    if breach is None:
        return incident_id
    repo.set_assessment(
        incident_id,
        is_breach=breach,
        categories=categories or [],
        cause=cause,
        measures=measures,
        harm=harm,
        client_advice=_ADVICE if breach else "",
        at=_at(day, 15),
        by=staff,
    )
    repo.set_state(incident_id, "assessed")
    repo.add_event(
        incident_id, at=_at(day, 15), by=staff, state_from="open", state_to="assessed", note="评估 / assessed"
    )
    repo.set_report_time(incident_id, "internal", _at(day, 16))
    previous = "assessed"
    for offset, state in enumerate(states, start=1):
        when = day + timedelta(days=offset)
        if state == "notified":
            repo.set_report_time(incident_id, "clients", _at(when, 11))
        note = "" if state != "closed" or previous == "notified" else "不构成个人信息泄露 / no breach"
        repo.set_state(incident_id, state, closed_at=_at(when, 17) if state == "closed" else None)
        repo.add_event(
            incident_id, at=_at(when, 17), by=staff, state_from=previous, state_to=state, note=note
        )
        previous = state
    if breach:
        repo.set_report_time(incident_id, "regulator", _at(day + timedelta(days=1), 12))
    return incident_id


def seed_demo_history(me: SignedIn, rng: random.Random) -> None:
    """Write the demo's incident history (``me`` is the demo manager, client key held)."""
    db = me.db
    today = me.today()
    last = today.year - 1
    repo = IncidentRepository(db)
    client_ids = [int(r[0]) for r in db.execute("SELECT id FROM client_data.clients ORDER BY id LIMIT 200")]
    with db.transaction():
        breaches = (
            (
                date(last, 3, 14),
                "misdirected_message",
                "客户资料表误发到外部微信群，约十分钟后撤回",
                ["name", "phone"],
            ),
            (
                date(last, 7, 2),
                "forms_lost",
                "外出签约途中装有已签同意书的文件袋被盗",
                ["name", "id_number", "address"],
            ),
            (
                date(last, 11, 20),
                "unauthorised_access",
                "离职员工账号未及时停用，离职后仍登录过一次",
                ["name", "phone", "purchase_intent"],
            ),
        )
        for day, kind, description, categories in breaches:
            _add(
                repo, me, day=day, kind=kind, description=description, breach=True, categories=categories,
                cause="流程执行不到位", measures="已补救并开展全员培训", harm="相关信息可能被他人获取，存在诈骗风险",
                states=("contained", "notified", "closed"),
            )  # fmt: skip
        _add(
            repo, me, day=date(last, 9, 8), kind="app_alert", description="系统提示审计链校验异常，经查为时钟调整所致",
            breach=False, states=("closed",),
        )  # fmt: skip
        start = date(today.year, 1, 1)
        breach_day = max(start, today - timedelta(days=rng.randint(50, 80)))
        breach_id = _add(
            repo, me, day=breach_day, kind="misdirected_message",
            description="带看安排短信误发给另一位客户，短信中有房源地址和客户称呼",
            breach=True, categories=["name", "purchase_intent"], cause="群发短信时选错了收件人名单",
            measures="已致电误收短信的客户并请其删除\n已关闭群发功能，改为双人复核",
            harm="您的称呼和看房意向可能被他人知悉",
        )  # fmt: skip
        affected = client_ids[: min(3, len(client_ids))]
        if affected:
            clients = IncidentClientRepository(db)
            clients.replace_clients(breach_id, affected, at=_at(breach_day, 15), by=me.session.staff_id)
            repo.set_affected_count(breach_id, len(affected))
            letter_day = breach_day + timedelta(days=1) if breach_day < today else today
            for cid in affected:
                clients.add_notification(
                    breach_id, cid, channel="letter_printed", day=letter_day, by=me.session.staff_id, note="",
                    at=_at(letter_day, 11),
                )  # fmt: skip
            previous = "assessed"
            for state in ("contained", "notified", "closed"):
                if state == "notified":
                    repo.set_report_time(breach_id, "clients", _at(letter_day, 11))
                repo.set_state(breach_id, state, closed_at=_at(letter_day, 17) if state == "closed" else None)
                repo.add_event(
                    breach_id, at=_at(letter_day, 17), by=me.session.staff_id, state_from=previous, state_to=state, note=""
                )  # fmt: skip
                previous = state
            repo.set_report_time(breach_id, "regulator", _at(letter_day, 12))
        phone_day = max(start, today - timedelta(days=rng.randint(1, 4)))
        _add(
            repo, me, day=phone_day, kind="lost_device", description="销售顾问的工作手机遗失；手机已开启全盘加密和锁屏密码，已远程抹除",
            breach=False, cause="手机遗失", measures="已远程抹除设备", harm="",
        )  # fmt: skip
