#!/usr/bin/env bash
# The test suite: unit tests in debug, then the learning and long-running tests in release.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-system.sh
swift test
# Tests inside `#if !DEBUG` (they train agents or run thousands of episodes) plus the README's
# PPO snippet, which trains to its goal only in release.
swift test -c release --filter 'LearningTests|randomPolicyStatisticsMatchGymnasium|ReadmePPOTests'
