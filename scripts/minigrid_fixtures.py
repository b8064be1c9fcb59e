#!/usr/bin/env python3
"""Dump seeded Minigrid / BabyAI layouts and random-action trajectories as a test fixture.

For every registered MiniGrid-* (except WFC) and BabyAI-* id and seeds 0..S-1:
  reset(seed) -> grid encoding (hex for seed 0, FNV-1a 64 hash always), box contents,
  agent position/direction, mission, max_steps, and the FNV hash of the first image;
then T uniformly random actions (numpy default_rng(1000 + seed)), resetting (unseeded) when
an episode ends, recording per step: action, reward, terminated, truncated, agent x, y,
direction, carried object's encoding and the FNV hash of obs["image"] (flattened C order,
i.e. [x][y][channel]).

Usage: python minigrid_fixtures.py OUT.json [--seeds 3] [--steps 40]
Needs minigrid==3.2.0 (see ../../shared/anchors/setup-minigrid.sh).
"""
import argparse, contextlib, io, json, sys

import gymnasium as gym
import numpy as np
import minigrid  # noqa: F401


def fnv(data: bytes) -> str:
    h = 0xCBF29CE484222325
    for b in data:
        h ^= b
        h = (h * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return f"{h:016x}"


def snapshot(u, full):
    enc = u.grid.encode()  # (W, H, 3) in [x][y][c]
    boxes = []
    for x in range(u.grid.width):
        for y in range(u.grid.height):
            c = u.grid.get(x, y)
            if c is not None and c.type == "box" and c.contains is not None:
                boxes.append([x, y, [int(v) for v in c.contains.encode()]])
    d = {
        "agent": [int(u.agent_pos[0]), int(u.agent_pos[1])],
        "dir": int(u.agent_dir),
        "mission": u.mission,
        "max_steps": int(u.max_steps),
        "width": int(u.grid.width),
        "height": int(u.grid.height),
        "grid_hash": fnv(enc.astype(np.uint8).tobytes()),
        "boxes": boxes,
    }
    if full:
        d["grid"] = enc.astype(np.uint8).tobytes().hex()
    return d


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--seeds", type=int, default=3)
    ap.add_argument("--steps", type=int, default=40)
    ap.add_argument("--only", default=None, help="comma-separated ids")
    a = ap.parse_args()
    ids = [k for k in gym.registry if (k.startswith("MiniGrid-") and "WFC" not in k) or k.startswith("BabyAI-")]
    if a.only:
        ids = a.only.split(",")
    out = {"meta": {"minigrid": minigrid.__version__, "seeds": a.seeds, "steps": a.steps}, "envs": []}
    for env_id in ids:
        env = gym.make(env_id)
        u = env.unwrapped
        runs = []
        for seed in range(a.seeds):
            with contextlib.redirect_stdout(io.StringIO()):
                obs, _ = env.reset(seed=seed)
            run = {"seed": seed, "reset": snapshot(u, seed == 0), "image": fnv(obs["image"].tobytes()),
                   "image_hex": obs["image"].tobytes().hex() if seed == 0 else None, "steps": []}
            rng = np.random.default_rng(1000 + seed)
            n = int(env.action_space.n)
            for t in range(a.steps):
                act = int(rng.integers(0, n))
                with contextlib.redirect_stdout(io.StringIO()):
                    obs, r, term, trunc, _ = env.step(act)
                carried = [int(v) for v in u.carrying.encode()] if u.carrying is not None else None
                step = [act, float(r), bool(term), bool(trunc), int(u.agent_pos[0]), int(u.agent_pos[1]),
                        int(u.agent_dir), carried, fnv(obs["image"].tobytes())]
                if term or trunc:
                    with contextlib.redirect_stdout(io.StringIO()):
                        obs, _ = env.reset()
                    step.append(snapshot(u, False))
                    step.append(fnv(obs["image"].tobytes()))
                run["steps"].append(step)
            runs.append(run)
        out["envs"].append({"id": env_id, "actions": int(env.action_space.n), "runs": runs})
        env.close()
        print(env_id, file=sys.stderr)
    with open(a.out, "w") as f:
        json.dump(out, f, separators=(",", ":"))


if __name__ == "__main__":
    main()
