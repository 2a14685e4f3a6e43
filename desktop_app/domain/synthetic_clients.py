"""Synthetic demo clients: a seeded generator of realistic but invented client drafts.

Names are drawn at random from common Chinese surnames and given-name characters (plus a few
compound surnames and foreign names); resident ID numbers are assembled from a real county-level
division code, a plausible adult birth date and a random sequence with the GB 11643 check character;
mobiles are random numbers in mainland ranges that phonenumbers accepts; addresses are random house
numbers on real streets of Shenzhen, Guangzhou, Beijing and Shanghai; emails use the reserved
example.com/.net/.org domains. Nothing is taken from a real person. Within one generated set no
phone or ID number repeats. The same (count, seed, today) always gives the same clients.

Every draft passes ``validate_draft``; some clients at the subscription stage or later have the
separate sensitive-data consent recorded, so their ID number and income band are kept.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TypeVar

from desktop_app.domain.client_choices import (
    AreaRange,
    BudgetBand,
    IncomeBand,
    IntentionLevel,
    PaymentMethod,
    PropertyType,
    PurchasePurpose,
    PurchaseTimeline,
    SourceChannel,
)
from desktop_app.domain.client_record import ClientDraft, FollowupKind, Stage
from desktop_app.domain.identity_documents import IdType
from desktop_app.domain.labelled_choice import LabelledChoice
from desktop_app.domain.resident_id_numbers import check_character

_T = TypeVar("_T")

DEFAULT_SEED = 20260101

# ------------------------------------------------------------------------------------------------ names

_SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁"
    "任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴"
    "莫孔向汤"
)
_COMPOUND_SURNAMES = ("欧阳", "司马", "上官", "诸葛", "东方", "慕容", "司徒", "皇甫")
_MALE_GIVEN = "伟强磊军勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆帅旭宁龙林峰建国志文博晨轩昊睿泽阳"
_FEMALE_GIVEN = "芳娜敏静丽艳娟霞秀婷玲桂英华慧莹雪琳晶颖倩琪璐瑶欣怡佳悦彤萱涵雅蕾薇洁梅兰婧"
_FOREIGN_NAMES = (
    ("David Miller", True),
    ("Sophie Martin", False),
    ("Lucas Moreau", True),
    ("Anna Schmidt", False),
    ("James O'Brien", True),
    ("Emily Clark", False),
    ("Kenji Tanaka", True),
    ("Maria Garcia-Lopez", False),
)

# -------------------------------------------------------------------------------------- places and IDs

# Real county-level division codes (GB/T 2260) for the first six digits of a resident ID number.
_DIVISION_CODES = (
    "440305",  # 深圳市南山区
    "440304",  # 深圳市福田区
    "440306",  # 深圳市宝安区
    "440106",  # 广州市天河区
    "440104",  # 广州市越秀区
    "445202",  # 揭阳市榕城区
    "440513",  # 汕头市潮阳区
    "441302",  # 惠州市惠城区
    "110105",  # 北京市朝阳区
    "110108",  # 北京市海淀区
    "310115",  # 上海市浦东新区
    "310104",  # 上海市徐汇区
    "430102",  # 长沙市芙蓉区
    "430521",  # 邵东县
    "420106",  # 武汉市武昌区
    "360102",  # 南昌市东湖区
    "510104",  # 成都市锦江区
    "500103",  # 重庆市渝中区
    "450103",  # 南宁市青秀区
    "350203",  # 厦门市思明区
    "330106",  # 杭州市西湖区
    "320102",  # 南京市玄武区
    "370102",  # 济南市历下区
    "410105",  # 郑州市金水区
    "610113",  # 西安市雁塔区
    "230103",  # 哈尔滨市南岗区
    "130104",  # 石家庄市桥西区
    "340104",  # 合肥市蜀山区
)

# city -> (province, {district: streets})
_CITIES: dict[str, tuple[str, dict[str, tuple[str, ...]]]] = {
    "深圳市": (
        "广东省",
        {
            "南山区": ("科苑路", "南海大道", "后海大道", "蛇口工业八路", "深南大道", "南山大道"),
            "福田区": ("福华三路", "益田路", "彩田路", "莲花路", "深南中路", "新洲路"),
            "罗湖区": ("东门中路", "人民南路", "宝安南路", "太宁路"),
            "宝安区": ("宝安大道", "新安六路", "创业一路", "前进二路"),
            "龙岗区": ("龙岗大道", "布吉路", "龙翔大道"),
            "龙华区": ("民治大道", "梅龙大道", "人民路"),
            "盐田区": ("沙头角海景路", "深盐路"),
            "光明区": ("光明大道", "华夏路"),
        },
    ),
    "广州市": (
        "广东省",
        {
            "天河区": ("天河路", "体育西路", "花城大道", "黄埔大道西", "天河北路"),
            "越秀区": ("环市东路", "中山五路", "北京路", "东风中路"),
            "海珠区": ("江南大道中", "新港中路", "工业大道北"),
            "番禺区": ("番禺大道北", "迎宾路", "市桥街光明北路"),
            "白云区": ("白云大道北", "机场路", "同和路"),
        },
    ),
    "北京市": (
        "北京市",
        {
            "朝阳区": ("建国路", "朝阳北路", "望京街", "东三环中路", "北苑路"),
            "海淀区": ("中关村大街", "学院路", "西三环北路", "上地十街"),
            "东城区": ("东直门内大街", "王府井大街", "和平里西街"),
            "西城区": ("西直门外大街", "金融大街", "广安门内大街"),
            "丰台区": ("丰台北路", "南三环西路"),
            "通州区": ("新华西街", "九棵树东路"),
        },
    ),
    "上海市": (
        "上海市",
        {
            "浦东新区": ("世纪大道", "张杨路", "陆家嘴环路", "锦绣路", "杨高南路"),
            "徐汇区": ("漕溪北路", "肇嘉浜路", "天钥桥路"),
            "静安区": ("南京西路", "延安中路", "共和新路"),
            "黄浦区": ("西藏中路", "淮海中路", "河南南路"),
            "闵行区": ("七莘路", "沪闵路", "莘庄镇莘松路"),
            "长宁区": ("仙霞路", "天山路", "虹桥路"),
        },
    ),
}
_CITY_WEIGHTS = {"深圳市": 70, "广州市": 12, "北京市": 9, "上海市": 9}
_BRANCH_CITY = "深圳市"  # the demo branch is in Shenzhen: clients want homes there

# Ranges in use that phonenumbers accepts as mainland mobiles.
_MOBILE_PREFIXES = (
    *(str(p) for p in range(130, 140)),
    "150",
    "151",
    "152",
    "153",
    "155",
    "156",
    "157",
    "158",
    "159",
    "166",
    "176",
    "177",
    "178",
    *(str(p) for p in range(180, 190)),
    "198",
    "199",
)

_EMAIL_HANDLES = ("sunny", "happyhome", "skyblue", "leo", "mia", "oceanview", "greenleaf", "star", "anan")
_EMAIL_DOMAINS = ("example.com", "example.net", "example.org")

# ------------------------------------------------------------------------------------------- the texts

_NOTES = (
    "首次到店，关注学区房。",
    "预算有限，倾向小户型。",
    "希望近地铁，周末方便看房。",
    "改善型需求，想换三房。",
    "工作日晚上联系较方便。",
    "比较关注物业和小区环境。",
    "为父母购房，要求低楼层带电梯。",
    "",
    "",
)
_CALL_NOTES = (
    "电话回访，客户表示本周末可来看房。",
    "电话沟通首付和按揭方案。",
    "客户来电询问新推房源，已发资料。",
    "电话跟进，客户仍在比较其他楼盘。",
    "提醒客户认购所需材料。",
)
_VISIT_NOTES = (
    "带看{district}楼盘三房，客户对户型满意。",
    "带看{district}两套二手房，客户嫌楼层偏低。",
    "客户到店面谈，初步确定意向楼盘。",
    "陪同客户复看{district}样板间。",
    "到店签署认购相关文件。",
)

_STAGE_WEIGHTS = {
    Stage.LEAD: 30,
    Stage.VISITING: 35,
    Stage.SUBSCRIPTION: 15,
    Stage.CONTRACT: 12,
    Stage.CLOSED: 8,
}
_SOURCE_WEIGHTS = {
    SourceChannel.WALK_IN: 30,
    SourceChannel.PHONE_CALL: 20,
    SourceChannel.ONLINE: 25,
    SourceChannel.REFERRAL: 15,
    SourceChannel.AGENCY: 10,
}
_LATER_STAGES = frozenset({Stage.SUBSCRIPTION, Stage.CONTRACT, Stage.CLOSED})


@dataclass(frozen=True)
class SyntheticFollowup:
    ago: timedelta  # how long before "now" it happened (always positive: in the past)
    kind: FollowupKind
    note: str


@dataclass(frozen=True)
class SyntheticClient:
    draft: ClientDraft
    followups: tuple[SyntheticFollowup, ...]  # oldest first


def _weighted(rng: random.Random, weights: dict[_T, int]) -> _T:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


class _Generator:
    def __init__(self, seed: int, today: date) -> None:
        self.rng = random.Random(seed)
        self.today = today
        self.phones: set[str] = set()
        self.id_numbers: set[str] = set()

    # --- pieces ---------------------------------------------------------------------------------

    def name(self, male: bool) -> str:
        rng = self.rng
        surname = rng.choice(_COMPOUND_SURNAMES) if rng.random() < 0.03 else rng.choice(_SURNAMES)
        pool = _MALE_GIVEN if male else _FEMALE_GIVEN
        length = 1 if rng.random() < 0.3 else 2
        return surname + "".join(rng.choice(pool) for _ in range(length))

    def phone(self) -> str:
        while True:
            number = self.rng.choice(_MOBILE_PREFIXES) + f"{self.rng.randrange(10**8):08d}"
            if number not in self.phones:
                self.phones.add(number)
                return number

    def resident_id(self, male: bool) -> str:
        rng = self.rng
        while True:
            born = self.today - timedelta(days=rng.randrange(23 * 365, 66 * 365))
            sequence = rng.randrange(0, 100) * 10 + rng.choice((1, 3, 5, 7, 9) if male else (0, 2, 4, 6, 8))
            first_17 = f"{rng.choice(_DIVISION_CODES)}{born:%Y%m%d}{sequence:03d}"
            number = first_17 + check_character(first_17)
            if number not in self.id_numbers:
                self.id_numbers.add(number)
                return number

    def passport(self) -> str:
        while True:
            number = self.rng.choice("CEKPX") + f"{self.rng.randrange(10**8):08d}"
            if number not in self.id_numbers:
                self.id_numbers.add(number)
                return number

    def address(self) -> tuple[str, str, str, str]:
        rng = self.rng
        city = _weighted(rng, _CITY_WEIGHTS)
        province, districts = _CITIES[city]
        district = rng.choice(sorted(districts))
        street = rng.choice(districts[district])
        detail = (
            f"{street}{rng.randrange(1, 3000)}号{rng.randrange(1, 30)}栋"
            f"{rng.randrange(2, 33)}{rng.randrange(1, 9):02d}室"
        )
        return province, city, district, detail

    def intended_districts(self) -> str:
        districts = sorted(_CITIES[_BRANCH_CITY][1])
        return "、".join(self.rng.sample(districts, self.rng.randint(1, 3)))

    def followups(self, stage: Stage, wanted: str) -> tuple[SyntheticFollowup, ...]:
        rng = self.rng
        count = {
            Stage.LEAD: rng.randint(0, 1),
            Stage.VISITING: rng.randint(1, 3),
        }.get(stage, rng.randint(2, 4))
        district = wanted.split("、")[0] if wanted else "南山区"
        ages = sorted(
            (
                timedelta(days=rng.randrange(1, 180), hours=rng.randrange(0, 10), minutes=rng.randrange(60))
                for _ in range(count)
            ),
            reverse=True,
        )
        result = []
        for ago in ages:
            kind = FollowupKind.VISIT if rng.random() < 0.45 else FollowupKind.CALL
            template = rng.choice(_VISIT_NOTES if kind is FollowupKind.VISIT else _CALL_NOTES)
            result.append(SyntheticFollowup(ago, kind, template.format(district=district)))
        return tuple(result)

    # --- a client -------------------------------------------------------------------------------

    def client(self) -> SyntheticClient:
        rng = self.rng
        stage = _weighted(rng, _STAGE_WEIGHTS)
        male = rng.random() < 0.55
        foreign = rng.random() < 0.02
        if foreign:
            name, male = rng.choice(_FOREIGN_NAMES)
        elif stage is Stage.LEAD and rng.random() < 0.15:
            name = rng.choice(_SURNAMES) + ("先生" if male else "女士")
        else:
            name = self.name(male)
        later = stage in _LATER_STAGES
        consent = later and rng.random() < 0.7
        id_type = id_number = income = ""
        if consent:
            if foreign:
                id_type, id_number = IdType.FOREIGN_PASSPORT.value, self.passport()
            else:
                id_type, id_number = IdType.RESIDENT_ID.value, self.resident_id(male)
            income = rng.choice(list(IncomeBand)).value
        province = city = district = detail = ""
        if later or rng.random() < 0.4:
            province, city, district, detail = self.address()
        email = ""
        if rng.random() < 0.25:
            email = f"{rng.choice(_EMAIL_HANDLES)}{rng.randrange(10, 9999)}@{rng.choice(_EMAIL_DOMAINS)}"
        wanted = self.intended_districts() if stage is not Stage.LEAD or rng.random() < 0.5 else ""
        detailed = stage is not Stage.LEAD or rng.random() < 0.5

        def maybe(options: Sequence[LabelledChoice]) -> str:
            return rng.choice(options).value if detailed else ""

        if later:
            intention = IntentionLevel.A.value
        elif stage is Stage.VISITING:
            intention = rng.choice(list(IntentionLevel)).value
        else:
            intention = rng.choice((IntentionLevel.B, IntentionLevel.C)).value
        draft = ClientDraft(
            name=name,
            phone=self.phone(),
            stage=stage.value,
            id_type=id_type,
            id_number=id_number,
            email=email,
            province=province,
            city=city,
            district=district,
            address_detail=detail,
            income_band=income,
            intended_districts=wanted,
            choices={  # drawn in this order: the generated clients stay the same for a seed
                "property_type": maybe(
                    (PropertyType.RESIDENTIAL,) * 6 + (PropertyType.APARTMENT, PropertyType.PARKING)
                ),
                "area_range": maybe(list(AreaRange)),
                "budget_band": maybe(list(BudgetBand)),
                "payment_method": maybe((PaymentMethod.MORTGAGE,) * 3 + (PaymentMethod.FULL,)),
                "purchase_purpose": maybe((PurchasePurpose.OWN_USE,) * 3 + (PurchasePurpose.INVESTMENT,)),
                "purchase_timeline": maybe(list(PurchaseTimeline)),
                "intention_level": intention,
                "source_channel": _weighted(rng, _SOURCE_WEIGHTS).value,
            },
            notes=rng.choice(_NOTES),
            sensitive_consent=consent,
        )
        return SyntheticClient(draft, self.followups(stage, wanted))


def synthetic_clients(count: int, *, seed: int = DEFAULT_SEED, today: date) -> list[SyntheticClient]:
    """``count`` invented clients (drafts as intake would type them, plus past follow-ups);
    ``today`` bounds the birth dates in their ID numbers (all are adults, 23 to 65)."""
    if count < 0:
        raise ValueError("count must not be negative")
    generator = _Generator(seed, today)
    return [generator.client() for _ in range(count)]
