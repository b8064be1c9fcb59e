#!/usr/bin/env python3
"""NumPy's float32 matrix products and a 64-64 tanh MLP pass at the shapes `gym nn-bench`
times, in CPU nanoseconds per call. Run with OPENBLAS_NUM_THREADS=1 to compare one thread
with one thread:

    OPENBLAS_NUM_THREADS=1 /tmp/gymvenv/bin/python scripts/numpy-gemm.py [--json]
"""
import json
import sys
import time

import numpy as np

SECONDS = 0.5
SHAPES = [  # (m, n, k, transpose A, transpose B): same list as gym nn-bench
    (16, 64, 8, False, True), (16, 64, 64, False, True), (64, 64, 8, False, True),
    (64, 64, 64, False, True), (64, 64, 64, True, False), (64, 64, 64, False, False),
    (256, 64, 64, False, True), (2048, 64, 64, False, True), (256, 256, 256, False, False),
    (1024, 1024, 1024, False, False),
]


def cpu_ns_per_call(body):
    for _ in range(10):
        body()
    calls = 1
    while True:
        start = time.process_time()
        for _ in range(calls):
            body()
        elapsed = time.process_time() - start
        if elapsed >= SECONDS:
            return elapsed / calls * 1e9
        calls = calls * 10 if elapsed < SECONDS / 100 else int(calls * SECONDS / max(elapsed, 1e-9) * 1.1) + 1


def main():
    rng = np.random.default_rng(0)
    rows = []
    for m, n, k, ta, tb in SHAPES:
        a = rng.uniform(-1, 1, (k, m) if ta else (m, k)).astype(np.float32)
        b = rng.uniform(-1, 1, (n, k) if tb else (k, n)).astype(np.float32)
        c = np.empty((m, n), np.float32)
        op_a = a.T if ta else a
        op_b = b.T if tb else b
        ns = cpu_ns_per_call(lambda: np.matmul(op_a, op_b, out=c))
        rows.append({"m": m, "n": n, "k": k, "transpose_a": ta, "transpose_b": tb, "ns_per_call": ns,
                     "gflops": 2 * m * n * k / ns})
        print(f"  {m}x{n}x{k}{' At' if ta else ''}{' Bt' if tb else ''}: {ns:12.1f} ns  {2 * m * n * k / ns:6.1f} GFLOP/s")

    # 8 -> 64 -> 64 -> 4 tanh MLP over 64 rows, forward and forward + backward (weights and biases).
    sizes, batch = [8, 64, 64, 4], 64
    ws = [rng.uniform(-0.3, 0.3, (o, i)).astype(np.float32) for i, o in zip(sizes[:-1], sizes[1:])]
    bs = [np.zeros(o, np.float32) for o in sizes[1:]]
    x = rng.uniform(-1, 1, (batch, sizes[0])).astype(np.float32)
    gout = rng.uniform(-1, 1, (batch, sizes[-1])).astype(np.float32)

    def forward():
        hs = [x]
        for layer, (w, b) in enumerate(zip(ws, bs)):
            y = hs[-1] @ w.T + b
            hs.append(np.tanh(y) if layer < len(ws) - 1 else y)
        return hs

    def forward_backward():
        hs = forward()
        g = gout
        grads = []
        for layer in range(len(ws) - 1, -1, -1):
            if layer < len(ws) - 1:
                g = g * (1 - hs[layer + 1] ** 2)
            grads.append((g.T @ hs[layer], g.sum(0)))
            g = g @ ws[layer]
        return grads

    fwd = cpu_ns_per_call(forward)
    both = cpu_ns_per_call(forward_backward)
    print(f"MLP 8-64-64-4 tanh, batch 64: forward {fwd / 1000:.2f} us, forward + backward {both / 1000:.2f} us")
    out = {"numpy": np.__version__, "python": sys.version.split()[0], "gemm": rows,
           "mlp": {"sizes": sizes, "batch": batch, "forward_ns": fwd, "forward_backward_ns": both}}
    if "--json" in sys.argv:
        print(json.dumps(out))


if __name__ == "__main__":
    main()
