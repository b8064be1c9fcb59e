#!/usr/bin/env python3
"""Decisions per second of MABWiser's UCB1 and LinUCB, the anchor for `gym bandit bench`.

Mirrors the synthetic problems of `BanditThroughput` (Agents/Bandits/Experiment):
  * UCB1 (alpha = 1), K Bernoulli arms with means (i + 1) / (K + 1);
  * LinUCB (alpha = 1, l2_lambda = 1, disjoint per-arm models as MABWiser fits them), d-dimensional
    contexts N(0, I), expected reward theta_a . x with theta_a ~ N(0, I / d), noise N(0, 0.1^2).

Modes:
  online   one decision = predict() for one context, then partial_fit() with the observed reward
           (the way a bandit is used live); timed over --online-decisions decisions.
  predict  LinUCB only: a single vectorised predict() over --batch contexts after a warm fit
           (MABWiser's fastest path, no learning).

Run in a virtualenv with MABWiser installed, e.g.
  python3 -m venv /tmp/mabvenv && /tmp/mabvenv/bin/pip install mabwiser
  /tmp/mabvenv/bin/python scripts/mabwiser-throughput.py --json
"""
import argparse
import json
import time

import numpy as np
from mabwiser.mab import MAB, LearningPolicy


def timed(fn):
    w0, c0 = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - w0, time.process_time() - c0


def ucb1_online(arms, decisions, seed):
    rng = np.random.default_rng(seed)
    means = (np.arange(arms) + 1) / (arms + 1)
    mab = MAB(arms=list(range(arms)), learning_policy=LearningPolicy.UCB1(alpha=1), seed=seed)
    # One pull per arm to start, as UCB1 does.
    mab.fit(list(range(arms)), [float(rng.random() < m) for m in means])

    def loop(n):
        for _ in range(n):
            a = mab.predict()
            mab.partial_fit([a], [float(rng.random() < means[a])])

    loop(max(decisions // 10, 1))
    wall, cpu = timed(lambda: loop(decisions))
    return dict(algorithm="ucb1", mode="online", arms=arms, dimension=0, decisions=decisions, seconds=wall, cpu_seconds=cpu)


def linucb_problem(arms, d, seed):
    rng = np.random.default_rng(seed)
    theta = rng.normal(size=(arms, d)) / np.sqrt(d)
    return rng, theta


def linucb_online(arms, d, decisions, seed):
    rng, theta = linucb_problem(arms, d, seed)
    mab = MAB(arms=list(range(arms)), learning_policy=LearningPolicy.LinUCB(alpha=1, l2_lambda=1), seed=seed)
    x0 = rng.normal(size=(arms, d))
    mab.fit(list(range(arms)), [float(theta[a] @ x0[a]) for a in range(arms)], x0)

    def loop(n):
        for _ in range(n):
            x = rng.normal(size=(1, d))
            a = mab.predict(x)
            r = float(theta[a] @ x[0] + 0.1 * rng.normal())
            mab.partial_fit([a], [r], x)

    loop(max(decisions // 10, 1))
    wall, cpu = timed(lambda: loop(decisions))
    return dict(algorithm="linucb", mode="online", arms=arms, dimension=d, decisions=decisions, seconds=wall, cpu_seconds=cpu)


def linucb_predict(arms, d, batch, seed):
    rng, theta = linucb_problem(arms, d, seed)
    mab = MAB(arms=list(range(arms)), learning_policy=LearningPolicy.LinUCB(alpha=1, l2_lambda=1), seed=seed)
    n = 20 * arms
    x = rng.normal(size=(n, d))
    decisions = rng.integers(0, arms, size=n)
    rewards = np.einsum("ij,ij->i", theta[decisions], x) + 0.1 * rng.normal(size=n)
    mab.fit(decisions.tolist(), rewards.tolist(), x)
    contexts = rng.normal(size=(batch, d))
    mab.predict(contexts[: max(batch // 10, 1)])
    wall, cpu = timed(lambda: mab.predict(contexts))
    return dict(algorithm="linucb", mode="predict", arms=arms, dimension=d, decisions=batch, seconds=wall, cpu_seconds=cpu)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--arms", type=int, default=10)
    p.add_argument("--dimension", type=int, default=10)
    p.add_argument("--online-decisions", type=int, default=5000)
    p.add_argument("--batch", type=int, default=200000)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--json", action="store_true", help="end with one JSON object")
    a = p.parse_args()
    results = [
        ucb1_online(a.arms, a.online_decisions, a.seed),
        linucb_online(a.arms, a.dimension, a.online_decisions, a.seed),
        linucb_predict(a.arms, a.dimension, a.batch, a.seed),
    ]
    from importlib.metadata import version

    for r in results:
        r["decisions_per_second"] = r["decisions"] / r["seconds"]
        r["decisions_per_cpu_second"] = r["decisions"] / r["cpu_seconds"]
        shape = f"K={r['arms']}" + (f" d={r['dimension']}" if r["dimension"] else "")
        print(f"  {r['algorithm']:7} {r['mode']:8} {shape:12} {r['decisions_per_second']:>12,.0f} decisions/s"
              f"  {r['decisions_per_cpu_second']:>12,.0f} per CPU s  ({r['decisions']:,} in {r['seconds']:.3f} s)")
    if a.json:
        print(json.dumps({"mabwiser": version("mabwiser"),
                          "numpy": np.__version__, "benchmarks": results}))


if __name__ == "__main__":
    main()
