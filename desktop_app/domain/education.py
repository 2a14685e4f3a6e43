"""Privacy education for clients: campaigns, their channels, participation, and who counts.

Rule: the branch runs education campaigns (at least ``education_campaigns_per_year`` a year, the
programme policy) through one of the channels below; a client took part when they attended one,
received its SMS/WeChat message, or were given the one-page privacy-tips leaflet. The target
"privacy education ≥ 50%" is participants / clients active in the year, where a client is active
in a year when their record still exists (not destroyed, not kept in storage only for a legal
hold) and was created, or had a follow-up (a visit or a call, ``client_followups``), in that year.
Years are Beijing calendar years (domain/branch_time.py); stored timestamps are UTC.

Reason: PIPL Art. 11 asks the state and society to build a good environment for personal
information protection, and the company's programme (mission.md, measure 4) commits each branch to
educating its clients; counting only clients the branch actually dealt with that year keeps the
figure about the people it could reach. Campaigns live in branch.db and name no client; a
participation row names a client and lives in clients.db under the client-data key.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime

from desktop_app.domain.branch_time import BRANCH_TIME
from desktop_app.domain.field_errors import FieldLabel, InvalidField, required, too_long
from desktop_app.domain.input_text import collapse_spaces, is_control
from desktop_app.domain.labelled_choice import LabelledChoice
from desktop_app.domain.sensitive_numbers import refuse_sensitive_numbers

CHANNEL_FIELD = FieldLabel("channel", "宣传渠道", "Channel")
TOPIC_FIELD = FieldLabel("topic", "主题", "Topic")
MATERIAL_FIELD = FieldLabel("material", "宣传材料", "Material")
DATE_FIELD = FieldLabel("date", "日期", "Date")
KIND_FIELD = FieldLabel("kind", "参与方式", "Participation")

TOPIC_MAX = 100
MATERIAL_MAX = 2000
EARLIEST_YEAR = 2000

NO_PERSONAL_DATA_HINT_ZH = "请勿填写客户姓名、证件号码等个人信息"
NO_PERSONAL_DATA_HINT_EN = "Do not enter client names, ID numbers or other personal details here"


class Channel(LabelledChoice):
    """How a campaign reached clients (the code is what branch.db stores)."""

    STORE_TALK = "store_talk", "门店讲座", "Talk at the store"
    STORE_MATERIAL = "store_material", "门店宣传资料", "Printed material at the store"
    WECHAT_ARTICLE = "wechat_article", "公众号文章", "WeChat official-account article"
    SMS_WECHAT = "sms_wechat", "短信/微信", "SMS / WeChat message", "短信", "微信", "sms", "wechat"
    LIVESTREAM = "livestream", "线上直播", "Online livestream", "直播"
    COMMUNITY_EVENT = "community_event", "社区活动", "Community event"
    OTHER = "other", "其他", "Other"


class ParticipationKind(LabelledChoice):
    """How one client took part (the code is what clients.db stores)."""

    ATTENDED = "attended", "参加活动", "Attended"
    LEAFLET = "leaflet", "领取隐私提示单", "Received the privacy-tips leaflet"
    MESSAGE = "message", "收到短信/微信", "Received the SMS/WeChat message"


_KIND_OF_CHANNEL = {
    Channel.SMS_WECHAT: ParticipationKind.MESSAGE,
    Channel.WECHAT_ARTICLE: ParticipationKind.MESSAGE,
    Channel.STORE_MATERIAL: ParticipationKind.LEAFLET,
}


def participation_kind_for(channel: Channel) -> ParticipationKind:
    """What being on a campaign's attendee list means: a message for SMS/WeChat and articles, the
    leaflet for printed material, attendance for talks, livestreams, events and the rest."""
    return _KIND_OF_CHANNEL.get(channel, ParticipationKind.ATTENDED)


@dataclass(frozen=True)
class CampaignDraft:
    """A campaign as entered, checked (``validate_campaign``)."""

    day: date
    channel: Channel
    topic: str
    material: str


@dataclass(frozen=True)
class Campaign:
    id: int
    day: date
    channel: Channel
    topic: str
    material: str
    created_by: int
    created_at: str


def _clean(field: FieldLabel, text: str, limit: int, today: date) -> str:
    cleaned = "\n".join(collapse_spaces(line) for line in str(text).replace("\r\n", "\n").split("\n"))
    cleaned = "".join(char for char in cleaned if char == "\n" or not is_control(char)).strip()
    if len(cleaned) > limit:
        raise too_long(field, limit, len(cleaned))
    return refuse_sensitive_numbers(field, cleaned, today=today)


def check_day(day: date, today: date, field: FieldLabel = DATE_FIELD) -> date:
    """``day`` unless it is in the future or implausibly old (InvalidField)."""
    if day > today:
        raise InvalidField(field, "future", "不能晚于今天（请在活动举办后登记）", "must not be after today")
    if day.year < EARLIEST_YEAR:
        raise InvalidField(
            field, "too_old", f"不能早于 {EARLIEST_YEAR} 年", f"must not be before {EARLIEST_YEAR}"
        )
    return day


def validate_campaign(day: date, channel: str, topic: str, material: str, *, today: date) -> CampaignDraft:
    """The checked campaign: a day not in the future, a known channel, a topic (required, at most
    ``TOPIC_MAX`` characters) and the material (title, link or description, optional). Neither text
    may hold an ID or bank card number: they are stored in branch.db, which IT can read."""
    chosen = Channel.parse(str(channel), CHANNEL_FIELD)
    clean_topic = _clean(TOPIC_FIELD, topic, TOPIC_MAX, today).replace("\n", " ")
    if not clean_topic:
        raise required(TOPIC_FIELD)
    return CampaignDraft(
        check_day(day, today), chosen, clean_topic, _clean(MATERIAL_FIELD, material, MATERIAL_MAX, today)
    )


# --------------------------------------------------------------------------------- who counts in a year


def year_window_utc(year: int) -> tuple[str, str]:
    """The Beijing calendar year as stored UTC timestamps ``[start, end)`` (the form
    ``branch_time.utc_timestamp`` writes, so they compare as text)."""
    start = datetime(year, 1, 1, tzinfo=BRANCH_TIME).astimezone(UTC)
    end = datetime(year + 1, 1, 1, tzinfo=BRANCH_TIME).astimezone(UTC)

    def stored(moment: datetime) -> str:
        return moment.isoformat(timespec="microseconds").replace("+00:00", "Z")

    return stored(start), stored(end)


def year_days(year: int) -> tuple[date, date]:
    """The first and last day of ``year`` (inclusive)."""
    return date(year, 1, 1), date(year, 12, 31)


def active_in_year(created_on: date, followup_days: Iterable[date], year: int) -> bool:
    """A client still on record is active in ``year`` when created or followed up in it."""
    return created_on.year == year or any(day.year == year for day in followup_days)


def took_part_in_year(participation_days: Iterable[date], year: int) -> bool:
    return any(day.year == year for day in participation_days)
