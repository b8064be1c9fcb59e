"""Reference data for SwiftGym's Box2D environments, from Gymnasium on this machine.

Usage: VENV/bin/python scripts/box2d-reference.py OUT.json
(VENV from ../shared/anchors/setup-gymnasium.sh: gymnasium 1.4.0, box2d 2.3.10, numpy 2.x).

For seeds 0-4 it records what SwiftGym must reproduce from the same NumPy stream: LunarLander's
smoothed terrain heights, BipedalWalker's terrain (normal and hardcore), CarRacing's track
points; the first observation after reset(seed); and short trajectories under the LCG policy
of ../shared/reference/gymnasium/README.md for the variants the shared files do not cover.
"""
import json
import sys

import gymnasium as gym
import numpy as np

A, C, M = 6364136223846793005, 1442695040888963407, 2**64


class LCG:
    def __init__(self, seed):
        self.state = seed % M

    def draw(self):
        self.state = (A * self.state + C) % M
        return self.state >> 52

    def action(self, space):
        if isinstance(space, gym.spaces.Discrete):
            return int(self.draw() % space.n)
        low, high = space.low.astype(np.float64), space.high.astype(np.float64)
        return np.array([low[i] + (high[i] - low[i]) * self.draw() / 4096 for i in range(len(low))], dtype=np.float32)


def floats(a):
    return [float(x) for x in np.asarray(a, dtype=np.float64).ravel()]


def trajectory(env, seed, steps, record=None):
    obs, _ = env.reset(seed=seed)
    lcg = LCG(seed)
    out = {"seed": seed, "obs0": floats(obs) if obs.ndim == 1 else None, "actions": [], "obs": [], "reward": [],
           "terminated": [], "truncated": [], "extra": []}
    for _ in range(steps):
        a = lcg.action(env.action_space)
        obs, r, term, trunc, _ = env.step(a)
        out["actions"].append(a if isinstance(a, int) else floats(a))
        if obs.ndim == 1:
            out["obs"].append(floats(obs))
        out["reward"].append(float(r))
        out["terminated"].append(bool(term))
        out["truncated"].append(bool(trunc))
        if record:
            out["extra"].append(record(env.unwrapped))
        if term or trunc:
            break
    return out


def main(path):
    seeds = [0, 1, 2, 3, 4]
    ref = {"meta": {"gymnasium": gym.__version__, "numpy": np.__version__, "seeds": seeds}}

    # LunarLander: terrain, obs0, trajectories for continuous and wind.
    ll = {"terrain": [], "helipad_y": None, "obs0": {}, "trajectories": {}}
    env = gym.make("LunarLander-v3")
    for s in seeds:
        env.reset(seed=s)
        u = env.unwrapped
        ll["terrain"].append([float(p[0][1]) for p in u.sky_polys] + [float(u.sky_polys[-1][1][1])])
        ll["helipad_y"] = float(u.helipad_y)
    variants = {
        "discrete": {},
        "continuous": {"continuous": True},
        "wind": {"enable_wind": True},
        "continuous_wind": {"continuous": True, "enable_wind": True, "wind_power": 10.0, "turbulence_power": 1.0},
        "gravity_-5": {"gravity": -5.0},
    }
    for name, kw in variants.items():
        env = gym.make("LunarLander-v3", **kw)
        ll["obs0"][name] = [floats(env.reset(seed=s)[0]) for s in seeds]
        ll["trajectories"][name] = {"kwargs": kw, "episodes": [trajectory(env, s, 200) for s in seeds]}
    ref["LunarLander-v3"] = ll

    # BipedalWalker: terrain (normal, hardcore), obs0, hardcore trajectory.
    for eid in ["BipedalWalker-v3", "BipedalWalkerHardcore-v3"]:
        env = gym.make(eid)
        bw = {"terrain_x": [], "terrain_y": [], "obs0": [], "clouds": [], "obstacles": []}
        for s in seeds:
            obs, _ = env.reset(seed=s)
            u = env.unwrapped
            bw["terrain_x"].append(floats(u.terrain_x))
            bw["terrain_y"].append(floats(u.terrain_y))
            bw["obs0"].append(floats(obs))
            bw["clouds"].append([floats(np.array(p).ravel()) for p, _, _ in u.cloud_poly])
            polys = []
            for t in u.terrain:
                for f in t.fixtures:
                    if len(f.shape.vertices) > 2:
                        polys.append(floats(np.array(f.shape.vertices).ravel()))
            bw["obstacles"].append(polys)
        bw["trajectories"] = [trajectory(env, s, 200) for s in seeds]
        ref[eid] = bw

    # CarRacing: track, first frame statistics, short trajectories with the car's state.
    cr = {"track": [], "obs0_mean": [], "obs0_seed0": None, "trajectories": {}}
    env = gym.make("CarRacing-v3")
    for s in seeds:
        obs, _ = env.reset(seed=s)
        u = env.unwrapped
        cr["track"].append([floats(t) for t in u.track])
        cr["obs0_mean"].append(floats(obs.reshape(-1, 3).mean(axis=0)))
        if s == 0:
            cr["obs0_seed0"] = [int(x) for x in obs.ravel()]

    def car_state(u):
        h = u.car.hull
        return floats([h.position[0], h.position[1], h.angle, h.linearVelocity[0], h.linearVelocity[1], h.angularVelocity])

    for name, kw in {"continuous": {}, "discrete": {"continuous": False}}.items():
        env = gym.make("CarRacing-v3", **kw)
        cr["trajectories"][name] = {"kwargs": kw, "episodes": [trajectory(env, s, 100, car_state) for s in seeds]}
    env = gym.make("CarRacing-v3", domain_randomize=True)
    cr["domain_randomize"] = []
    for s in seeds:
        env.reset(seed=s)
        u = env.unwrapped
        cr["domain_randomize"].append({"road_color": floats(u.road_color), "bg_color": floats(u.bg_color),
                                       "grass_color": floats(u.grass_color), "track0": floats(u.track[0])})
    ref["CarRacing-v3"] = cr

    with open(path, "w") as f:
        json.dump(ref, f, separators=(",", ":"))


if __name__ == "__main__":
    main(sys.argv[1])
