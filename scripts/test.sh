#!/usr/bin/env bash
# The test suite: unit tests in debug, then the learning and long-running tests in release.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-system.sh
swift test
