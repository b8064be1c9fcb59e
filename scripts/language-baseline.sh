#!/usr/bin/env bash
# The goal-conditioned PPO baseline of the language tasks (issue 12): trains PPO on the
# bag-of-words observation of each task's train split, then measures its success per split
# (train, novel values, novel objects, novel scenes) with `gym lang eval`.
#
#   scripts/language-baseline.sh [OUT] [STEPS] [TASK ...]
#
# OUT (default out/language) receives one run directory per task (logs, checkpoint,
# learning_curve.png) and <task>.eval.json with the per-split figures, and success_curves.png
# (training success rate of every task against steps).
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-out/language}
steps=${2:-1000000}
shift $(( $# > 2 ? 2 : $# ))
tasks=("$@")
if [ ${#tasks[@]} -eq 0 ]; then
  tasks=(LiftObject RotateObject OpenDrawer CloseDrawer OpenDoor CloseDoor PourBalls TransferBalls)
fi
gym=${GYM:-.build/release/gym}
[ -x $gym ] || swift build -c release --product gym
hyper='{"n_envs": 8, "n_steps": 256, "batch_size": 256, "n_epochs": 10, "learning_rate": 0.0003,
  "gamma": 0.99, "gae_lambda": 0.95, "ent_coef": 0.0, "normalize": true}'
mkdir -p "$out"
for task in "${tasks[@]}"; do
  id="lang/$task-v0"
  rm -rf "${out:?}/$task"
  $gym train ppo --env "$id" --env-options '{"observation": "bag_of_words"}' --steps "$steps" --seed 0 \
    --out "$out/$task" --hyperparameters "$hyper" --quiet
  $gym lang eval "$id" --policy ppo --run "$out/$task" --episodes 200 --seed 1000000 --json | tee "$out/$task.eval.txt"
  tail -n 1 "$out/$task.eval.txt" > "$out/$task.eval.json"
done
runs=()
for task in "${tasks[@]}"; do runs+=("$out/$task"); done
$gym lang curves "${runs[@]}" --out "$out/success_curves.png"
