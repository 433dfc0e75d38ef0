"""Print `make mutation`'s score per module and the mutants that survived.

Reads the results mutmut 3 keeps beside each mutated file (mutants/<path>.meta). Mutants that
were not run (outside the MUTANTS selection) are left out of the score. With --diffs, each
survivor's change is shown too (as `mutmut show NAME` would).
"""

import argparse
import fnmatch
import json
import os
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


def results(root: Path) -> dict[str, str]:
    found = {}
    for meta in root.rglob("*.py.meta"):
        for name, code in json.loads(meta.read_text())["exit_code_by_key"].items():
            if code is not None:
                found[name] = STATUS.get(code, "suspicious")
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--diffs", action="store_true", help="show each survivor's change")
    parser.add_argument("patterns", nargs="*", default=os.environ.get("MUTANTS", "").split())
    args = parser.parse_args()
    found = results(Path("mutants"))
    if args.patterns:
        found = {
            name: status
            for name, status in found.items()
            if any(fnmatch.fnmatch(name, pattern) for pattern in args.patterns)
        }
    if not found:
        print("No mutation results: run `make mutation` first.")
        return 1
    by_module: dict[str, Counter] = defaultdict(Counter)
    for name, status in found.items():
        # module.x_function__mutmut_3, module.xǁClassǁmethod__mutmut_3
        by_module[re.split(r"\.x[_ǁ]", name, maxsplit=1)[0]][status] += 1
    print(f"{'module':32} {'killed':>7} {'survived':>8} {'other':>6} {'score':>6}")
    total = Counter()
    for module, counts in sorted(by_module.items()):
        killed = sum(counts[s] for s in KILLED)
        scored = killed + counts["survived"]
        other = sum(counts.values()) - scored
        total.update(killed=killed, survived=counts["survived"], other=other)
        score = f"{100 * killed / scored:.1f}%" if scored else "-"
        print(f"{module:32} {killed:7} {counts['survived']:8} {other:6} {score:>6}")
    scored = total["killed"] + total["survived"]
    print(f"{'all':32} {total['killed']:7} {total['survived']:8} {total['other']:6} "
          f"{100 * total['killed'] / scored:.1f}%")  # fmt: skip
    survivors = sorted(n for n, s in found.items() if s == "survived")
    others = sorted(f"{n} ({s})" for n, s in found.items() if s not in KILLED | {"survived"})
    if survivors:
        print("\nSurvived (see README, 'Mutation testing', for the equivalent ones):")
        for name in survivors:
            print(f"  {name}")
            if args.diffs:
                shown = subprocess.run(
                    [sys.executable, "-m", "mutmut", "show", name],
                    capture_output=True,
                    text=True,
                    check=False,
                )
                print("    " + shown.stdout.strip().replace("\n", "\n    "))
    if others:
        print("\nNot scored (no test reaches them, skipped or suspicious):")
        for line in others:
            print(f"  {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
