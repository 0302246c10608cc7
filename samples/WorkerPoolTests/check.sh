#!/usr/bin/env bash
# Packs TrackerRace.Coyote and tests this stand-alone user project against the .nupkg from a local folder source (its
# own package cache, no project reference to the repository), as a user would:
#   1. the normal test run passes: the fixed pool is clean over 1,000 iterations, the racy one is found under 10 seeds
#      and its trace replays;
#   2. the demo test (the racy pool under AssertNoBugAsync) fails with the oracle's words, a timeline and a replay command;
#   3. that replay command, run as printed, reproduces the same failure.
# Run from anywhere; .ci/run runs it.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 COYOTE_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
rm -rf "$root/artifacts/packages/trackerrace.coyote."* "$root/artifacts/packages/TrackerRace.Coyote."* "$root/artifacts/sample-packages" \
  "$here"/WorkerPool/{bin,obj} "$here"/WorkerPool.Tests/{bin,obj,coyote-out}
dotnet pack "$root/src/CoyoteTests/Harness" -c Release -o "$root/artifacts/packages" -nologo -v:q

tests="$here/WorkerPool.Tests"
log="$(mktemp)"; demo="$(mktemp)"; replay="$(mktemp)"
trap 'rm -f "$log" "$demo" "$replay"' EXIT

echo "== WorkerPool.Tests: the normal run"
dotnet test "$tests" --filter "Category!=Demo" --logger "console;verbosity=detailed" 2>&1 | tee "$log" | grep -E "^\s+(Passed|Failed) |Total tests|iterations/s|found at iteration|distinct\)" || true
grep -q "Test Run Successful" "$log" || { echo "FAILED: the sample's tests did not pass" >&2; cat "$log" >&2; exit 1; }

echo "== WorkerPool.Tests: the racy pool as a user meets it (must fail)"
if (cd "$tests" && dotnet test --no-build --filter "Category=Demo") >"$demo" 2>&1; then
  echo "FAILED: the racy pool's demo test passed; Coyote should have found the lost job" >&2; cat "$demo" >&2; exit 1
fi
for expected in "Accepted work was lost" "Timeline (virtual time):" "accepted b" "Replay exactly this schedule:"; do
  grep -qF "$expected" "$demo" || { echo "FAILED: the demo's failure does not show '$expected'" >&2; cat "$demo" >&2; exit 1; }
done
sed -n '/Coyote found a bug/,/or pass new ExplorationOptions/p' "$demo" | sed 's/^/    /' | head -40
command="$(grep -oE "TRACKERRACE_REPLAY=[^ ]+ dotnet test --filter \"[^\"]+\"" "$demo" | head -1)"
[ -n "$command" ] || { echo "FAILED: no replay command in the demo's failure" >&2; exit 1; }

echo "== WorkerPool.Tests: the printed replay command (must reproduce the failure)"
echo "    $command"
if (cd "$tests" && eval "$command") >"$replay" 2>&1; then
  echo "FAILED: the replay command passed; it should reproduce the bug" >&2; cat "$replay" >&2; exit 1
fi
grep -qF "Coyote reproduced the saved bug" "$replay" || { echo "FAILED: the replay did not reproduce the bug" >&2; cat "$replay" >&2; exit 1; }
grep -qF "Accepted work was lost" "$replay" || { echo "FAILED: the replay shows another failure" >&2; cat "$replay" >&2; exit 1; }
echo "ok: the racy pool is found and its replay reproduces it; the fixed pool is clean"
