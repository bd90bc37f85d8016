#!/usr/bin/env bash
# The whole suite: lint and types, the production build, unit and integration tests (Vitest), then the browser tests (Playwright).
# Every stage runs even when an earlier one failed; the exit code fails if any did.
set -uo pipefail
export NEXT_TELEMETRY_DISABLED=1

npx eslint . && npx tsc --noEmit -p .
static=$?
# The production build, once, before the tests that start Galley as a process (a no-op when it is fresh).
node scripts/ensure-build.mjs
build=$?
# Vitest's output is kept so the failing tests can be named again at the end: CI logs often show only the tail.
unit_log=$(mktemp)
npx vitest run 2>&1 | tee "$unit_log"
unit=${PIPESTATUS[0]}
npx playwright test
e2e=$?

if [ $static -ne 0 ] || [ $build -ne 0 ] || [ $unit -ne 0 ] || [ $e2e -ne 0 ]; then
  if [ $unit -ne 0 ]; then
    echo "Vitest failures:"
    grep -E '^ *(FAIL|×) ' "$unit_log" | sort -u | head -40
  fi
  rm -f "$unit_log"
  echo "Test suite failed (lint/types exit $static, build exit $build, vitest exit $unit, playwright exit $e2e)."
  exit 1
fi
rm -f "$unit_log"
