#!/usr/bin/env python3
"""Records Gymnasium LunarLander-v3 episodes of linear policies (pyribs' lunar-lander tutorial
rollout: action = argmax(W @ obs), W 4x8) for Tests/GymQDTests/Reference/lunar-policies.json.

Usage: /tmp/gymvenv/bin/python scripts/qd-lunar-reference.py > Tests/GymQDTests/Reference/lunar-policies.json
"""
import json

import gymnasium as gym
import numpy as np


def simulate(w, seed):
    env = gym.make("LunarLander-v3")
    w = np.asarray(w).reshape((4, 8))
    obs, _ = env.reset(seed=seed)
    total, steps, impact, vys = 0.0, 0, None, []
    done = False
    while not done:
        obs, reward, terminated, truncated, _ = env.step(int(np.argmax(w @ obs)))
        done = terminated or truncated
        total += reward
        steps += 1
        vys.append(float(obs[3]))
        if impact is None and (obs[6] or obs[7]):
            impact = (float(obs[0]), float(obs[3]))
    if impact is None:
        impact = (float(obs[0]), min(vys))
    env.close()
    return {"return": total, "steps": steps, "impact_x": impact[0], "impact_vy": impact[1]}


rng = np.random.default_rng(7)
policies = [np.zeros(32)] + [rng.normal(0, 1, 32) for _ in range(5)]
cases = []
for w in policies:
    for seed in (52, 3):
        cases.append({"weights": [float(v) for v in w], "seed": seed, **simulate(w, seed)})
print(json.dumps({"source": "Gymnasium " + gym.__version__ + " LunarLander-v3, linear argmax policies", "cases": cases}, indent=1))
