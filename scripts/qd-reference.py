#!/usr/bin/env python3
"""Writes Tests/GymQDTests/Reference/qd-archive-reference.json from pyribs.

Golden values for GymQD's archive tests: GridArchive cell indexing and clamping, batch
insertion statuses/values/statistics (plain MAP-Elites and CMA-MAE thresholds), CVT lookup
with fixed centroids, and SlidingBoundariesArchive single insertion with remapping.

Usage (pyribs from ../shared/anchors/setup-qd.sh):
    ~/.cache/anchors/venv-qd/bin/python scripts/qd-reference.py
"""
import json
from pathlib import Path

import numpy as np
import ribs
from ribs.archives import CVTArchive, GridArchive, SlidingBoundariesArchive

rng = np.random.default_rng(7)
out = {"pyribs": ribs.__version__}


def stats(a):
    s = a.stats
    return {"num_elites": int(s.num_elites), "coverage": float(s.coverage), "qd_score": float(s.qd_score),
            "norm_qd_score": float(s.norm_qd_score),
            "obj_max": None if s.obj_max is None else float(s.obj_max),
            "obj_mean": None if s.obj_mean is None else float(s.obj_mean)}


def elites(a):
    d = a.data()
    order = np.argsort(d["index"])
    return {"cells": d["index"][order].tolist(), "objectives": d["objective"][order].tolist(),
            "solutions": d["solution"][order].ravel().tolist(),
            "thresholds": d["threshold"][order].tolist() if "threshold" in d else None}


# 1. Grid indexing, including edges and out-of-range values.
g = GridArchive(solution_dim=1, dims=[10, 7], ranges=[(-1, 1), (-2, 3)])
m = np.concatenate([rng.uniform(-1.5, 1.5, (200, 1)), rng.uniform(-3, 4, (200, 1))], axis=1)
edges = np.array([[x, y] for x in np.linspace(-1, 1, 11) for y in np.linspace(-2, 3, 8)])
# Values far outside stay below 2**31 after scaling: pyribs casts to int32 before clamping.
m = np.concatenate([m, edges, [[1e6, -1e6], [-1e-300, 3.0000001]]])
out["grid_index"] = {"dims": [10, 7], "ranges": [[-1, 1], [-2, 3]], "measures": m.ravel().tolist(),
                     "cells": g.index_of(m).tolist()}


# 2/3. Batch insertion, plain and CMA-MAE.
def batches(archive, label, n_batches=4, size=40):
    rec = []
    for _ in range(n_batches):
        sols = rng.normal(size=(size, 3))
        objs = np.round(rng.uniform(-5, 10, size), 1)  # rounded so ties happen
        meas = rng.uniform(0, 1, (size, 2))
        meas[size // 2:] = meas[: size - size // 2]  # duplicates: several candidates per cell
        info = archive.add(sols, objs, meas)
        rec.append({"solutions": sols.ravel().tolist(), "objectives": objs.tolist(), "measures": meas.ravel().tolist(),
                    "status": info["status"].tolist(), "value": info["value"].tolist(), "stats": stats(archive)})
    out[label] = {"batches": rec, "elites": elites(archive)}


batches(GridArchive(solution_dim=3, dims=[4, 4], ranges=[(0, 1), (0, 1)], qd_score_offset=-5), "grid_add_plain")
batches(GridArchive(solution_dim=3, dims=[4, 4], ranges=[(0, 1), (0, 1)], learning_rate=0.1, threshold_min=0.0),
        "grid_add_mae")

# 4. CVT lookup with fixed centroids.
cent = rng.uniform(-1, 1, (50, 2))
c = CVTArchive(solution_dim=1, centroids=cent, ranges=[(-1, 1), (-1, 1)])
q = rng.uniform(-1.3, 1.3, (300, 2))
out["cvt_index"] = {"centroids": cent.ravel().tolist(), "measures": q.ravel().tolist(), "cells": c.index_of(q).tolist()}

# 5. Sliding boundaries: skewed measures inside the initial box, remap every 10, buffer 25.
sb = SlidingBoundariesArchive(solution_dim=2, dims=[5, 4], ranges=[(-1, 1), (-1, 1)], remap_frequency=10,
                              buffer_capacity=25)
u = rng.uniform(-1, 1, (64, 2))
meas = np.sign(u) * u**2 * 0.99
sols = rng.normal(size=(64, 2))
objs = np.round(rng.uniform(0, 10, 64), 2)
st, va = [], []
for i in range(64):
    info = sb.add_single(sols[i], objs[i], meas[i])
    st.append(int(info["status"]))
    va.append(float(info["value"]))
out["sliding"] = {"dims": [5, 4], "solutions": sols.ravel().tolist(), "objectives": objs.tolist(),
                  "measures": meas.ravel().tolist(), "status": st, "value": va,
                  "boundaries": [b.tolist() for b in sb.boundaries], "stats": stats(sb), "elites": elites(sb)}

path = Path(__file__).resolve().parent.parent / "Tests/GymQDTests/Reference/qd-archive-reference.json"
path.write_text(json.dumps(out) + "\n")
print("wrote", path)
