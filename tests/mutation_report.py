"""Print `make mutation`'s score per group and module, and the mutants that survived.

tests/mutation_run.py keeps each group's results in var/mutation/<group>.json, read from the
files mutmut 3 keeps beside each mutated file (mutants/<path>.meta). Mutants that were not run
(outside the group's functions) are left out of the score. With --diffs, each survivor's change
is shown too (as `mutmut show NAME` would; only for the group that ran last, whose mutants/
directory is still there).
"""

import argparse
import json
import re
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

# mutmut's exit codes (mutmut.stats.status_by_exit_code).
STATUS = {1: "killed", 3: "killed", 0: "survived", 5: "no tests", 33: "no tests", 34: "skipped",
          36: "timeout", 24: "timeout", -24: "timeout", 152: "timeout", 255: "timeout",
          37: "caught by type check", -9: "segfault", -11: "segfault"}  # fmt: skip
# A timeout counts as killed: the mutant made the tests hang or loop.
KILLED = {"killed", "timeout", "caught by type check"}
RESULTS = Path("var/mutation")


def results(root: Path) -> dict[str, str]:
    found = {}
    for meta in root.rglob("*.py.meta"):
        for name, code in json.loads(meta.read_text())["exit_code_by_key"].items():
            if code is not None:
                found[name] = STATUS.get(code, "suspicious")
    return found


def score(found: dict[str, str]) -> tuple[int, int, int]:
    killed = sum(status in KILLED for status in found.values())
    survived = sum(status == "survived" for status in found.values())
    return killed, survived, len(found) - killed - survived


def percent(killed: int, survived: int) -> str:
    return f"{100 * killed / (killed + survived):.1f}%" if killed + survived else "-"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--diffs", action="store_true", help="show each survivor's change")
    parser.add_argument("groups", nargs="*", help="the groups to show (default: every one run)")
    args = parser.parse_args()
    names = args.groups or sorted(path.stem for path in RESULTS.glob("*.json"))
    groups = {}
    for name in names:
        path = RESULTS / f"{name}.json"
        if path.exists():
            groups[name] = json.loads(path.read_text())
    if not groups:
        print("No mutation results: run `make mutation` first.")
        return 1
    print(f"{'group / module':40} {'mutants':>7} {'killed':>7} {'survived':>8} {'other':>6} score")
    total = Counter()
    for name, found in groups.items():
        killed, survived, other = score(found)
        total.update(killed=killed, survived=survived, other=other)
        rate = percent(killed, survived)
        print(f"{name:40} {len(found):7} {killed:7} {survived:8} {other:6} {rate:>6}")
        by_module: dict[str, dict[str, str]] = defaultdict(dict)
        for mutant, status in found.items():
            # module.x_function__mutmut_3, module.xǁClassǁmethod__mutmut_3
            by_module[re.split(r"\.x[_ǁ]", mutant, maxsplit=1)[0]][mutant] = status
        for module, found_here in sorted(by_module.items()):
            k, s, o = score(found_here)
            print(f"  {module:38} {len(found_here):7} {k:7} {s:8} {o:6} {percent(k, s):>6}")
    all_mutants = sum(total.values())
    print(f"{'all':40} {all_mutants:7} {total['killed']:7} {total['survived']:8} "
          f"{total['other']:6} {percent(total['killed'], total['survived']):>6}")  # fmt: skip
    for name, found in groups.items():
        survivors = sorted(n for n, s in found.items() if s == "survived")
        others = sorted(f"{n} ({s})" for n, s in found.items() if s not in KILLED | {"survived"})
        if survivors:
            print(
                f"\nSurvived in {name} (see README, 'Mutation testing', for the equivalent ones):"
            )
            for mutant in survivors:
                print(f"  {mutant}")
                if args.diffs:
                    shown = subprocess.run(
                        [sys.executable, "-m", "mutmut", "show", mutant],
                        capture_output=True,
                        text=True,
                        check=False,
                    )
                    print("    " + shown.stdout.strip().replace("\n", "\n    "))
        if others:
            print(f"\nNot scored in {name} (no test reaches them, skipped or suspicious):")
            for line in others:
                print(f"  {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
