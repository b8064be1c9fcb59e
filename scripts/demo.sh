#!/usr/bin/env bash
# The main job: install what is missing, build in release, train PPO on CartPole-v1 (about two
# seconds), evaluate the trained policy and render one of its episodes to PNG (every frame, an
# animated PNG and a contact sheet) beside the learning curve, all under out/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-system.sh
swift build -c release --product gym
gym=.build/release/gym
run=out/ppo-cartpole
mkdir -p out
rm -rf "$run"  # gym train refuses to overwrite a run; the demo starts afresh each time
$gym train ppo --env CartPole-v1 --seed 1 --out "$run"
$gym eval "$run" --episodes 10 --seed 0
$gym eval "$run" --episodes 1 --seed 100 \
  --render "$run/frames" --apng "$run/episode.png" --sheet "$run/episode-sheet.png" --sheet-every 50
echo "Learning curve: $run/learning_curve.png; trained episode: $run/episode.png (animated)," \
  "$run/episode-sheet.png (contact sheet), $run/frames/; logs: $run/episodes.csv, $run/iterations.jsonl"
