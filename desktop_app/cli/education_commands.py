"""``branchvault education …``: privacy education campaigns, participation and the leaflet.

- ``education campaign add --date YYYY-MM-DD --channel CHANNEL --topic TEXT [--material TEXT]``
  (managers; the channel as its code or its Chinese or English label);
- ``education campaign list [--year YEAR]`` (managers, auditors, agents);
- ``education attendees CAMPAIGN_ID --client ID … | --file FILE [--dry-run]``: record the campaign's
  participants, picked by client number or matched from an attendee list (phone, else name; never
  creates a client; row-level report);
- ``education leaflet --out FILE.pdf [--client ID]``: the one-page privacy-tips leaflet; with a client
  it records that the client received it today;
- ``education status [--year YEAR]``: campaigns against the policy's yearly number and, for a session
  holding the client-data key, the participation figure against its target.

All take ``--as USER --password-stdin [--json]``; refusals are bilingual, exit 0 / 1 / 2 (usage).
Only argparse is imported up front; the services are imported when a command runs.
"""

from __future__ import annotations

import argparse
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

from desktop_app.cli.output_option import add_force_option, output_path

if TYPE_CHECKING:
    from desktop_app.cli.terminal import Output
    from desktop_app.domain.education import Campaign

CHANNELS_HELP = (
    "store_talk 门店讲座, store_material 门店宣传资料, wechat_article 公众号文章, sms_wechat 短信/微信, "
    "livestream 线上直播, community_event 社区活动, other 其他"
)


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date YYYY-MM-DD: {text!r}") from None


def _number(text: str) -> int:
    if not text.isdigit() or int(text) <= 0:
        raise argparse.ArgumentTypeError(f"expected a number: {text!r}")
    return int(text)


def _year(text: str) -> int:
    if not text.isdigit() or not 2000 <= int(text) <= 2100:
        raise argparse.ArgumentTypeError(f"expected a year such as 2026: {text!r}")
    return int(text)


def add_education_parser(sub: Any, common: Any) -> None:
    """``education campaign add|list``, ``attendees``, ``leaflet``, ``status``."""
    education = sub.add_parser("education", help="privacy education: campaigns, participation, leaflet")
    actions = education.add_subparsers(dest="education_command", metavar="ACTION", required=True)
    campaign = actions.add_parser("campaign", help="education campaigns").add_subparsers(
        dest="campaign_command", metavar="ACTION", required=True
    )
    p = campaign.add_parser("add", help="managers: record a campaign that took place")
    common(p, as_user=True)
    p.add_argument("--date", dest="day", type=_day, required=True, metavar="YYYY-MM-DD")
    p.add_argument("--channel", required=True, help=CHANNELS_HELP)
    p.add_argument("--topic", required=True, help="the topic (no client names or numbers)")
    p.add_argument("--material", default="", help="title, link or description of the material")
    p = campaign.add_parser("list", help="the campaigns of a year")
    common(p, as_user=True)
    p.add_argument("--year", type=_year, help="default: this year")
    p = actions.add_parser("attendees", help="record a campaign's participants")
    common(p, as_user=True)
    p.add_argument("campaign_id", type=_number, metavar="CAMPAIGN_ID")
    who = p.add_mutually_exclusive_group(required=True)
    who.add_argument("--client", dest="clients", type=_number, action="append", metavar="ID")
    who.add_argument(
        "--file", metavar="FILE", help="an attendee list (xlsx/xls/csv) with phone numbers or names"
    )
    p.add_argument("--dry-run", action="store_true", help="with --file: report the matches, record nothing")
    p = actions.add_parser("leaflet", help="write the privacy-tips leaflet (PDF)")
    common(p, as_user=True)
    p.add_argument("--out", required=True, metavar="FILE.pdf")
    p.add_argument("--client", type=_number, metavar="ID", help="record that this client received it")
    add_force_option(p)
    p = actions.add_parser("status", help="campaigns and participation of a year against the targets")
    common(p, as_user=True)
    p.add_argument("--year", type=_year, help="default: this year")


def _campaign_row(campaign: Campaign) -> dict[str, object]:
    return {
        "id": campaign.id,
        "date": campaign.day.isoformat(),
        "channel": campaign.channel.value,
        "channel_zh": campaign.channel.label_zh,
        "channel_en": campaign.channel.label_en,
        "topic": campaign.topic,
        "material": campaign.material,
    }


def _percent(part: int, whole: int) -> Decimal | None:
    if whole <= 0:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _campaign_add(args: argparse.Namespace, out: Output) -> int:
    from desktop_app.cli.commands import signed_in
    from desktop_app.services.education import add_campaign

    with signed_in(args) as (me, _):
        campaign = add_campaign(me, args.day, args.channel, args.topic, args.material)
    out.result(
        _campaign_row(campaign),
        f"已登记宣传活动 / campaign recorded: No. {campaign.id}  {campaign.day.isoformat()}  "
        f"{campaign.channel.label_zh} / {campaign.channel.label_en}  {campaign.topic}",
    )
    return 0


def _campaign_list(args: argparse.Namespace, out: Output) -> int:
    from desktop_app.cli.commands import signed_in
    from desktop_app.services.education import list_campaigns

    with signed_in(args) as (me, _):
        year = args.year or me.today().year
        campaigns = list_campaigns(me, year)
    lines = [f"{year} 年宣传活动 / campaigns in {year}: {len(campaigns)}"]
    lines += [
        f"  {c.id:>4}  {c.day.isoformat()}  {c.channel.label_zh} / {c.channel.label_en}  {c.topic}"
        for c in campaigns
    ]
    out.result({"year": year, "campaigns": [_campaign_row(c) for c in campaigns]}, "\n".join(lines))
    return 0


