#!/usr/bin/env python3
"""Times pymoo's hypervolume on seeded random fronts, the way MORL-Baselines calls it.

Usage: morl-hv-pymoo.py CASES.json OUT.json [--seconds S] [--grid]

--grid: sphere and simplex fronts (all points non-dominated), 10/50/100/200/500 points in 2–5
objectives; without it, twelve mixed fronts (a fifth of the points dominated).

Writes CASES.json (the fronts, maximisation convention, read by `gym morl hv --input`) and
OUT.json (pymoo's value and CPU microseconds per call for each case). MORL-Baselines' indicator
builds `HV(ref_point=-ref)` and calls it on the negated points on every use, so that is what
is timed ("pymoo_call"); the bare `moocore.hypervolume` that pymoo delegates to is timed
beside it ("moocore").
"""
import json
import sys
import time

import numpy as np
import moocore
import pymoo
from pymoo.indicators.hv import HV


def front(rng, n, d):
    """n non-dominated-ish points on the positive unit sphere plus some dominated ones."""
    v = np.abs(rng.normal(size=(n, d))) + 1e-3
    v /= np.linalg.norm(v, axis=1, keepdims=True)
    shrink = np.where(rng.random(n) < 0.2, rng.uniform(0.5, 0.95, size=n), 1.0)
    return v * shrink[:, None]


def sphere(rng, n, d):
    """n mutually non-dominated points on the positive unit sphere."""
    v = np.abs(rng.normal(size=(n, d))) + 1e-3
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def random_nondominated(rng, n, d):
    """n mutually non-dominated points: uniform points whose coordinates sum to 1 (a simplex)."""
    v = rng.exponential(size=(n, d))
    return v / v.sum(axis=1, keepdims=True)


KINDS = {"mixed": front, "sphere": sphere, "simplex": random_nondominated}


def timed(fn, seconds):
    """Microseconds of process CPU time per call (steady on a loaded machine)."""
    reps, start = 0, time.process_time()
    while True:
        fn()
        reps += 1
        elapsed = time.process_time() - start
        if elapsed >= seconds:
            return elapsed / reps * 1e6


def main():
    cases_path, out_path = sys.argv[1], sys.argv[2]
    seconds = float(sys.argv[sys.argv.index("--seconds") + 1]) if "--seconds" in sys.argv else 0.5
    rng = np.random.default_rng(2026)
    if "--grid" in sys.argv:  # the sizes of the committed table
        kinds = ["sphere", "simplex"]
        sizes = {d: [10, 50, 100, 200, 500] for d in (2, 3, 4, 5)}
    else:
        kinds = ["mixed"]
        sizes = {2: [10, 100, 1000], 3: [10, 100, 1000], 4: [10, 100, 300], 5: [10, 50, 150]}
    cases, results = [], []
    for kind, d, n in [(k, d, n) for k in kinds for d, ns in sizes.items() for n in ns]:
        if True:
            pts = KINDS[kind](rng, n, d)
            ref = np.full(d, -0.1)
            cases.append({"points": pts.tolist(), "ref": ref.tolist()})
            neg, negref = -pts, -ref

            def call():
                return HV(ref_point=negref)(neg)

            value = float(call())
            results.append({
                "kind": kind, "dimension": d, "points": n, "hypervolume": value,
                "pymoo_call_microseconds": timed(call, seconds),
                "moocore_microseconds": timed(lambda: moocore.hypervolume(neg, ref=negref), seconds),
            })
            print(f"{kind} d={d} n={n}: hv {value:.6f}  pymoo {results[-1]['pymoo_call_microseconds']:.1f} us"
                  f"  moocore {results[-1]['moocore_microseconds']:.1f} us", flush=True)
    with open(cases_path, "w") as f:
        json.dump({"cases": cases}, f)
    with open(out_path, "w") as f:
        json.dump({"pymoo": pymoo.__version__, "moocore": moocore.__version__, "numpy": np.__version__,
                   "seconds_per_case": seconds, "results": results}, f, indent=1)


if __name__ == "__main__":
    main()
