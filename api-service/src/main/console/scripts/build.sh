#!/bin/sh
# The console's part of the Maven build (api-service, process-classes): after the OpenAPI document is generated,
# install the pinned npm packages when the lock file changed, generate the typed client, check every string is
# translated, type-check and bundle into target/classes/console.
set -eu
cd "$(dirname "$0")/.."
if ! cmp -s package-lock.json node_modules/.installed-lock 2>/dev/null; then
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json node_modules/.installed-lock
fi
npm run --silent build
