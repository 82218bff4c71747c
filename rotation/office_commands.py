"""The commands of the office's process around a plan: `rotation posts` (publish the posts),
`rotation fill` (fill them from the teachers' applications) and `rotation tradeoff` (moves
against CVs over the rotation ratio). Registered by `rotation.cli`.

Each prints in one language (``--lang zh|en``, by default the roster's) and returns the exit
code of the contract: 0 done, 1 invalid input (an InputError, which `rotation.cli` prints),
2 no plan, 3 a plan that fails its independent check.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from rotation.commands import lang_option, language
from rotation.errors import InputError, Problem
from rotation.io.posts import read_applications, read_posts
from rotation.io.roads import read_roads
from rotation.io.roster import read_roster
from rotation.messages import Text, text
from rotation.model import SolverSettings
from rotation.planning.posts import fill, posts
from rotation.planning.tradeoff import tradeoff
from rotation.policy.toml import read_policy
from rotation.reports.office import atomic_path
from rotation.reports.plots import tradeoff_figure

__all__ = ["OFFICE_COMMANDS", "add_office_commands"]

#: Exit code when a plan fails the independent check (as rotation.cli).
EXIT_UNVERIFIED = 3


def add_office_commands(sub: argparse._SubParsersAction) -> None:
    """Add posts, fill and tradeoff to the `rotation` parser."""
    po = sub.add_parser("posts", help="publish the optimiser's moves as posts (no names)")
    po.add_argument("roster", help="a folder with schools.csv and teachers.csv, or an .xlsx")
    po.add_argument("--out", required=True, help="the posts workbook to write (.xlsx)")
    _plan_options(po)

    fi = sub.add_parser("fill", help="fill published posts from teachers' applications")
    fi.add_argument("roster", help="a folder with schools.csv and teachers.csv, or an .xlsx")
    fi.add_argument("posts", metavar="POSTS.xlsx", help="the posts workbook (rotation posts)")
    fi.add_argument(
        "applications", metavar="APPLICATIONS", help="CSV or .xlsx: 教师编号, 志愿1, 志愿2, …"
    )
    fi.add_argument("--out", required=True, help="where to write the plan CSV")
    fi.add_argument("--roads", help="CSV road or travel table: from, to, km")
    _plan_options(fi)

    tr = sub.add_parser("tradeoff", help="moves against CVs over the rotation ratio (10–15%%)")
    tr.add_argument("roster", help="a folder with schools.csv and teachers.csv, or an .xlsx")
    tr.add_argument("--out", required=True, help="the curve as CSV")
    tr.add_argument("--png", help="also draw the curve (needs matplotlib)")
    tr.add_argument(
        "--ratios",
        default="0.10,0.11,0.12,0.13,0.14,0.15",
        help="comma-separated ratios (default 0.10,…,0.15)",
    )
    _plan_options(tr)


def _plan_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--year", type=int, help="the school year (default: this year)")
    parser.add_argument("--policy", help="a policy TOML file (default: the anhui preset)")
    parser.add_argument("--time-limit", type=float, default=60.0, help="solver seconds (60)")
    parser.add_argument("--workers", type=int, default=1, help="CP-SAT workers (default 1)")
    parser.add_argument("--seed", type=int, default=0, help="solver seed (default 0)")
    parser.add_argument(
        "--deterministic", action="store_true", help="limit the search by work done, not seconds"
    )
    lang_option(parser)


def _settings(args: argparse.Namespace) -> SolverSettings:
    return SolverSettings(
        time_limit=args.time_limit,
        num_workers=args.workers,
        seed=args.seed,
        deterministic=args.deterministic,
    )


def _posts(args: argparse.Namespace) -> int:
    roster = read_roster(args.roster)
    lang = language(args, roster)
    result = posts(roster, read_policy(args.policy), args.year, settings=_settings(args))
    print(text("cli.posts_written", lang, path=result.write(args.out, lang)))
    return 0


def _fill(args: argparse.Namespace) -> int:
    roster = read_roster(args.roster)
    lang = language(args, roster)
    table, quotas = read_posts(args.posts, roster)
    applications = read_applications(args.applications, roster)
    result = fill(
        roster,
        table,
        quotas,
        applications,
        read_policy(args.policy),
        args.year,
        settings=_settings(args),
        roads=read_roads(args.roads) if args.roads else None,
    )
    print("\n".join(result.lines(lang)))
    problems = result.plan.verify()
    if problems:
        print("\n" + text("cli.verify_failed", lang), file=sys.stderr)
        for p in problems:
            print(f"  {p.rule}: {p.message}", file=sys.stderr)
        return EXIT_UNVERIFIED
    print("\n" + text("cli.verified", lang))
    print(text("cli.plan_written", lang, path=result.plan.to_csv(args.out)))
    return 0


def _tradeoff(args: argparse.Namespace) -> int:
    roster = read_roster(args.roster)
    lang = language(args, roster)
    ratios = _ratios(args.ratios)
    curve = tradeoff(
        roster, read_policy(args.policy), args.year, ratios=ratios, settings=_settings(args)
    )
    for ratio, row in curve.iterrows():
        share = f"{100 * float(str(ratio)):.0f}%"
        if not row["feasible"]:
            print(text("cli.tradeoff_infeasible", lang, ratio=share))
            continue
        print(
            text(
                "cli.tradeoff_line",
                lang,
                ratio=share,
                moves=int(row["moves"]),
                cv2=f"{row['sum_cv2']:.3f}",
                passing=int(row["cvs_passing"]),
                judged=int(row["cvs_judged"]),
            )
        )
    out = Path(args.out)
    with atomic_path(out) as tmp:
        curve.to_csv(tmp, encoding="utf-8-sig")
    print(text("cli.tradeoff_written", lang, path=out))
    if args.png:
        png = Path(args.png)
        with atomic_path(png) as tmp:
            tradeoff_figure(curve, lang).savefig(tmp, format="png", dpi=150)
        print(text("cli.tradeoff_written", lang, path=png))
    return 0


def _ratios(spec: str) -> list[float]:
    """The --ratios list; an InputError naming the value otherwise."""
    try:
        ratios = [float(x) for x in spec.split(",") if x.strip()]
    except ValueError:
        ratios = []
    if not ratios or not all(0 < r <= 1 for r in ratios):
        raise InputError(
            [
                Problem(
                    "--ratios",
                    Text("io.invalid_value"),
                    value=spec,
                    expected=Text("expected.ratios"),
                )
            ]
        )
    return ratios


#: command name → handler.
OFFICE_COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "posts": _posts,
    "fill": _fill,
    "tradeoff": _tradeoff,
}
