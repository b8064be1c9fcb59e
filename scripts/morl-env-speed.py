#!/usr/bin/env python3
"""MO-Gymnasium step throughput under random actions, per wall and per CPU second.

Usage: morl-env-speed.py OUT.json [--seconds S]

For each environment, `mo_gymnasium.make(id)` is stepped with `action_space.sample()` for S
seconds (resetting at episode ends), as `gym morl bench --env ID` steps ours. CPU seconds are
this process's (time.process_time), so the figure holds on a loaded machine too.
"""
import json
import os
import sys
import time
import warnings

warnings.filterwarnings("ignore")
import mo_gymnasium  # noqa: E402

IDS = ["deep-sea-treasure-v0", "four-room-v0", "resource-gathering-v0", "minecart-v0", "mo-mountaincar-v0", "mo-lunar-lander-v3"]


def measure(env_id, seconds):
    env = mo_gymnasium.make(env_id)
    env.reset(seed=0)
    env.action_space.seed(0)
    steps = episodes = 0
    wall0, cpu0 = time.perf_counter(), time.process_time()
    while time.perf_counter() - wall0 < seconds:
        for _ in range(256):
            _, _, terminated, truncated, _ = env.step(env.action_space.sample())
            steps += 1
            if terminated or truncated:
                episodes += 1
                env.reset()
    wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
    return {"steps": steps, "episodes": episodes, "seconds": wall, "cpu_seconds": cpu,
            "steps_per_second": steps / wall, "steps_per_cpu_second": steps / cpu}


def main():
    out = sys.argv[1]
    seconds = float(sys.argv[sys.argv.index("--seconds") + 1]) if "--seconds" in sys.argv else 3.0
    results = {}
    for env_id in IDS:
        results[env_id] = measure(env_id, seconds)
        r = results[env_id]
        print(f"{env_id}: {r['steps_per_second']:,.0f} steps/s, {r['steps_per_cpu_second']:,.0f} per CPU second", flush=True)
    with open(out, "w") as f:
        json.dump({"mo_gymnasium": mo_gymnasium.__version__, "loadavg": os.getloadavg(), "seconds": seconds, "results": results}, f, indent=1)


if __name__ == "__main__":
    main()
