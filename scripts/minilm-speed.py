#!/usr/bin/env python3
"""sentence-transformers' speed on the sentences of `gym reward embed-bench` (the anchor for
docs/benchmarks/reward-from-text.md): all-MiniLM-L6-v2 from the unpacked wheel, CPU torch.

    HF_HUB_OFFLINE=1 /tmp/stvenv/bin/python scripts/minilm-speed.py MODEL_DIR [--batch 1] [--threads 1] [--passes 5]
"""
import argparse
import json
import time

import torch
from sentence_transformers import SentenceTransformer

p = argparse.ArgumentParser()
p.add_argument("model_dir")
p.add_argument("--batch", type=int, default=1)
p.add_argument("--threads", type=int, default=1)
p.add_argument("--passes", type=int, default=5)
a = p.parse_args()
torch.set_num_threads(a.threads)

sentences = [f"the agent {verb} the {colour} {obj} next to the wall"
             for verb in ["picks up", "opens", "goes to", "drops"]
             for colour in ["red", "green", "blue", "purple", "yellow", "grey"]
             for obj in ["key", "ball", "box", "door"]]
t = time.perf_counter()
model = SentenceTransformer(a.model_dir, device="cpu")
load = time.perf_counter() - t
model.encode(sentences[:a.batch], batch_size=a.batch)  # warm-up
t, c = time.perf_counter(), time.process_time()
with torch.inference_mode():
    for _ in range(a.passes):
        for i in range(0, len(sentences), a.batch):
            model.encode(sentences[i:i + a.batch], batch_size=a.batch, convert_to_numpy=True)
wall, cpu = time.perf_counter() - t, time.process_time() - c
n = a.passes * len(sentences)
print(json.dumps({"batch": a.batch, "threads": a.threads, "sentences": n, "sentences_per_second": n / wall,
                  "sentences_per_cpu_second": n / cpu, "load_seconds": load,
                  "versions": f"sentence-transformers, torch {torch.__version__}"}))
