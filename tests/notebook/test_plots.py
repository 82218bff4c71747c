"""Charts: matplotlib Figures with Chinese labels in a Chinese font, or English labels and one
warning when no Chinese font is installed."""

from __future__ import annotations

import warnings

import office_plans
import pytest

import rotation

matplotlib = pytest.importorskip("matplotlib")
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.text import Text  # noqa: E402

from rotation.reports import plots  # noqa: E402


def _texts(fig: Figure) -> list[str]:
    fig.canvas.draw()
    return [t.get_text() for t in fig.findobj(Text) if t.get_text()]


def _needs_cjk() -> None:
    if plots.cjk_font() is None:
        pytest.skip("no Chinese font installed (apt-get install fonts-noto-cjk)")


def test_every_kind_of_chart_is_a_figure(tmp_path):
    zh_plan = office_plans.zh_plan()
    for kind in ("cv", "map", "trajectory"):
        fig = zh_plan.plot(kind)
        assert isinstance(fig, Figure) and fig.axes
        fig.savefig(tmp_path / f"{kind}.png")
        assert (tmp_path / f"{kind}.png").stat().st_size > 5000
    with pytest.raises(ValueError, match="kind"):
        zh_plan.plot("pie")


def test_chinese_labels_use_a_chinese_font_and_render_without_missing_glyphs():
    zh_plan = office_plans.zh_plan()
    _needs_cjk()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a missing glyph warns: "Glyph … missing from font"
        fig = zh_plan.plot("cv")
        texts = _texts(fig)
    assert "差异系数与标准" in texts and "小学" in texts and "标准（不高于）" in texts
    families = {tuple(t.get_fontfamily()) for t in fig.findobj(Text) if t.get_text()}
    assert all(f[0] == plots.cjk_font() for f in families)
    assert "城关第一小学" in _texts(zh_plan.plot("map"))
    assert "差异系数逐年变化" in _texts(zh_plan.plot("trajectory"))


def test_an_evaluation_plots_its_cvs_against_the_thresholds():
    zh_roster = office_plans.zh_roster()
    en_roster = office_plans.en_roster()
    _needs_cjk()
    texts = _texts(rotation.evaluate(zh_roster).plot())
    assert "0.804" in texts and "高于规定\n学历教师" in texts
    english = _texts(rotation.evaluate(en_roster).plot())
    assert "CVs against their thresholds" in english and "Primary" in english


def test_without_a_chinese_font_labels_fall_back_to_english_and_warn_once(monkeypatch):
    zh_plan = office_plans.zh_plan()
    monkeypatch.setattr(plots, "cjk_font", lambda: None)
    monkeypatch.setattr(plots, "_warned", False)
    with pytest.warns(UserWarning, match="fonts-noto-cjk"):
        fig = zh_plan.plot("map")
    texts = _texts(fig)
    assert "Moves between schools" in texts and "NG01" in texts
    assert not any("\u4e00" <= c <= "\u9fff" for t in texts for c in t)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        zh_plan.plot("cv")  # the second chart does not warn again
