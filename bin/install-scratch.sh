#!/usr/bin/env bash
# The scratch-org CI job on an admin's machine, keeping the org for a look afterwards:
#   bin/install-scratch.sh [dev hub alias] [more npm run scratch:validate options]
# Creates a scratch org (7 days), deploys force-app, runs the Apex tests with the 90% coverage gate,
# provisions the API user and verifies its access. Delete the org when done:
#   sf org delete scratch --target-org <alias printed below> --no-prompt
set -euo pipefail
cd "$(dirname "$0")/.."

devhub="${1:-devhub}"
shift || true

if [ ! -x node_modules/.bin/sf ]; then
    npm ci --no-audit --no-fund
fi
exec npm run scratch:validate -- --dev-hub "$devhub" --keep --duration-days 7 "$@"
