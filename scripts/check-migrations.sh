#!/usr/bin/env bash
# Fails when the Drizzle schema has changed without a generated, committed migration.
set -euo pipefail
cd "$(dirname "$0")/../apps/server"
tmp=.drift-check
rm -rf "$tmp"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp"
cp -r src/db/migrations "$tmp/migrations"
cat > "$tmp/drizzle.config.ts" <<CFG
export default { dialect: 'postgresql', schema: './src/db/schema/index.ts', out: './$tmp/migrations' };
CFG
out=$(npx drizzle-kit generate --config "$tmp/drizzle.config.ts" --name drift 2>&1) || true
if echo "$out" | grep -q 'No schema changes'; then
  echo "migrations: no drift"
  exit 0
fi
echo "$out" >&2
echo "Schema drift: the Drizzle schema differs from the committed migrations. Run 'npm run db:generate' and commit." >&2
exit 1
