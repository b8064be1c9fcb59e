#!/usr/bin/env bash
# The main job: install what is missing, build in release, run an agent on CartPole-v1 and
# render an episode to PNG (frames, an animated PNG and a contact sheet) under out/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-system.sh
swift build -c release --product gym
gym=.build/release/gym
mkdir -p out
$gym run CartPole-v1 --agent random --episodes 10 --seed 0 --log out/cartpole-random.csv
$gym run CartPole-v1 --agent random --episodes 1 --seed 0 \
  --render out/cartpole-frames --apng out/cartpole.png --sheet out/cartpole-sheet.png
echo "Episode log: out/cartpole-random.csv; animation: out/cartpole.png; contact sheet: out/cartpole-sheet.png"