def _attendees(args: argparse.Namespace, out: Output) -> int:
    from pathlib import Path

    from desktop_app.cli.commands import signed_in
    from desktop_app.services.education import record_attendees
    from desktop_app.services.education_import import import_attendees

    if args.dry_run and args.file is None:
        from desktop_app.domain.errors import InvalidInput

        raise InvalidInput("--dry-run 只能与 --file 一起使用。", "--dry-run goes with --file only.")
    with signed_in(args) as (me, _):
        if args.file is None:
            done = record_attendees(me, args.campaign_id, args.clients)
            out.result(
                {
                    "campaign_id": done.campaign_id,
                    "recorded": list(done.recorded),
                    "already": list(done.already),
                },
                f"已登记 / recorded: {len(done.recorded)}；此前已登记 / already recorded: {len(done.already)}",
            )
            return 0
        report = import_attendees(me, args.campaign_id, Path(args.file).expanduser(), dry_run=args.dry_run)
    from desktop_app.domain.attendee_list import RowOutcome

    counts = {outcome.value: report.count(outcome) for outcome in RowOutcome}
    data = {
        "campaign_id": report.campaign_id,
        "kind": report.kind.value,
        "dry_run": report.dry_run,
        "rows": len(report.rows),
        **counts,
        "row_report": [
            {
                "row": r.row,
                "outcome": r.outcome.value,
                "reason_zh": r.reason_zh,
                "reason_en": r.reason_en,
                "client_id": r.client_id,
            }
            for r in report.rows
        ],
    }
    lines = [
        ("试运行，未登记 / dry run, nothing recorded" if report.dry_run else "已处理 / processed")
        + f": {len(report.rows)} 行 / rows",
        f"匹配并登记 / matched and recorded: {counts['matched']}；此前已登记 / already recorded: {counts['already_recorded']}",
        f"未找到 / not found: {counts['not_found']}；多位匹配 / ambiguous: {counts['ambiguous']}；"
        f"无法读取 / unreadable: {counts['invalid']}",
        *(
            f"  第 {r.row} 行 / row {r.row}: {r.reason_zh} / {r.reason_en}"
            for r in report.rows
            if r.outcome not in (RowOutcome.MATCHED, RowOutcome.ALREADY)
        ),
    ]
    out.result(data, "\n".join(lines))
    return 1 if report.rows and report.matched == 0 else 0


def _leaflet(args: argparse.Namespace, out: Output) -> int:
    from desktop_app.cli.commands import signed_in
    from desktop_app.services.education import print_leaflet
    from desktop_app.services.output_files import write_output

    path = output_path(args.out, args.data_dir, force=args.force)
    with signed_in(args) as (me, _):
        pdf = print_leaflet(me, args.client)
        write_output(path, pdf, data_dir=me.paths.root, overwrite=args.force)
    recorded = args.client is not None
    out.result(
        {"file": str(path), "client_id": args.client, "participation_recorded": recorded},
        f"隐私提示单已写入 / privacy-tips leaflet written: {path}"
        + (f"\n已登记客户 {args.client} 领取提示单 / recorded for client {args.client}" if recorded else ""),
    )
    return 0


def _status(args: argparse.Namespace, out: Output) -> int:
    from desktop_app.cli.commands import signed_in
    from desktop_app.services.education import campaign_count, education_counts
    from desktop_app.services.programme_settings import programme_policy

    with signed_in(args) as (me, _):
        year = args.year or me.today().year
        policy = programme_policy(me)
        campaigns = campaign_count(me, year)
        counts = education_counts(me, year) if me.session.holds_client_key else None
    active = counts.active_clients if counts else None
    participants = counts.participants if counts else None
    value = (
        _percent(participants, active) if counts and active is not None and participants is not None else None
    )
    target = policy.target_education
    data = {
        "year": year,
        "campaigns": campaigns,
        "campaigns_target": policy.education_campaigns_per_year,
        "active_clients": active,
        "participants": participants,
        "value": None if value is None else str(value),
        "target": target,
        "met": None if value is None else value >= target,
    }
    lines = [
        f"{year} 年 / year {year}",
        f"宣传活动 / campaigns: {campaigns} / {policy.education_campaigns_per_year}",
    ]
    if counts is None:
        lines.append(
            "参与率：需客户资料密钥（仅经确认的置业顾问和店长） / participation: needs the client-data key"
        )
    else:
        shown = "—" if value is None else f"{value}%"
        lines.append(
            f"参与客户 / participants: {participants} / 活跃客户 active clients {active} = {shown}（目标 / target {target}%）"
        )
    out.result(data, "\n".join(lines))
    return 0


def cmd_education(args: argparse.Namespace, out: Output) -> int:
    """The ``education`` command's handler (``commands.HANDLERS["education"]``)."""
    command = args.education_command
    if command == "campaign":
        return _campaign_add(args, out) if args.campaign_command == "add" else _campaign_list(args, out)
    if command == "attendees":
        return _attendees(args, out)
    if command == "leaflet":
        return _leaflet(args, out)
    return _status(args, out)
