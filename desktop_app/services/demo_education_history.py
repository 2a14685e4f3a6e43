"""A year of plausible privacy-education history for the demo branch (invented, no real person).

Six campaigns over the past twelve months across the channels (a talk, a WeChat article, an SMS
reminder, store leaflets, a livestream, a community event), each reaching a growing share of the
demo's clients, plus leaflets handed out at the desk: about half the clients took part by today,
fewer early in the year. Written through the repositories with the campaigns' own past dates, in
one transaction, audited as the real actions are (``education.campaign_add``,
``education.attendees``). ``me`` is the demo manager, signed in with the client-data key.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta

from desktop_app.domain.branch_time import BRANCH_TIME
from desktop_app.domain.education import Channel, ParticipationKind, participation_kind_for, validate_campaign
from desktop_app.services.audit_trail import record
from desktop_app.services.education import TARGET_CAMPAIGN
from desktop_app.services.signed_in import SignedIn
from desktop_app.store.education_repository import CampaignRepository, ParticipationRepository

# (days before today, channel, topic, material, share of the clients reached)
_CAMPAIGNS = (
    (340, Channel.STORE_TALK, "购房中的个人信息保护：我们收集什么、为什么", "门店讲座 PPT（第 1 版）", 0.06),
    (
        270,
        Channel.WECHAT_ARTICLE,
        "身份证复印件怎么写“仅供XX用途，他用无效”",
        "公众号文章《证件复印件的正确打开方式》",
        0.10,
    ),
    (
        200,
        Channel.SMS_WECHAT,
        "我们绝不会索要验证码或要求转账到个人账户",
        "短信模板：防范冒充开发商“退定金”诈骗",
        0.14,
    ),
    (130, Channel.STORE_MATERIAL, "隐私提示单进门店", "隐私提示单（A4，中英文）", 0.12),
    (60, Channel.LIVESTREAM, "线上直播：识别冒充公检法、银行的诈骗电话", "直播回放链接（公司视频号）", 0.16),
    (15, Channel.COMMUNITY_EVENT, "社区防诈骗宣传日", "社区活动展板与宣传册", 0.12),
)
_LEAFLET_SHARE = 0.08  # leaflets handed out at the desk, outside any campaign


def _created_at(day: date) -> str:
    moment = datetime(day.year, day.month, day.day, 10, tzinfo=BRANCH_TIME).astimezone(UTC)
    return moment.isoformat(timespec="microseconds").replace("+00:00", "Z")


def seed_demo_history(me: SignedIn, rng: random.Random) -> None:
    """Write the demo's campaigns and participation (fast: no KDF, one transaction)."""
    db = me.db
    today = me.today()
    campaigns = CampaignRepository(db)
    participation = ParticipationRepository(db)
    clients = participation.client_ids()
    staff = me.session.staff_id
    with db.transaction():
        for days_ago, channel, topic, material, share in _CAMPAIGNS:
            day = today - timedelta(days=days_ago)
            draft = validate_campaign(day, channel.value, topic, material, today=today)
            campaign = campaigns.add(draft, created_by=staff, created_at=_created_at(day))
            record(
                me,
                "education.campaign_add",
                target_type=TARGET_CAMPAIGN,
                target_id=str(campaign.id),
                details={"day": day.isoformat(), "channel": channel.value, "demo": True},
            )
            reached = rng.sample(clients, round(len(clients) * share)) if clients else []
            kind = participation_kind_for(channel)
            for client_id in reached:
                participation.add(
                    client_id=client_id,
                    campaign_id=campaign.id,
                    kind=kind,
                    day=day,
                    recorded_by=staff,
                    created_at=_created_at(day),
                )
            record(
                me,
                "education.attendees",
                target_type=TARGET_CAMPAIGN,
                target_id=str(campaign.id),
                details={"kind": kind.value, "recorded": sorted(reached), "already": [], "demo": True},
            )
        for client_id in rng.sample(clients, round(len(clients) * _LEAFLET_SHARE)) if clients else []:
            day = today - timedelta(days=rng.randrange(0, 120))
            participation.add(
                client_id=client_id,
                campaign_id=None,
                kind=ParticipationKind.LEAFLET,
                day=day,
                recorded_by=staff,
                created_at=_created_at(day),
            )
