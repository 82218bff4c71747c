"""The `rotation` command: demo, evaluate, plan.

Everything printed for a person is in one language: ``--lang zh|en``, by default the roster's
(Chinese headers or names → Chinese), so ``rotation demo`` on the example county speaks Chinese.

Exit codes (the contract): 0 done; 1 invalid input (the message names file, row, column, value
and what was expected); 2 no plan can satisfy the rules; 3 the plan failed its independent
check (a bug in this library; nothing is written). A user's mistake never shows a traceback; a
traceback means a bug in this library.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

import pandas as pd

from rotation.commands import COMMANDS as READ_BACK
from rotation.commands import add_commands, lang_option, language
from rotation.errors import RotationError
from rotation.example.generator import example_county
from rotation.io.moves import read_moves
from rotation.io.pins import read_pins
from rotation.io.roads import read_roads
from rotation.io.roster import read_roster
from rotation.messages import Lang, Words, listed, text
from rotation.model import SolverSettings
from rotation.model.solve import NoPlanFound
from rotation.office_commands import OFFICE_COMMANDS, add_office_commands
from rotation.planning.planner import plan
from rotation.planning.replan import change_lines
from rotation.planning.result import Plan
from rotation.planning.road import road
from rotation.policy.toml import read_policy
from rotation.reports.evaluation_view import evaluation_text
from rotation.reports.summary import summary_text
from rotation.review.evaluation import evaluate

if TYPE_CHECKING:
    from rotation.batch import BatchResult

#: Exit code when a plan fails the independent check: a bug, and nothing is written.
EXIT_UNVERIFIED = 3


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="rotation",
        description="Plan teacher rotation between a county's schools and judge it by the "
        "official balanced-education indicators.",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    demo = sub.add_parser("demo", help="run the whole job on the built-in example county")
    demo.add_argument("--seed", type=int, default=0, help="seed of the example county (default 0)")
    demo.add_argument(
        "--size", default="county", choices=("county", "district", "city", "prefecture")
    )
    demo.add_argument("--time-limit", type=float, default=30.0, help="solver seconds (default 30)")
    demo.add_argument("--workers", type=int, default=2, help="CP-SAT workers (default 2)")
    demo.add_argument(
        "--deterministic",
        action="store_true",
        help="the same plan on any machine: limit the search by work done, not by seconds",
    )
    lang_option(demo)

    ev = sub.add_parser("evaluate", help="indicators, CVs and verdicts of a roster (and a plan)")
    ev.add_argument("roster", help="a folder with schools.csv and teachers.csv, or an .xlsx")
    ev.add_argument(
        "--plan", help="a plan CSV (teacher_id, from_school, to_school, start_year, end_year)"
    )
    ev.add_argument(
        "--policy", help="a policy TOML file (for eligibility and the evaluation settings)"
    )
    ev.add_argument(
        "--year", type=int, help="the school year the plan starts (default: the plan's)"
    )
    ev.add_argument("--json", action="store_true", help="print one JSON object instead of tables")
    lang_option(ev)

    pl = sub.add_parser("plan", help="plan the rotation of one school year (or several)")
    pl.add_argument("roster", help="a folder with schools.csv and teachers.csv, or an .xlsx")
    pl.add_argument("--out", required=True, help="where to write the plan CSV")
    pl.add_argument("--year", type=int, help="the school year the plan starts (default: this year)")
    pl.add_argument("--horizon", type=int, default=1, help="plan this many years at once")
    pl.add_argument("--time-limit", type=float, default=60.0, help="solver seconds in all (60)")
    pl.add_argument("--policy", help="a policy TOML file (default: the anhui preset)")
    pl.add_argument("--seed", type=int, default=0, help="solver seed (default 0)")
    pl.add_argument("--workers", type=int, default=2, help="CP-SAT workers; ≤ cores (default 2)")
    pl.add_argument("--pins", help="CSV of pinned decisions: teacher_id, action, school")
    _previous_option(pl)
    pl.add_argument("--roads", help="CSV road or travel table: from, to, km")
    pl.add_argument("--excel", help="also write the office workbook (.xlsx)")
    pl.add_argument("--report", help="also write a standalone HTML report")
    pl.add_argument("--notice", help="also write the printable notice (公示) of the list (.xlsx)")
    pl.add_argument("--letters", help="also write one letter per school into this folder")
    lang_option(pl)
    pl.add_argument("--log", action="store_true", help="show the CP-SAT search log")
    pl.add_argument(
        "--deterministic",
        action="store_true",
        help="the same plan on any machine: limit the search by work done, not by seconds",
    )
    _road_parser(sub)
    _batch_parser(sub)
    add_commands(sub)  # compare, explain, minimum-ratio (rotation/commands.py)
    add_office_commands(sub)  # posts, fill, tradeoff (rotation/office_commands.py)
    return parser


#: The example county's sizes, as each language names them.
SIZES = {
    "county": Words("县", "county"),
    "district": Words("区", "district"),
    "city": Words("城市", "city"),
    "prefecture": Words("地级市", "prefecture"),
}


# -- rotation batch ---------------------------------------------------------------------------
def _batch_parser(sub: argparse._SubParsersAction) -> None:
    ba = sub.add_parser(
        "batch", help="every county × scenario on dask.distributed, resumable (results in OUT)"
    )
    ba.add_argument("rosters", nargs="+", metavar="ROSTER", help="rosters (several counties each)")
    ba.add_argument("--scenarios", help="a TOML grid of scenarios (default: one plan)")
    ba.add_argument("--out", required=True, help="the output folder (a rerun resumes there)")
    ba.add_argument("--scheduler", help="address of a running dask scheduler (default: local)")
    ba.add_argument("--workers", type=int, help="local worker processes (default: one per core)")
    ba.add_argument("--time-limit", type=float, default=60.0, help="solver seconds per task (60)")
    ba.add_argument("--year", type=int, help="the school year the plans start (default: this year)")
    ba.add_argument(
        "--deterministic", action="store_true", help="limit each search by work done, not seconds"
    )
    lang_option(ba)


def _batch(args: argparse.Namespace) -> int:
    from rotation.batch import batch  # dask loads only for this command (it is slow to import)

    lang = language(args, read_roster(args.rosters[0]))
    settings = SolverSettings(
        time_limit=args.time_limit, num_workers=1, deterministic=args.deterministic
    )
    result = batch(
        args.rosters,
        args.scenarios,
        args.out,
        workers=args.workers,
        scheduler=args.scheduler,
        settings=settings,
        year=args.year,
        lang=lang,
    )
    with pd.option_context("display.unicode.east_asian_width", True):  # Chinese aligned
        print(result.verdicts().to_string())
    print("\n" + batch_done(result, lang))
    return 0


def batch_done(result: BatchResult, lang: Lang) -> str:
    """The line `rotation batch` ends with: tasks run, done before, failed, seconds, files."""
    return text(
        "cli.batch_done",
        lang,
        ran=result.ran,
        skipped=result.skipped,
        failed=result.failed,
        seconds=f"{result.seconds:.1f}",
        files=listed(result.files.values()),
    )


def _road_parser(sub: argparse._SubParsersAction) -> None:
    """`rotation road`: hires, designations, moves and building that pass by a year."""
    rd = sub.add_parser("road", help="what to recruit, designate, rotate and build to pass")
    rd.add_argument("roster", help="a folder with schools.csv and teachers.csv, or an .xlsx")
    rd.add_argument("--target-year", type=int, required=True, help="pass the review by then")
    rd.add_argument("--year", type=int, help="the first school year (default: this year)")
    rd.add_argument(
        "--out", required=True, help="folder for the road's CSVs, road.xlsx and road.html"
    )
    rd.add_argument("--time-limit", type=float, default=120.0, help="solver seconds (120)")
    rd.add_argument("--policy", help="a policy TOML file (default: the anhui preset)")
    rd.add_argument("--workers", type=int, default=1, help="CP-SAT workers; ≤ cores (default 1)")
    rd.add_argument("--seed", type=int, default=0, help="solver seed (default 0)")
    rd.add_argument(
        "--deterministic", action="store_true", help="limit each search by work done, not seconds"
    )
    lang_option(rd)


def _road(args: argparse.Namespace) -> int:
    roster = read_roster(args.roster)
    lang = language(args, roster)
    policy = read_policy(args.policy)
    settings = SolverSettings(
        time_limit=args.time_limit,
        num_workers=args.workers,
        seed=args.seed,
        deterministic=args.deterministic,
    )
    result = road(roster, policy, args.year, args.target_year, settings=settings)
    print(result.summary(lang))
    problems = result.verify()
    if problems:
        print("\n" + text("cli.verify_failed", lang), file=sys.stderr)
        for p in problems:
            print(f"  {p}", file=sys.stderr)
        return EXIT_UNVERIFIED
    print("\n" + text("cli.road_verified", lang))
    folder = result.write(args.out)
    result.to_excel(folder / "road.xlsx", lang)  # the office's workbook
    result.to_html(folder / "road.html", lang)  # the director's report
    print(text("cli.road_written", lang, path=folder))
    return 0


def _demo(args: argparse.Namespace) -> int:
    roster = example_county(args.size, seed=args.seed)
    lang = language(args, roster)
    print(text("cli.demo_head", lang, size=SIZES[args.size], seed=args.seed) + "\n")
    print(evaluation_text(evaluate(roster), lang))
    year = 2026
    print("\n" + text("cli.planning", lang, year=year, seconds=f"{args.time_limit:g}") + "\n")
    settings = SolverSettings(
        time_limit=args.time_limit, num_workers=args.workers, deterministic=args.deterministic
    )
    result = plan(roster, year=year, settings=settings, progress=sys.stderr.isatty())
    print(summary_text(result.summary(), lang))
    return _verified(result, lang)


def _verified(result: Plan, lang: Lang) -> int:
    """Print the independent check; EXIT_UNVERIFIED when the plan breaks a rule (a bug)."""
    problems = result.verify()
    if not problems:
        print("\n" + text("cli.verified", lang))
        return 0
    print("\n" + text("cli.verify_failed", lang), file=sys.stderr)
    for p in problems:
        rule = f"{p.rule} {text(f'rule.{p.rule}', lang)}" if lang == "zh" else p.rule
        print(f"  {rule}: {p.message}", file=sys.stderr)
    return EXIT_UNVERIFIED


def _plan(args: argparse.Namespace) -> int:
    roster = read_roster(args.roster)
    lang = language(args, roster)
    policy = read_policy(args.policy)
    pins = read_pins(args.pins, roster) if args.pins else None
    roads = read_roads(args.roads) if args.roads else None
    settings = SolverSettings(
        time_limit=args.time_limit,
        num_workers=args.workers,
        seed=args.seed,
        log=args.log,
        deterministic=args.deterministic,
    )
    result = plan(
        roster,
        policy,
        args.year,
        horizon=args.horizon,
        pins=pins,
        roads=roads,
        settings=settings,
        progress=sys.stderr.isatty() and not args.log,  # a live line only on a terminal
        previous=read_moves(args.previous) if args.previous else None,
    )
    print(summary_text(result.summary(), lang))
    _print_changes(result, lang)
    code = _verified(result, lang)
    if code:
        return code
    print("\n" + text("cli.plan_written", lang, path=result.to_csv(args.out)))
    if args.excel:
        print(text("cli.workbook_written", lang, path=result.to_excel(args.excel, lang)))
    if args.report:
        print(text("cli.report_written", lang, path=result.to_html(args.report)))
    if args.notice:
        print(text("cli.notice_written", lang, path=result.notice(args.notice, lang)))
    if args.letters:
        letters = result.letters(args.letters, lang)
        print(text("cli.letters_written", lang, n=len(letters), path=args.letters))
    return 0


# -- rotation plan --previous: re-planning with least change -----------------------------------
def _previous_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--previous",
        metavar="PLAN.csv",
        help="re-plan with least change: the earlier plan to keep as far as the targets allow",
    )


def _print_changes(result: Plan, lang: Lang) -> None:
    """With --previous: what the new plan changes in the previous one, and why."""
    if result.previous is not None:
        print("\n" + "\n".join(change_lines(result.changes(lang), lang)))


def _evaluate(args: argparse.Namespace) -> int:
    roster = read_roster(args.roster)
    lang = language(args, roster)
    policy = read_policy(args.policy)
    moves = read_moves(args.plan) if args.plan else None
    result = evaluate(roster, policy, args.year, moves=moves)
    if args.json:
        print(json.dumps(result.to_dict(), ensure_ascii=False, indent=1))
    else:
        print(evaluation_text(result, lang))
    return 0


COMMANDS = {"demo": _demo, "evaluate": _evaluate, "plan": _plan, "road": _road, "batch": _batch}
COMMANDS.update(READ_BACK)
COMMANDS.update(OFFICE_COMMANDS)


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except NoPlanFound as err:
        lang = getattr(args, "lang", None) or "en"
        message = (
            str(err) if lang == "en" else text("cli.no_plan", lang, seconds=f"{args.time_limit:g}")
        )
        print(f"rotation {args.command}: {message}", file=sys.stderr)
        return err.exit_code
    except RotationError as err:
        lang = getattr(args, "lang", None) or err.language()
        print(f"rotation {args.command}: {err.render(lang)}", file=sys.stderr)
        return err.exit_code
    except OSError as err:  # a file the user named cannot be written (or read)
        lang = getattr(args, "lang", None) or "en"
        print(f"rotation {args.command}: {text('cli.os_error', lang, error=err)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(text("cli.interrupted", getattr(args, "lang", None) or "en"), file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
