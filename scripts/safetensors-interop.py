#!/usr/bin/env python3
"""Checks a SwiftGym PPO checkpoint against the reference `safetensors` library: loads the
weights with `safetensors.numpy`, prints every tensor, recomputes the deterministic action for a
few observations with NumPy (tanh MLP, CleanRL names), and, with --rewrite, writes the tensors
back with `safetensors.numpy.save_file` in place of SwiftGym's file, so that `gym eval` then
reads a file written by Python.

    python scripts/safetensors-interop.py out/ppo-cartpole [--rewrite]
"""
import json
import sys

import numpy as np
from safetensors.numpy import load_file, save_file


def main():
    run = sys.argv[1]
    state = json.load(open(f"{run}/checkpoint/state.json"))
    weights_name = state["weights"]
    path = f"{run}/checkpoint/{weights_name}"
    tensors = load_file(path)
    for name in sorted(tensors):
        t = tensors[name]
        print(f"{name:24s} {str(t.dtype):8s} {list(t.shape)}")
    # Deterministic CartPole action from the actor: Linear/tanh pairs named actor.<i>.weight.
    layers = sorted({int(n.split(".")[1]) for n in tensors if n.startswith("actor.")})
    rng = np.random.default_rng(0)
    x = rng.uniform(-0.05, 0.05, (5, tensors[f"actor.{layers[0]}.weight"].shape[1])).astype(np.float32)
    for j, i in enumerate(layers):
        x = x @ tensors[f"actor.{i}.weight"].T + tensors[f"actor.{i}.bias"]
        if j < len(layers) - 1:
            x = np.tanh(x)
    print("actor logits for 5 observations near the upright state:\n", x)
    if "--rewrite" in sys.argv:
        save_file({k: np.ascontiguousarray(v) for k, v in tensors.items()}, path)
        print(f"rewrote {path} with safetensors {__import__('safetensors').__version__}")


if __name__ == "__main__":
    main()
