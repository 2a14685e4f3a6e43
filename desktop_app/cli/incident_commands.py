"""``branchvault incident …``: the incident register on the same services as the Incidents tab
(services/incidents.py, services/incident_clients.py).

``report --kind K --occurred "YYYY-MM-DD HH:MM" [--discovered …] --description TEXT`` (any role),
``list``, ``show ID`` (timeline and deadline countdowns), and for managers ``assess ID --breach
yes|no --category C … --cause … --measures … --harm … --advice …``, ``clients ID --client N …``
(client-data key), ``advance ID STATE [--note]``, ``reported ID internal|regulator [--at …]``,
``notify ID --client N --channel phone|sms|in_person|post [--day] [--note]``, ``log ID`` and
``letters ID --out DIR [--force]`` (one PDF per affected client, never into the data directory).
Times are Beijing time. Each with ``--as USER --password-stdin [--json]``; exit codes 0 done,
1 refused or failed, 2 usage. Imports stay inside the handler: ``branchvault`` starts fast.
"""

from __future__ import annotations

import argparse
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop_app.domain.errors import InvalidInput

if TYPE_CHECKING:
    from desktop_app.cli.terminal import Output
    from desktop_app.domain.incident_record import Incident
    from desktop_app.services.incidents import IncidentView

KINDS = ("lost_device", "misdirected_message", "forms_lost", "unauthorised_access", "app_alert", "other")
CATEGORIES = ("name", "id_number", "phone", "address", "financial", "purchase_intent", "other")
STATES = ("contained", "notified", "closed")


def _moment(text: str) -> datetime:
    for pattern in ("%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d"):
        try:
            return datetime.strptime(text.strip(), pattern)
        except ValueError:
            continue
    raise argparse.ArgumentTypeError(f"expected a Beijing time 'YYYY-MM-DD HH:MM': {text!r}")


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date YYYY-MM-DD: {text!r}") from None


def _yes_no(text: str) -> bool:
    lowered = text.strip().lower()
    if lowered in ("yes", "y", "true", "是"):
        return True
    if lowered in ("no", "n", "false", "否"):
        return False
    raise argparse.ArgumentTypeError(f"expected yes or no: {text!r}")


