#!/usr/bin/env bash
# The main job: install what is missing, build in release, run an agent on CartPole-v1 and
# write the results (statistics, episode log) under out/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-system.sh
swift build -c release --product gym
gym=.build/release/gym
mkdir -p out
$gym run CartPole-v1 --agent random --episodes 10 --seed 0 --log out/cartpole-random.csv
echo "Episode log: out/cartpole-random.csv"
