"""Errors rendered in Chinese hold no English sentence: each message comes from the catalogue.

What may stay in Latin letters is what the user wrote or must write: file names, the values
quoted back, setting keys and codes (min_rotation_ratio, not_to), file formats (TOML).
"""

from __future__ import annotations

import re

import pandas as pd
import pytest
from rosters import YEAR, roster, school, teacher

from rotation.errors import InputError, RotationError
from rotation.io.history import read_history
from rotation.io.roads import read_roads
from rotation.model.pins import validate_pins
from rotation.planning.planner import plan
from rotation.policy.toml import policy_from_dict

#: Latin words a Chinese error may keep: keys and codes of the contract (snake_case), TOML
#: tables and formats; lists of codes (anhui、sichuan …) are taken out before.
ALLOWED = r"(?<![A-Za-z])(\[[a-z_.A-Z]+\]|TOML|CSV|true|false|[a-z]+(_[a-z]+)+)(?![A-Za-z])"
CODE_LIST = r"[A-Za-z0-9_]+([、或][A-Za-z0-9_]+)+"


def english_left(rendered: str, *written: str) -> list[str]:
    """Words of three or more Latin letters left once quoted values, the names of the files
    in `written`, lists of codes and the allowed words are taken out."""
    bare = rendered
    for name in written:
        bare = bare.replace(name, "")
    bare = re.sub(r"“[^”]*”|'[^']*'", "", bare)
    bare = re.sub(CODE_LIST, "", bare)
    bare = re.sub(ALLOWED, "", bare)
    return re.findall(r"[A-Za-z]{3,}", bare)


def chinese(err: RotationError, *written: str) -> str:
    rendered = err.render("zh")
    assert not english_left(rendered, *written), rendered
    assert re.search(r"[\u4e00-\u9fff]", rendered)
    return rendered


def test_a_policy_with_a_bad_key_and_bad_values():
    with pytest.raises(InputError) as err:
        policy_from_dict(
            {"min_rotation_ratio": 2, "direction": "inward", "no_such_key": 1, "preset": "mars"},
            "policy.toml",
        )
    zh = chinese(err.value, "policy.toml")
    assert "无此设置项" in zh and "无此预设方案" in zh and "0到1之间的比例" in zh
    assert "any、outward或strong_to_weak" in zh
    assert "invalid setting" in err.value.render("en")  # the English is as it was


def test_pins_with_an_unknown_action():
    r = roster([school("A"), school("B")], [teacher("t1", "A"), teacher("t2", "A")])
    pins = pd.DataFrame(
        {"teacher_id": ["t1", "t2", "t2"], "action": ["fly", "stay", "to"], "school": ["", "", ""]}
    )
    pins.attrs["source"] = "pins.csv"
    with pytest.raises(InputError) as err:
        validate_pins(r, pins)
    zh = chinese(err.value, "pins.csv")
    assert "无法识别的安排" in zh and "安排为“to”时须填写学校" in zh
    assert "unknown action" in str(err.value)


def test_a_road_table_with_a_bad_length(tmp_path):
    bad_length = tmp_path / "roads.csv"
    bad_length.write_text("from,to,km\nA,B,far\nB,C,-1\n", encoding="utf-8")
    two_units = tmp_path / "both.csv"
    two_units.write_text("from,to,km,minutes\nA,B,1,2\n", encoding="utf-8")
    for path, words in ((bad_length, "距离有误"), (two_units, "只能使用一种单位")):
        with pytest.raises(InputError) as err:
            read_roads(path)
        assert words in chinese(err.value, str(path))


def test_a_history_with_inconsistent_years():
    schools = [school("A"), school("B")]
    first = [teacher("t1", "A", years=4), teacher("t2", "B", years=2, birth_year=1980)]
    second = [teacher("t1", "A", years=9), teacher("t2", "B", years=3, birth_year=1981)]
    rosters = {YEAR: roster(schools, first), YEAR + 1: roster(schools, second)}
    rosters[YEAR + 3] = roster(schools, second)
    with pytest.raises(InputError) as err:
        read_history(rosters)
    zh = chinese(err.value)
    assert f"{YEAR + 1}年与{YEAR + 3}年不连续" in zh and f"应为{YEAR + 2}年的花名册" in zh
    assert "本校任教年限与上一年不衔接" in zh and "出生年份与" in zh


def test_an_invalid_horizon():
    r = roster([school("A")], [teacher("t1", "A")])
    with pytest.raises(InputError) as err:
        plan(r, horizon=0, progress=False)
    assert "不小于1的整数" in chinese(err.value)
