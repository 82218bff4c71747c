"""Names for the example county: schools (城区, 镇区, village), and teachers drawn from common
and local surnames."""

from __future__ import annotations

import numpy as np

URBAN_PRIMARY_NAMES = (
    "实验小学",
    "城关第一小学",
    "城关第二小学",
    "城关第三小学",
    "河沥溪小学",
    "西津小学",
    "南山小学",
    "汪溪小学",
    "津北小学",
    "凤形小学",
    "东城小学",
    "青龙湾小学",
)


URBAN_MIDDLE_NAMES = (
    "第一初级中学",
    "第二初级中学",
    "实验中学",
    "津河中学",
    "西津初级中学",
    "南山初级中学",
    "河沥溪初级中学",
)


NINE_YEAR_NAMES = ("宁阳学校", "东城学校", "津北学校", "城南学校", "港湾学校", "桃花潭学校")


TOWN_NAMES = (
    "港口",
    "梅林",
    "中溪",
    "霞西",
    "甲路",
    "胡乐",
    "仙霞",
    "宁墩",
    "竹峰",
    "庄村",
    "天目",
    "狮桥",
    "南极",
    "万家",
    "青龙",
    "方塘",
    "云梯",
    "板桥",
)


VILLAGE_NAMES = (
    "仙霞",
    "龙川",
    "杨山",
    "枫树",
    "桃林",
    "石柱",
    "竹溪",
    "云峰",
    "白沙",
    "黄花",
    "千秋",
    "红旗",
    "高村",
    "岭下",
    "塔山",
    "长岭",
    "水口",
    "东岸",
    "西坑",
    "大坑",
    "岩口",
    "猴岭",
    "夏林",
    "茶园",
    "松坑",
    "葛藤",
    "金沙",
    "马头",
    "上庄",
    "下庄",
    "柏枧",
    "双河",
)


VILLAGE_HEADS = tuple("仙龙杨枫桃石竹云白黄千红高塔长水东西大岩夏茶松金马柏双青乌")


VILLAGE_TAILS = tuple("川山林溪峰坑岭口桥坞田湾源塘")


SURNAMES = tuple(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
    "蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方邹孟熊秦江尹薛"
)


#: Surnames common in south Anhui (汪, 胡, 程, 方 …) weigh a little more.
LOCAL_SURNAMES = "汪胡程方王张李吴"


GIVEN_F = tuple("芳娟敏静丽艳娜霞燕玲婷雪琳颖慧倩洁琴红萍梅兰英华秀云凤莉晶")


GIVEN_M = tuple("伟强磊军勇杰涛斌超明刚平辉鹏华飞建国林峰波宇浩俊文东海志")


def _village_names(n: int, rng: np.random.Generator) -> list[str]:
    """n distinct village names: the list above first, then made-up two-character ones."""
    names = [VILLAGE_NAMES[i] for i in rng.permutation(len(VILLAGE_NAMES))]
    made = [a + b for a in VILLAGE_HEADS for b in VILLAGE_TAILS if a + b not in VILLAGE_NAMES]
    names += [made[i] for i in rng.permutation(len(made))]
    return names[:n]


def _numbered(names: tuple[str, ...], i: int, pattern: str) -> str:
    """The i-th name of a list, or `pattern` with a Chinese ordinal once the list runs out
    (a district has more city schools than there are names): 城区第十三小学."""
    return names[i] if i < len(names) else pattern.format(_zh_number(i + 1))


def _zh_number(n: int) -> str:
    """1 → 一, 13 → 十三, 40 → 四十, 99 → 九十九, 101 → 一百零一, 110 → 一百一十, 256 → 二百五十六
    (for n < 1000: a city has hundreds of primary schools)."""
    digits = "零一二三四五六七八九"
    hundreds, rest = divmod(n, 100)
    tens, ones = divmod(rest, 10)
    if hundreds:
        if rest == 0:
            return digits[hundreds] + "百"
        if tens == 0:
            return digits[hundreds] + "百零" + digits[ones]
        return digits[hundreds] + "百" + digits[tens] + "十" + (digits[ones] if ones else "")
    if tens == 0:
        return digits[ones]
    head = "" if tens == 1 else digits[tens]
    return head + "十" + (digits[ones] if ones else "")


def _names(genders: np.ndarray, rng: np.random.Generator) -> list[str]:
    """A surname and a one- or two-character given name per teacher."""
    pool = SURNAMES + tuple(LOCAL_SURNAMES) * 2
    surnames = rng.choice(len(pool), size=len(genders))
    first = rng.integers(0, len(GIVEN_F), size=len(genders))
    second = rng.integers(0, len(GIVEN_F), size=len(genders))
    two = rng.random(len(genders)) < 0.65
    names = []
    for g, s, a, b, t in zip(genders, surnames, first, second, two, strict=True):
        chars = GIVEN_F if g == "F" else GIVEN_M
        names.append(pool[s] + chars[a % len(chars)] + (chars[b % len(chars)] if t else ""))
    return names
