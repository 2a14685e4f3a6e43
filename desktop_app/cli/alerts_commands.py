"""``branchvault alerts …``: anomaly alerts on the same services as the Alerts tab
(services/security_alerts.py).

``list [--all]`` (managers, auditors: runs the periodic pass first, then lists the open alerts, or
all), ``ack ID --note TEXT`` (managers, auditors; not an alert about one's own actions), ``scan``
(any staff member: the periodic pass, as the app runs it every ``alert_scan_minutes``) and ``rules``
(the rule table with the settings each reads; no sign-in). Each signed-in command takes ``--as USER
--password-stdin [--json]``; exit codes 0 done, 1 refused or failed, 2 usage. Imports stay inside
the handler: ``branchvault`` starts fast.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from desktop_app.cli.terminal import Output
    from desktop_app.services.security_alerts import AlertView


def _id(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value <= 0:
        raise argparse.ArgumentTypeError(f"expected a positive alert number: {text!r}")
    return value


def add_alerts_parser(sub: Any, common: Any) -> Any:
    actions = sub.add_parser(
        "alerts", help="anomaly alerts (list and ack: managers and auditors; scan: anyone; rules)"
    ).add_subparsers(dest="alerts_command", metavar="ACTION", required=True)
    p = actions.add_parser("list", help="run the periodic pass, then list the open alerts")
    common(p, as_user=True)
    p.add_argument("--all", action="store_true", help="acknowledged alerts too")
    p = actions.add_parser("ack", help="acknowledge one alert with a note")
    common(p, as_user=True)
    p.add_argument("alert_id", type=_id, metavar="ID")
    p.add_argument("--note", required=True, help="what was checked and found (no client names or numbers)")
    p = actions.add_parser("scan", help="run the periodic pass over the audit log now")
    common(p, as_user=True)
    p = actions.add_parser("rules", help="the alert rules and the settings each reads")
    common(p)
    return actions


def _line(alert: AlertView) -> str:
    from datetime import datetime

    from desktop_app.domain.alert_rules import parse_timestamp
    from desktop_app.domain.branch_time import BRANCH_TIME

    when = datetime.fromtimestamp(parse_timestamp(alert.raised_at), BRANCH_TIME).strftime("%Y-%m-%d %H:%M")
    state = (
        f"已确认 acknowledged by {alert.acknowledged_by}: {alert.note}"
        if alert.acknowledged
        else "待确认 open"
    )
    evidence = ",".join(str(seq) for seq in alert.evidence[:12]) + (" …" if len(alert.evidence) > 12 else "")
    return (
        f"{alert.id}  {when}  {alert.title_zh} {alert.title_en}  {alert.subject or '-'}  "
        f"seq {evidence or '-'}  {state}"
    )


def _rules(out: Output) -> None:
    from desktop_app.domain.alert_rules import RULES

    rows = [
        {
            "code": r.code,
            "title_zh": r.zh,
            "title_en": r.en,
            "kind": r.kind,
            "settings": list(r.policy_fields),
            "doc": r.doc,
        }
        for r in RULES
    ]
    text = "\n".join(
        f"{r.code}  {r.zh} / {r.en}  [{r.kind}]  {', '.join(r.policy_fields) or '-'}\n    {r.doc}"
        for r in RULES
    )
    out.result({"rules": rows}, text)


def cmd_alerts(args: argparse.Namespace, out: Output) -> int:
    """The ``alerts`` command's handler (``commands.HANDLERS["alerts"]``)."""
    if args.alerts_command == "rules":
        _rules(out)
        return 0
    from desktop_app.cli.commands import signed_in
    from desktop_app.services import security_alerts

    action = args.alerts_command
    with signed_in(args) as (me, _):
        if action == "scan":
            raised = security_alerts.scan(me)
            out.result({"raised": raised}, f"已检查，新告警 {raised} 条 Pass done, {raised} new alert(s)")
        elif action == "list":
            security_alerts.scan(me)
            alerts = security_alerts.list_alerts(me, include_acknowledged=args.all)
            out.result(
                {"alerts": [a.as_dict() for a in alerts]},
                "\n".join(_line(a) for a in alerts) or "（没有待确认的告警 No open alerts）",
            )
        elif action == "ack":
            done = security_alerts.acknowledge(me, args.alert_id, args.note)
            out.result(done.as_dict(), f"已确认 Acknowledged: {_line(done)}")
    return 0
