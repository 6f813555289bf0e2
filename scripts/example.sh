#!/usr/bin/env bash
# The main job on the built-in example, a Supabase project as it is (fixtures/projects/
# supabase-guide: its own migrations, a seed file, a config.toml), on a local database that
# pgshift starts itself, without Docker:
#  1. `pgshift db start`: a throwaway PostgreSQL with the Supabase platform (auth, storage, roles);
#  2. `pgshift db push`: the migrations applied and recorded as the Supabase CLI records them;
#  3. `pgshift migration list` and `pgshift db check`: the database and the files agree exactly;
#  4. a change by hand, as a dashboard would make it: `db check` reports the drift, `db diff`
#     plans the migration that captures it;
#  5. `pgshift db reset`: back to the platform's state, every migration and the seed again.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh" >/dev/null
"$root/scripts/example-steps.sh" "$root/build/pgshift"
