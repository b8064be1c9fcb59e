#!/usr/bin/env python3
"""Gymnasium's vector environments on the classic-control ids: env-steps per second.

Usage: python scripts/gym-vector-throughput.py [--seconds 2] [--envs 8,4096]

For each id and batch size N this times
  * "sync":   gymnasium.vector.SyncVectorEnv of N gymnasium.make(id) copies, and
  * "native": gymnasium.make_vec(id, N, vectorization_mode="vector_entry_point") where the id
              has a NumPy-vectorised implementation,
both in the default autoreset mode (next step), with random actions pre-sampled from the
single action space and cycled. One process, one thread. Prints one JSON line per row with
wall-clock and per-CPU-second rates and the load average.
"""
import argparse
import json
import os
import time

import gymnasium as gym
import numpy as np

IDS = ["CartPole-v1", "MountainCar-v0", "MountainCarContinuous-v0", "Acrobot-v1", "Pendulum-v1"]


def measure(vec, n, seconds):
    space = vec.single_action_space
    space.seed(0)
    pool = np.stack([np.stack([space.sample() for _ in range(n)]) for _ in range(16)])
    vec.reset(seed=0)
    for k in range(20):
        vec.step(pool[k % 16])
    steps = 0
    w0, c0 = time.perf_counter(), time.process_time()
    while time.perf_counter() - w0 < seconds:
        for k in range(16):
            vec.step(pool[k])
        steps += 16 * n
    w1, c1 = time.perf_counter(), time.process_time()
    return steps / (w1 - w0), steps / (c1 - c0)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=2.0)
    ap.add_argument("--envs", default="8,4096")
    ap.add_argument("--ids", default=",".join(IDS))
    args = ap.parse_args()
    for env_id in args.ids.split(","):
        for n in [int(s) for s in args.envs.split(",")]:
            rows = []
            if n <= 64:
                rows.append(("sync", lambda: gym.vector.SyncVectorEnv([lambda: gym.make(env_id)] * n)))
            rows.append(("native", lambda: gym.make_vec(env_id, n, vectorization_mode="vector_entry_point")))
            for kind, build in rows:
                try:
                    vec = build()
                except Exception as error:  # no vector entry point for this id
                    print(json.dumps({"env": env_id, "num_envs": n, "kind": kind, "error": str(error)[:120]}))
                    continue
                wall, cpu = measure(vec, n, args.seconds)
                vec.close()
                print(json.dumps({
                    "env": env_id, "num_envs": n, "kind": kind, "gymnasium": gym.__version__,
                    "env_steps_per_s": round(wall), "env_steps_per_cpu_s": round(cpu),
                    "loadavg": os.getloadavg()[0],
                }), flush=True)


if __name__ == "__main__":
    main()
