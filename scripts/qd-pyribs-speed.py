#!/usr/bin/env python3
"""Times pyribs on the sphere benchmark beside `gym qd`, for docs/benchmarks/qd.md.

The same configuration as `gym qd --task sphere --dims 100`: GridArchive 100x100 over
+-256, 15 emitters x 36 (GaussianEmitter sigma 0.5, or IsoLineEmitter 0.5/0.2), x0 = 0,
one thread (BLAS and numba limited to 1). Prints one JSON line with wall-clock and
CPU-time evaluations per second, coverage and normalised QD score.

Usage (pyribs from ../shared/anchors/setup-qd.sh):
    ~/.cache/anchors/venv-qd/bin/python scripts/qd-pyribs-speed.py --emitter gaussian --iterations 2000
"""
import os

for v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMBA_NUM_THREADS"):
    os.environ.setdefault(v, "1")

import argparse
import json
import time

import numpy as np
import ribs
from ribs.archives import GridArchive
from ribs.emitters import GaussianEmitter, IsoLineEmitter
from ribs.schedulers import Scheduler


def sphere(x):
    shift = 0.4 * 5.12
    n = x.shape[1]
    worst = n * (-5.12 - shift) ** 2
    objective = (np.sum((x - shift) ** 2, axis=1) - worst) / -worst * 100
    folded = np.where((x < -5.12) | (x > 5.12), 5.12 / x, x)
    measures = np.stack([folded[:, : n // 2].sum(axis=1), folded[:, n // 2 :].sum(axis=1)], axis=1)
    return objective, measures


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--emitter", choices=["gaussian", "iso-line"], default="gaussian")
    p.add_argument("--iterations", type=int, default=2000)
    p.add_argument("--dims", type=int, default=100)
    p.add_argument("--seed", type=int, default=42)
    a = p.parse_args()
    n = a.dims
    bound = n / 2 * 5.12
    archive = GridArchive(solution_dim=n, dims=(100, 100), ranges=[(-bound, bound)] * 2, seed=a.seed)
    seeds = np.random.SeedSequence(a.seed).spawn(15)
    x0 = np.zeros(n)
    if a.emitter == "gaussian":
        emitters = [GaussianEmitter(archive, sigma=0.5, x0=x0, batch_size=36, seed=s) for s in seeds]
    else:
        emitters = [IsoLineEmitter(archive, iso_sigma=0.5, line_sigma=0.2, x0=x0, batch_size=36, seed=s) for s in seeds]
    scheduler = Scheduler(archive, emitters)
    # One warm-up iteration (numba compiles the batched insertion) outside the timing.
    xs = scheduler.ask()
    scheduler.tell(*sphere(xs))
    wall0, cpu0 = time.perf_counter(), time.process_time()
    for _ in range(a.iterations - 1):
        xs = scheduler.ask()
        scheduler.tell(*sphere(xs))
    wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
    evals = (a.iterations - 1) * 540
    s = archive.stats
    print(json.dumps({"library": "pyribs " + ribs.__version__, "emitter": a.emitter, "iterations": a.iterations,
                      "evals_per_second": evals / wall, "evals_per_cpu_second": evals / cpu,
                      "wall_seconds": wall, "cpu_seconds": cpu, "coverage": float(s.coverage),
                      "norm_qd_score": float(s.norm_qd_score)}))


if __name__ == "__main__":
    main()
