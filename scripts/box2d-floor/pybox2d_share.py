#!/usr/bin/env python3
"""How much of Gymnasium's LunarLander / BipedalWalker step is pybox2d's world.Step.

Runs gymnasium.make(id) with pre-sampled random actions (4,096, seeded, cycled, as
../../shared/anchors/gym_throughput.py does), resetting at episode end, and times every
b2World.Step call by wrapping the method on the class (the world is rebuilt on every reset).
The wrapper's own clock reads (time.perf_counter_ns, a vDSO call) are inside the measured
interval only for half of one read per step, well under 1 % of a step.

Usage:
    /tmp/gymvenv/bin/python scripts/box2d-floor/pybox2d_share.py [--seconds 5] [--only LunarLander-v3]

Prints, per env: steps per CPU second of the whole loop, CPU microseconds per env step in total
and in world.Step (the wall-time share of Step applied to the CPU time), and the share.
"step_only_rate" is 1 / (CPU seconds in world.Step per env step): the rate Gymnasium would
reach if everything but pybox2d's Step cost nothing.
"""
from __future__ import annotations

import argparse
import json
import os
import time

import Box2D
import gymnasium as gym
import numpy as np

ENVS = [
    ("LunarLander-v3", "LunarLander-v3", {}),
    ("LunarLanderContinuous-v3", "LunarLander-v3", {"continuous": True}),
    ("BipedalWalker-v3", "BipedalWalker-v3", {}),
]

step_ns = 0
original_step = Box2D.b2World.Step
# The class attribute as stored (a builtin): restored as is after timing.
stored_step = Box2D.b2World.__dict__["Step"]


def timed_step(self, *args):
    global step_ns
    t0 = time.perf_counter_ns()
    original_step(self, *args)
    step_ns += time.perf_counter_ns() - t0


def measure(env_id: str, kwargs: dict, seconds: float) -> dict:
    global step_ns
    env = gym.make(env_id, **kwargs)
    env.action_space.seed(0)
    actions = [env.action_space.sample() for _ in range(4096)]
    env.reset(seed=0)
    for i in range(2000):  # warm-up
        _, _, term, trunc, _ = env.step(actions[i % 4096])
        if term or trunc:
            env.reset()
    Box2D.b2World.Step = timed_step
    step_ns = 0
    steps = resets = 0
    env.reset(seed=1)
    c0, w0 = time.process_time(), time.perf_counter()
    while time.perf_counter() - w0 < seconds:
        for _ in range(256):
            _, _, term, trunc, _ = env.step(actions[steps % 4096])
            steps += 1
            if term or trunc:
                env.reset()
                resets += 1
    cpu, wall = time.process_time() - c0, time.perf_counter() - w0
    Box2D.b2World.Step = stored_step
    # The share of the loop's wall time spent inside world.Step, applied to its CPU time (on a
    # loaded machine wall time stretches, CPU time does not). Steps taken inside reset (one
    # per episode) count as Step time and as part of the env step they belong to.
    share = step_ns / 1e9 / wall
    per_step_us = cpu / steps * 1e6
    in_step_us = share * per_step_us
    return {
        "env": env_id if not kwargs else env_id + " " + json.dumps(kwargs),
        "steps": steps,
        "resets": resets,
        "steps_per_cpu_s": round(steps / cpu),
        "steps_per_s": round(steps / wall),
        "us_per_step": round(per_step_us, 2),
        "us_in_world_step": round(in_step_us, 2),
        "world_step_share": round(share, 3),
        "step_only_rate": round(1e6 / in_step_us),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--only", default="")
    args = parser.parse_args()
    only = set(filter(None, args.only.split(",")))
    print(f"loadavg start {os.getloadavg()[0]:.2f}")
    for label, env_id, kwargs in ENVS:
        if only and label not in only:
            continue
        print(json.dumps({"label": label, **measure(env_id, kwargs, args.seconds)}))
    print(f"loadavg end {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
