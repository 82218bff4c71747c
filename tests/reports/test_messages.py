"""The message catalogue: every key in both languages, with the same placeholders."""

from __future__ import annotations

import re

import pytest

from rotation.io.vocabulary import (
    AREAS,
    BACKBONE_LEVELS,
    EDUCATION_LEVELS,
    GENDERS,
    STAGES,
    SUBJECTS,
)
from rotation.messages import LANGS, MESSAGES, placeholders, text
from rotation.policy.eligible import REASONS
from rotation.policy.settings import Policy

OFFICIAL_ZH = {
    "L1": "每百名学生拥有高于规定学历教师数",
    "L2": "每百名学生拥有县级及以上骨干教师数",
    "L3": "每百名学生拥有体育、艺术（美术、音乐）专任教师数",
    "L4": "生均教学及辅助用房面积",
    "L5": "生均体育运动场馆面积",
    "L6": "生均教学仪器设备值",
    "L7": "每百名学生拥有网络多媒体教室数",
}


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_every_key_has_both_languages_with_the_same_placeholders(key):
    entry = MESSAGES[key]
    assert set(entry) == set(LANGS)
    assert all(entry[lang].strip() for lang in LANGS)
    assert placeholders(entry["zh"]) == placeholders(entry["en"])


#: Names a Chinese sentence keeps as they are: file formats, programs, commands (rotation
#: posts), column names of the
#: contract (teacher_id), and the English words a cell or a policy file may hold (yes/no,
#: true/false).
TECHNICAL = (
    r"(?<![A-Za-z])(--[a-z]+(-[a-z]+)*|\[[a-z_]+\]|CSV|UTF|GB18030|Excel|WPS|TOML|xlsx|xls|yes|no"
    r"|true|false|rotation [a-z]+(-[a-z]+)*"
    r"|[a-z]+(_[a-z]+)+)(?![A-Za-z])"
)


def test_chinese_messages_are_chinese():
    """A Chinese message holds Chinese (or is a code, a unit or a format) — no English left."""
    for key, entry in MESSAGES.items():
        zh = entry["zh"]
        bare = re.sub(r"\{[^}]*\}|&[PN]", "", zh)
        bare = re.sub(TECHNICAL, "", bare)
        if bare.strip():
            assert not re.search(r"[A-Za-z]{3,}", bare), (key, zh)


def test_official_indicator_wording():
    for code, name in OFFICIAL_ZH.items():
        assert text(f"indicator.{code}") == name


def test_every_code_of_the_roster_has_words():
    families = {
        "stage": STAGES,
        "area": AREAS,
        "subject": SUBJECTS,
        "education": EDUCATION_LEVELS,
        "backbone": BACKBONE_LEVELS,
        "gender": GENDERS,
    }
    for family, codes in families.items():
        for code in codes:
            assert f"{family}.{code}" in MESSAGES, (family, code)
    assert text("stage.primary") == "小学" and text("area.rural") == "乡村"
    assert text("subject.morality") == "道德与法治" and text("subject.it") == "信息科技"
    assert [text(f"backbone.{b}") for b in BACKBONE_LEVELS] == [
        "无",
        "县级",
        "市级",
        "省级",
        "国家级",
    ]


def test_rules_reasons_and_settings_are_covered():
    for k in range(1, 12):
        assert f"rule.R{k}" in MESSAGES and f"rule.R{k}.meaning" in MESSAGES
    for code in REASONS:
        assert f"eligibility.{code}" in MESSAGES
    for name in Policy.__dataclass_fields__:
        assert f"policy.{name}" in MESSAGES


def test_text_fills_placeholders_and_rejects_unknown_keys():
    assert text("eligibility.eligible", years=8) == "在本校连续任教8年，符合交流条件"
    assert text("eligibility.eligible", "en", years=8) == "eligible: 8 years at the school"
    with pytest.raises(KeyError):
        text("no.such.key")
    with pytest.raises(KeyError):
        text("stage.primary", "fr")  # type: ignore[arg-type]
