#!/usr/bin/env bash
# Installs the Debian packages SwiftGym links against, when they are missing:
# libopenblas-dev (cblas), libbox2d-dev (Box2D 2.4.1) and libpng-dev.
set -euo pipefail
needed=()
for pkg in libopenblas-dev libbox2d-dev libpng-dev; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || needed+=("$pkg")
done
if [ ${#needed[@]} -eq 0 ]; then exit 0; fi
echo "Installing ${needed[*]} ..." >&2
if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${needed[@]}" >/dev/null
