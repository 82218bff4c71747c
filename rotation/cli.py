"""The `rotation` command: demo, evaluate, plan.

Exit codes (the contract): 0 done; 1 invalid input (the message names file, row, column, value
and what was expected); 2 no plan can satisfy the rules. A user's mistake never shows a
traceback; a traceback means a bug in this library.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from .errors import RotationError
from .evaluation import evaluate
from .plan import read_moves
from .policy import load_policy
from .roster import load_roster


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="rotation",
        description="Plan teacher rotation between a county's schools and judge it by the "
        "official balanced-education indicators.",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    demo = sub.add_parser("demo", help="run the whole job on the built-in example county")
    demo.add_argument("--seed", type=int, default=0, help="seed of the example county (default 0)")
    demo.add_argument("--size", default="county", choices=("county", "district", "prefecture"))

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
    return parser


def _demo(args: argparse.Namespace) -> int:
    from .example import example_county

    roster = example_county(args.size, seed=args.seed)
    print(f"Built-in example county ({args.size}, seed {args.seed}), before rotation:\n")
    print(evaluate(roster))
    return 0


def _evaluate(args: argparse.Namespace) -> int:
    roster = load_roster(args.roster)
    policy = load_policy(args.policy)
    plan = read_moves(args.plan) if args.plan else None
    result = evaluate(roster, plan, policy=policy, year=args.year)
    if args.json:
        print(json.dumps(result.to_dict(), ensure_ascii=False, indent=1))
    else:
        print(result)
    return 0


COMMANDS = {"demo": _demo, "evaluate": _evaluate}


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except RotationError as err:
        print(f"rotation {args.command}: {err}", file=sys.stderr)
        return err.exit_code
    except KeyboardInterrupt:
        print("rotation: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
