#!/usr/bin/env python3
"""Long seeded rollouts of every Minigrid / BabyAI id, condensed to one hash per run.

For each id and seed: reset(seed), then STEPS actions drawn by numpy default_rng(7 + seed)
as TABLE[integers(0, 10)] (forward-biased, so pickups, drops, toggles and goals happen;
ids with 3 actions use integers(0, 3)), resetting unseeded at episode ends. Every step
feeds FNV-1a 64 with: action, terminated, truncated, agent x, y, direction (one byte each),
the carried object's encoding (or 255 255 255), floor(reward * 1e9 + 0.5) as 8 little-endian
bytes, and the 147 image bytes; every reset feeds the mission's UTF-8 bytes and the grid
encoding. Also counted: episodes and successes (reward > 0).

Usage: python minigrid_long_fixtures.py OUT.json [--seeds 3] [--steps 1000] [--only ids]
"""
import argparse, contextlib, io, json, math, sys

import gymnasium as gym
import numpy as np
import minigrid  # noqa: F401

TABLE = [0, 1, 2, 2, 2, 2, 3, 4, 5, 6]


class FNV:
    def __init__(self):
        self.h = 0xCBF29CE484222325

    def feed(self, data):
        h = self.h
        for b in data:
            h ^= b
            h = (h * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
        self.h = h


def feed_reset(f, u, obs):
    f.feed(u.mission.encode())
    f.feed(u.grid.encode().astype(np.uint8).tobytes())
    f.feed(obs["image"].tobytes())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--seeds", type=int, default=3)
    ap.add_argument("--steps", type=int, default=1000)
    ap.add_argument("--only", default=None)
    a = ap.parse_args()
    ids = [k for k in gym.registry if (k.startswith("MiniGrid-") and "WFC" not in k) or k.startswith("BabyAI-")]
    if a.only:
        ids = a.only.split(",")
    out = {"meta": {"minigrid": minigrid.__version__, "seeds": a.seeds, "steps": a.steps, "table": TABLE}, "envs": []}
    for env_id in ids:
        env = gym.make(env_id)
        u = env.unwrapped
        n = int(env.action_space.n)
        runs = []
        for seed in range(a.seeds):
            f = FNV()
            with contextlib.redirect_stdout(io.StringIO()):
                obs, _ = env.reset(seed=seed)
            feed_reset(f, u, obs)
            rng = np.random.default_rng(7 + seed)
            episodes = successes = 0
            for t in range(a.steps):
                act = TABLE[int(rng.integers(0, 10))] if n == 7 else int(rng.integers(0, n))
                with contextlib.redirect_stdout(io.StringIO()):
                    obs, r, term, trunc, _ = env.step(act)
                c = list(u.carrying.encode()) if u.carrying is not None else [255, 255, 255]
                f.feed(bytes([act, int(term), int(trunc), int(u.agent_pos[0]), int(u.agent_pos[1]), int(u.agent_dir)] + [int(v) for v in c]))
                f.feed(int(math.floor(r * 1e9 + 0.5)).to_bytes(8, "little", signed=True))
                f.feed(obs["image"].tobytes())
                if term or trunc:
                    episodes += 1
                    successes += r > 0
                    with contextlib.redirect_stdout(io.StringIO()):
                        obs, _ = env.reset()
                    feed_reset(f, u, obs)
            runs.append({"seed": seed, "hash": f"{f.h:016x}", "episodes": episodes, "successes": int(successes)})
        out["envs"].append({"id": env_id, "runs": runs})
        env.close()
        print(env_id, runs, file=sys.stderr)
    with open(a.out, "w") as fh:
        json.dump(out, fh, indent=0)


if __name__ == "__main__":
    main()
