#!/usr/bin/env bash
# What the test suite needs beyond npm packages, installed only when missing
# (as Playwright's install-deps would): Debian's Chromium for the browser tests.
set -euo pipefail

if [ ! -x /usr/bin/chromium ]; then
  echo "Installing Debian's chromium for the browser tests…"
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi

# The integration tests use the local PostgreSQL and Redis; say so early and clearly.
node -e '
  const net = require("node:net");
  const check = (port, name) => new Promise((resolve) => {
    const s = net.connect(port, "127.0.0.1");
    s.on("connect", () => { s.end(); resolve(true); });
    s.on("error", () => { console.error(`${name} is not reachable on 127.0.0.1:${port}; its tests will fail.`); resolve(false); });
  });
  Promise.all([check(5432, "PostgreSQL"), check(6379, "Redis")]);
'
