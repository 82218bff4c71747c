"""The canonical codes and column names of a roster, with the Chinese words offices use for them.

Everything that reads a roster or writes one in Chinese goes through this table, so an alias is
added in exactly one place.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from rotation.messages import Text, Words

STAGES: tuple[str, ...] = ("primary", "middle")
AREAS: tuple[str, ...] = ("urban", "town", "rural")
SUBJECTS: tuple[str, ...] = (
    "chinese",
    "math",
    "english",
    "morality",
    "science",
    "physics",
    "chemistry",
    "biology",
    "history",
    "geography",
    "pe",
    "music",
    "art",
    "it",
    "labor",
    "other",
)
EDUCATION_LEVELS: tuple[str, ...] = ("secondary", "associate", "bachelor", "master", "doctor")
BACKBONE_LEVELS: tuple[str, ...] = ("none", "county", "city", "province", "national")
GENDERS: tuple[str, ...] = ("M", "F")
ROLES: tuple[str, ...] = ("teacher", "principal", "vice_principal")
SCHOOL_TYPES: tuple[str, ...] = ("regular", "teaching_point", "special")

STAGE_ZH = {"primary": "小学", "middle": "初中"}


def normalise(text: str) -> str:
    """Fold the harmless differences between two spellings of a header or a code.

    Full-width characters, case, spaces, underscores, hyphens and brackets are ignored, so
    "学校代码", "学校 代码" and "学校代码（km）" compare by their letters.
    """
    text = unicodedata.normalize("NFKC", str(text)).strip().lower()
    return re.sub(r"[\s_\-()（）\[\]【】/·.:：]+", "", text)


def _codes(table: Mapping[str, tuple[str, ...]]) -> dict[str, str]:
    """Alias → canonical code, the canonical code being an alias of itself."""
    out: dict[str, str] = {}
    for code, aliases in table.items():
        for alias in (code, *aliases):
            out[normalise(alias)] = code
    return out


STAGE_CODES = _codes(
    {
        "primary": ("小学", "小学部", "小学段", "小学阶段", "小学学段"),
        "middle": ("初中", "初中部", "初中段", "初中阶段", "初中学段", "初级中学"),
    }
)
AREA_CODES = _codes(
    {
        "urban": ("城区", "城市", "县城", "城镇"),
        "town": ("镇区", "镇", "乡镇", "集镇"),
        "rural": ("乡村", "农村", "村"),
    }
)
SUBJECT_CODES = _codes(
    {
        "chinese": ("语文",),
        "math": ("数学", "mathematics"),
        "english": ("英语", "外语"),
        "morality": ("道德与法治", "道法", "品德", "思想品德", "思品", "政治", "品德与社会"),
        "science": ("科学",),
        "physics": ("物理",),
        "chemistry": ("化学",),
        "biology": ("生物",),
        "history": ("历史",),
        "geography": ("地理",),
        "pe": ("体育", "体育与健康", "physical education"),
        "music": ("音乐",),
        "art": ("美术", "fine arts"),
        "it": ("信息科技", "信息技术", "computing"),
        "labor": ("劳动", "劳动教育", "labour"),
        "other": ("综合实践", "综合实践活动", "其他", "其它", "心理健康", "书法"),
    }
)
#: The forms of study an office writes before a degree (全日制本科, 在职研究生, 函授大专…) and
#: the words it writes after one (本科学历, 大专毕业); the degree alone decides the level.
STUDY_FORMS: tuple[str, ...] = (
    "全日制",
    "在职",
    "非全日制",
    "函授",
    "自考",
    "成人",
    "电大",
    "网络教育",
)
DEGREE_SUFFIXES: tuple[str, ...] = ("学历", "毕业")

_EDUCATION_WORDS: dict[str, tuple[str, ...]] = {
    "secondary": (
        "中专",
        "中师",
        "中等师范",
        "中等专科",
        "中等专业学校",
        "职高",
        "高中",
        "高中及以下",
        "初中及以下",
    ),
    "associate": ("专科", "大专", "大学专科", "高职", "高等专科", "师专"),
    "bachelor": ("本科", "大学本科", "学士"),
    "master": ("硕士", "研究生", "硕士研究生", "研究生硕士", "教育硕士"),
    "doctor": ("博士", "博士研究生", "研究生博士", "phd"),
}


def _with_forms(words: tuple[str, ...]) -> tuple[str, ...]:
    """Each word as written alone, after a form of study, and followed by 学历/毕业."""
    out: list[str] = []
    for word in words:
        if word.isascii():
            out.append(word)
            continue
        for stem in (word, *(form + word for form in STUDY_FORMS)):
            out += [stem, *(stem + suffix for suffix in DEGREE_SUFFIXES)]
    return tuple(dict.fromkeys(out))


EDUCATION_CODES = _codes({code: _with_forms(words) for code, words in _EDUCATION_WORDS.items()})

#: Backbone levels: the level word an office writes, alone or before a title that counts at
#: that level (县级骨干教师, 市级学科带头人, 省级教学能手, 国家级名师…). 特级教师 counts as
#: provincial. Several titles in one cell (市级骨干教师、县级学科带头人) count at the highest.
BACKBONE_LEVEL_WORDS: dict[str, tuple[str, ...]] = {
    "county": ("县级", "区级", "县区级", "县(区)级"),
    "city": ("市级", "地市级", "州级"),
    "province": ("省级",),
    "national": ("国家级", "国级", "全国"),
}
BACKBONE_TITLES: tuple[str, ...] = (
    "骨干",
    "骨干教师",
    "学科带头人",
    "教学能手",
    "名师",
    "名校长",
)
BACKBONE_CODES = _codes(
    {
        "none": ("无", "否", "非骨干", "不是", "no", "-", "/", "—"),
        **{
            level: (*words, *(w + title for w in words for title in BACKBONE_TITLES))
            for level, words in BACKBONE_LEVEL_WORDS.items()
        },
    }
)
BACKBONE_CODES[normalise("特级教师")] = "province"
BACKBONE_CODES[normalise("特级")] = "province"
#: The actions of a pins file (contract "Pins"): 交流 / 留任 / 指定 / 不去.
PIN_ACTION_CODES = _codes(
    {
        "move": ("交流", "轮岗", "交流轮岗"),
        "stay": ("留任", "不交流"),
        "to": ("指定", "指定学校"),
        "not_to": ("不去", "回避"),
    }
)
GENDER_CODES = _codes({"M": ("男", "male", "m"), "F": ("女", "female", "f")})
ROLE_CODES = _codes(
    {
        "teacher": ("教师", "专任教师", "普通教师", "老师"),
        "principal": ("校长", "正校长", "书记校长", "党支部书记、校长"),
        "vice_principal": ("副校长", "vice principal", "vice-principal"),
    }
)
SCHOOL_TYPE_CODES = _codes(
    {
        "regular": (
            "普通",
            "普通学校",
            "完全小学",
            "中心小学",
            "中心学校",
            "村小",
            "小学",
            "初级中学",
            "初中",
            "中学",
            "九年一贯制",
            "九年一贯制学校",
            "nine_year",
        ),
        "teaching_point": ("教学点", "teaching point"),
        "special": ("特殊教育学校", "特殊教育", "特教", "special education"),
    }
)

TRUE_WORDS = frozenset(normalise(w) for w in ("true", "yes", "y", "1", "是", "√", "✓"))
FALSE_WORDS = frozenset(normalise(w) for w in ("false", "no", "n", "0", "否", "", "无"))

ColumnKind = Literal["id", "text", "code", "int", "number", "bool", "reason", "date"]


@dataclass(frozen=True)
class Column:
    """One canonical column: how it is spelled, what it holds, whether a roster must have it."""

    name: str
    kind: ColumnKind
    zh: str
    required: bool = False
    aliases: tuple[str, ...] = ()
    codes: Mapping[str, str] = field(default_factory=dict)
    minimum: float | None = 0
    meaning: str = ""
    #: For a code column whose cell may list several values (市级骨干教师、县级学科带头人):
    #: the codes from lowest to highest; the cell counts as its highest value.
    ranked: tuple[str, ...] = ()

    def expected(self) -> Text:
        """What a valid value looks like, for error messages (in either language)."""
        if self.kind == "code":
            canon = sorted(set(self.codes.values()), key=list(self.codes.values()).index)
            zh = "、".join(to_chinese(self.codes, c) for c in canon)
            return Text("expected.one_of", codes=Words(zh, ", ".join(canon)))
        if self.kind == "number":
            return Text("expected.number_positive" if self.minimum == 0 else "expected.number")
        return Text(f"expected.{self.kind}")


SCHOOL_COLUMNS: tuple[Column, ...] = (
    Column("school_id", "id", "学校代码", True, ("学校编号", "学校标识码", "学校id", "校码")),
    Column("name", "text", "学校名称", aliases=("校名", "学校")),
    Column("area", "code", "所在区域", True, ("区域", "城乡类型", "城乡分类", "城乡"), AREA_CODES),
    Column("students_primary", "int", "小学在校生数", aliases=("小学学生数", "小学生数")),
    Column("classes_primary", "int", "小学班级数", aliases=("小学班数",)),
    Column("students_middle", "int", "初中在校生数", aliases=("初中学生数", "初中生数")),
    Column("classes_middle", "int", "初中班级数", aliases=("初中班数",)),
    Column("group", "text", "校共体", aliases=("教育集团", "集团", "学校集团", "学区")),
    Column("county", "text", "区县", aliases=("县区", "所属区县", "所在区县", "区县名称")),
    Column("x_km", "number", "横坐标km", aliases=("横坐标", "x坐标", "xkm", "x"), minimum=None),
    Column("y_km", "number", "纵坐标km", aliases=("纵坐标", "y坐标", "ykm", "y"), minimum=None),
    Column(
        "teaching_area_m2",
        "number",
        "教学及辅助用房面积",
        aliases=("教学及辅助用房面积m2", "教学辅助用房面积", "教学用房面积"),
    ),
    Column(
        "sports_area_m2",
        "number",
        "体育运动场馆面积",
        aliases=("体育运动场馆面积m2", "运动场馆面积", "体育场馆面积"),
    ),
    Column(
        "equipment_value_yuan",
        "number",
        "教学仪器设备值",
        aliases=("教学仪器设备值元", "仪器设备值", "教学仪器设备总值"),
    ),
    Column(
        "multimedia_rooms",
        "number",
        "网络多媒体教室数",
        aliases=("多媒体教室数", "网络多媒体教室"),
    ),
    Column("staff_quota_primary", "int", "小学编制数", aliases=("小学核定编制",)),
    Column("staff_quota_middle", "int", "初中编制数", aliases=("初中核定编制",)),
    Column("school_type", "code", "学校类型", aliases=("办学类型",), codes=SCHOOL_TYPE_CODES),
)

TEACHER_COLUMNS: tuple[Column, ...] = (
    Column("teacher_id", "id", "教师编号", True, ("教师代码", "工号", "教职工号", "教师id")),
    Column("name", "text", "姓名", aliases=("教师姓名",)),
    Column("gender", "code", "性别", True, codes=GENDER_CODES),
    Column("birth_year", "int", "出生年份", True, ("出生年",)),
    Column("birth_date", "date", "出生日期", aliases=("出生年月", "出生年月日", "生日")),
    Column("school_id", "id", "学校代码", True, ("学校编号", "学校标识码", "所在学校代码")),
    Column("stage", "code", "任教学段", True, ("学段",), STAGE_CODES),
    Column("subject", "code", "任教学科", True, ("学科", "主教学科"), SUBJECT_CODES),
    Column("education", "code", "最高学历", True, ("学历",), EDUCATION_CODES),
    Column(
        "backbone",
        "code",
        "骨干教师级别",
        True,
        ("骨干级别", "骨干", "骨干教师", "骨干教师等级"),
        BACKBONE_CODES,
        ranked=BACKBONE_LEVELS,
    ),
    Column(
        "years_at_school",
        "int",
        "本校连续任教年限",
        True,
        ("本校任教年限", "本校工作年限", "在本校年限", "本校连续工作年限"),
    ),
    Column("role", "code", "职务", aliases=("行政职务",), codes=ROLE_CODES),
    Column("exempt", "reason", "免于交流", aliases=("豁免", "免交流", "暂缓交流", "exemption")),
    Column("on_leave", "bool", "休假", aliases=("请假", "长期休假", "是否休假")),
    Column(
        "home_school_id",
        "id",
        "原学校代码",
        aliases=("派出学校代码", "人事关系学校代码", "原单位代码"),
    ),
    Column("rotation_start_year", "int", "交流开始年份", aliases=("轮岗开始年份",)),
    Column("rotation_end_year", "int", "交流结束年份", aliases=("轮岗结束年份",)),
    Column("leader_terms", "int", "任职届数", aliases=("本校任职届数", "届数")),
    Column(
        "preferred_schools", "text", "意向学校", aliases=("志愿学校", "交流意向", "意向学校代码")
    ),
)

TABLES: dict[str, tuple[Column, ...]] = {"schools": SCHOOL_COLUMNS, "teachers": TEACHER_COLUMNS}
SHEET_NAMES: dict[str, tuple[str, ...]] = {
    "schools": ("schools", "学校", "学校信息", "学校基本信息"),
    "teachers": ("teachers", "教师", "教师信息", "教师名册", "教师花名册"),
}


def header_aliases(columns: tuple[Column, ...]) -> dict[str, str]:
    """Every accepted spelling of every column, normalised → canonical name."""
    out: dict[str, str] = {}
    for col in columns:
        for alias in (col.name, col.zh, *col.aliases):
            out.setdefault(normalise(alias), col.name)
    return out


EDUCATION_RANK = {level: i for i, level in enumerate(EDUCATION_LEVELS)}
BACKBONE_RANK = {level: i for i, level in enumerate(BACKBONE_LEVELS)}


def to_chinese(code_table: Mapping[str, str], code: str) -> str:
    """The first Chinese alias of a canonical code (for writing a roster the way an office does)."""
    for alias, canon in code_table.items():
        if canon == code and not alias.isascii():
            return alias
    return code
