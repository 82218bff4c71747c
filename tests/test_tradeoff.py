"""The trade-off curve over the rotation ratio: `tradeoff` and `rotation tradeoff`."""

from __future__ import annotations

import pandas as pd
from rosters import YEAR, random_county

from rotation.cli import main
from rotation.model import SolverSettings
from rotation.planning.tradeoff import TRADEOFF_COLUMNS, tradeoff

SETTINGS = SolverSettings(time_limit=5, num_workers=1, seed=0, deterministic=True)
RATIOS = (0.10, 0.20, 0.30)


def test_moves_grow_with_the_ratio_and_the_curve_repeats():
    county = random_county(3, n_schools=5, n_teachers=60)
    curve = tradeoff(county, year=YEAR, ratios=RATIOS, settings=SETTINGS)
    assert list(curve.columns) == list(TRADEOFF_COLUMNS)
    assert list(curve.index) == list(RATIOS)
    feasible = curve[curve["feasible"]]
    assert feasible["moves"].is_monotonic_increasing and len(feasible) >= 2
    assert (feasible["cvs_passing"] <= feasible["cvs_judged"]).all()
    again = tradeoff(county, year=YEAR, ratios=RATIOS, settings=SETTINGS)
    pd.testing.assert_frame_equal(curve, again)


def test_cli_tradeoff_writes_the_curve_and_the_chart(tmp_path, capsys):
    folder = tmp_path / "county"
    folder.mkdir()
    county = random_county(3, n_schools=5, n_teachers=60)
    county.schools.to_csv(folder / "schools.csv", index=False)
    county.teachers.to_csv(folder / "teachers.csv", index=False)
    out, png = tmp_path / "curve.csv", tmp_path / "curve.png"
    args = ["tradeoff", str(folder), "--out", str(out), "--png", str(png), "--year", str(YEAR)]
    args += ["--ratios", "0.1,0.2", "--time-limit", "5", "--deterministic", "--lang", "en"]
    assert main(args) == 0
    assert "ratio 10%:" in capsys.readouterr().out
    assert pd.read_csv(out, encoding="utf-8-sig")["ratio"].tolist() == [0.1, 0.2]
    assert png.stat().st_size > 0
    bad = ["tradeoff", str(folder), "--out", str(out), "--ratios", "abc", "--lang", "en"]
    assert main(bad) == 1