def _id(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value <= 0:
        raise argparse.ArgumentTypeError(f"expected a positive number: {text!r}")
    return value


def add_incident_parser(sub: Any, common: Any) -> Any:
    actions = sub.add_parser(
        "incident", help="security incidents and breach notification (report: everyone; the rest: managers)"
    ).add_subparsers(dest="incident_command", metavar="ACTION", required=True)
    p = actions.add_parser("report", help="report an incident (any staff member)")
    common(p, as_user=True)
    p.add_argument("--kind", required=True, help="one of: " + ", ".join(KINDS))
    p.add_argument("--occurred", required=True, type=_moment, metavar="'YYYY-MM-DD HH:MM'")
    p.add_argument("--discovered", type=_moment, metavar="'YYYY-MM-DD HH:MM'", help="default: now")
    p.add_argument(
        "--description", required=True, help="what happened — no client names, ID numbers or phone numbers"
    )
    p = actions.add_parser("list", help="the register (managers, auditors) or your own reports")
    common(p, as_user=True)
    p = actions.add_parser("show", help="one incident with its timeline and deadlines")
    common(p, as_user=True)
    p.add_argument("incident_id", type=_id, metavar="ID")
    p = actions.add_parser(
        "assess", help="managers: breach or not, categories, cause, measures, harm, advice"
    )
    common(p, as_user=True)
    p.add_argument("incident_id", type=_id, metavar="ID")
    p.add_argument("--breach", required=True, type=_yes_no, metavar="yes|no")
    p.add_argument("--category", action="append", default=[], help="repeat; one of: " + ", ".join(CATEGORIES))
    for name in ("cause", "measures", "harm", "advice", "note"):
        p.add_argument(f"--{name}", default="")
    p = actions.add_parser("clients", help="managers: set the affected clients (client numbers)")
    common(p, as_user=True)
    p.add_argument("incident_id", type=_id, metavar="ID")
    p.add_argument("--client", action="append", type=_id, default=[], metavar="N", help="repeat")
    p = actions.add_parser("advance", help="managers: move to contained, notified or closed")
    common(p, as_user=True)
    p.add_argument("incident_id", type=_id, metavar="ID")
    p.add_argument("state", choices=STATES)
    p.add_argument("--note", default="")
    p = actions.add_parser("reported", help="managers: record the internal or the regulator report")
    common(p, as_user=True)
    p.add_argument("incident_id", type=_id, metavar="ID")
    p.add_argument("which", choices=("internal", "regulator"))
    p.add_argument("--at", type=_moment, metavar="'YYYY-MM-DD HH:MM'", help="default: now")
    p = actions.add_parser("notify", help="managers: log a notice given by phone, SMS, in person or post")
    common(p, as_user=True)
    p.add_argument("incident_id", type=_id, metavar="ID")
    p.add_argument("--client", required=True, type=_id, metavar="N")
    p.add_argument(
        "--channel", required=True, choices=("phone", "sms", "in_person", "post", "letter_printed")
    )
    p.add_argument("--day", type=_day, metavar="YYYY-MM-DD")
    p.add_argument("--note", default="")
    p = actions.add_parser("log", help="managers: the notification log")
    common(p, as_user=True)
    p.add_argument("incident_id", type=_id, metavar="ID")
    p = actions.add_parser("letters", help="managers: save one notification letter PDF per affected client")
    common(p, as_user=True)
    p.add_argument("incident_id", type=_id, metavar="ID")
    p.add_argument(
        "--out", required=True, metavar="DIR", help="an existing folder outside the data directory"
    )
    p.add_argument("--force", action="store_true", help="replace letters already in the folder")
    return actions


def _incident_json(incident: Incident) -> dict[str, Any]:
    from dataclasses import asdict

    data = asdict(incident)
    data["categories"] = list(incident.categories)
    return data


def _line(incident: Incident) -> str:
    from desktop_app.domain.incident_codes import IncidentKind
    from desktop_app.domain.incident_states import state_label

    kind = IncidentKind(incident.kind)
    breach = {None: "未评估 not assessed", True: "泄露 breach", False: "非泄露 no breach"}[incident.is_breach]
    return (
        f"{incident.id}  {incident.reference}  {kind.label_zh} {kind.label_en}  "
        f"{state_label(incident.state)} {state_label(incident.state, 'en')}  {breach}  "
        f"affected {incident.affected_count}"
    )


def _view_json(view: IncidentView) -> dict[str, Any]:
    return {
        **_incident_json(view.incident),
        "reporter": view.reporter,
        "deadlines": [
            {
                "kind": d.kind.value,
                "status": d.status.value,
                "due_at": d.due_at.isoformat(),
                "seconds": d.seconds,
                "text_zh": d.text_zh(),
                "text_en": d.text_en(),
            }
            for d in view.deadlines
        ],
        "events": [
            {
                "at": e.at,
                "by": view.staff_names.get(e.by, str(e.by)),
                "from": e.state_from,
                "to": e.state_to,
                "note": e.note,
            }
            for e in view.events
        ],
    }


def _view_text(view: IncidentView) -> str:
    from desktop_app.domain.incident_codes import category_labels
    from desktop_app.domain.incident_deadlines import DEADLINE_LABELS

    i = view.incident
    lines = [
        _line(i),
        f"发现 Discovered: {i.discovered_at}  报告人 Reported by: {view.reporter}",
        f"描述 Description: {i.description}",
    ]
    if i.is_breach is not None:
        lines.append("涉及信息 Categories: " + "、".join(category_labels(i.categories)) or "-")
    for d in view.deadlines:
        zh, en = DEADLINE_LABELS[d.kind]
        lines.append(f"{zh} {en}: {d.text_zh()} / {d.text_en()}")
    lines.append("时间线 Timeline:")
    lines += [
        f"  {e.at}  {e.state_from or '-'} → {e.state_to}  {view.staff_names.get(e.by, e.by)}  {e.note}"
        for e in view.events
    ]
    return "\n".join(lines)


def cmd_incident(args: argparse.Namespace, out: Output) -> int:
    """The ``incident`` command's handler (``commands.HANDLERS["incident"]``)."""
    from desktop_app.cli.commands import signed_in
    from desktop_app.services import incident_clients, incidents

    action = args.incident_command
    if action == "letters":
        folder = Path(args.out).expanduser()
        if not folder.is_dir():
            raise InvalidInput(f"文件夹不存在：{folder}", f"No such folder: {folder}")
    with signed_in(args) as (me, _):
        if action == "report":
            now = datetime.fromtimestamp(me.clock()).astimezone()
            made = incidents.report_incident(
                me,
                kind=args.kind,
                occurred_at=args.occurred,
                discovered_at=args.discovered or now,
                description=args.description,
            )
            out.result(_incident_json(made), f"已登记 Reported: {made.reference} (ID {made.id})")
        elif action == "list":
            rows = incidents.list_incidents(me)
            out.result(
                {"incidents": [_incident_json(i) for i in rows]},
                "\n".join(_line(i) for i in rows) or "（没有安全事件 No incidents）",
            )
        elif action == "show":
            view = incidents.show_incident(me, args.incident_id)
            out.result(_view_json(view), _view_text(view))
        elif action == "assess":
            done = incidents.assess(
                me,
                args.incident_id,
                is_breach=args.breach,
                categories=args.category,
                cause=args.cause,
                measures=args.measures,
                harm=args.harm,
                advice=args.advice,
                note=args.note,
            )
            out.result(_incident_json(done), f"已评估 Assessed: {_line(done)}")
        elif action == "clients":
            done = incident_clients.set_affected_clients(me, args.incident_id, args.client)
            out.result(
                {"id": done.id, "affected_count": done.affected_count},
                f"受影响客户 Affected clients: {done.affected_count}",
            )
        elif action == "advance":
            done = incidents.advance(me, args.incident_id, args.state, args.note)
            out.result(_incident_json(done), _line(done))
        elif action == "reported":
            done = incidents.record_report(me, args.incident_id, args.which, args.at)
            out.result(_incident_json(done), f"已记录 Recorded: {args.which}")
        elif action == "notify":
            incident_clients.record_notification(
                me, args.incident_id, args.client, args.channel, args.day, args.note
            )
            out.result(
                {"id": args.incident_id, "client": args.client, "channel": args.channel}, "已记录 Recorded"
            )
        elif action == "log":
            log_rows = incident_clients.notification_log(me, args.incident_id)
            out.result(
                {
                    "notifications": [
                        {
                            "client_id": r.entry.client_id,
                            "client": r.client_name,
                            "channel": r.entry.channel,
                            "day": r.entry.day.isoformat(),
                            "by": r.by_name,
                            "note": r.entry.note,
                        }
                        for r in log_rows
                    ]
                },
                "\n".join(
                    f"{r.entry.day.isoformat()}  #{r.entry.client_id} {r.client_name}  {r.entry.channel}  "
                    f"{r.by_name}  {r.entry.note}"
                    for r in log_rows
                )
                or "（没有告知记录 No notifications logged）",
            )
        elif action == "letters":
            written = incident_clients.save_letters(me, args.incident_id, folder, overwrite=args.force)
            out.result(
                {"files": [str(p) for p in written]},
                f"已保存 {len(written)} 份告知书 Saved {len(written)} letter(s) in {folder}",
            )
        else:
            raise InvalidInput(f"未知操作：{action}", f"Unknown action: {action}")
    return 0
