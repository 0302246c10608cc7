#!/usr/bin/env bash
# Packs TrackerRace.Analyzers, builds this stand-alone project against the .nupkg from a local
# folder source (no project references, its own package cache) and checks that each rule's warning
# shows up on the command line. Run from anywhere; .ci/run runs it.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
rm -rf "$root/artifacts/packages" "$root/artifacts/consumer-packages" "$here/bin" "$here/obj"
dotnet pack "$root/src/Analyzers/Package" -c Release -o "$root/artifacts/packages" -nologo -v:q
log="$(mktemp)"
dotnet build "$here/AnalyzerConsumer.csproj" -nologo -v:q --no-incremental 2>&1 | tee "$log"
status=0
for rule in TRK001 TRK002 TRK003 TRK004 TRK005; do
  count=$({ grep -E "warning $rule:" "$log" || true; } | sort -u | wc -l)
  if [ "$count" -eq 0 ]; then
    echo "MISSING: no $rule warning from the packed analyzer" >&2
    status=1
  else
    echo "ok: $rule reported $count time(s)"
  fi
done
if grep -q "AD0001\|CS8032\|CS8034" "$log"; then
  echo "FAILED: the packed analyzer did not load or threw (AD0001/CS8032/CS8034)" >&2
  status=1
fi
rm -f "$log"
exit $status
