#!/usr/bin/env bash
# Packs TrackerRace.Analyzers, builds this stand-alone project against the .nupkg from a local folder
# source (no project references, its own package cache, a fresh compiler process so no analyzer the
# build server cached can stand in for the packed one) and checks that each rule's warnings show up
# on the command line, as many as the sample holds. Run from anywhere; .ci/run runs it.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
rm -rf "$root/artifacts/packages" "$root/artifacts/consumer-packages" "$here/bin" "$here/obj"
dotnet pack "$root/src/Analyzers/Package" -c Release -o "$root/artifacts/packages" -nologo -v:q
log="$(mktemp)"
dotnet build "$here/AnalyzerConsumer.csproj" -nologo -v:q --no-incremental -p:UseSharedCompilation=false 2>&1 | tee "$log"
status=0
# NaiveWorker.cs, NaiveOwner.cs and NaiveRpcClient.cs hold one instance of each rule, NaiveLockWorker.cs a second TRK003; CarefulWorker.cs none.
for expected in TRK001=1 TRK002=1 TRK003=2 TRK004=1 TRK005=1 TRK006=1; do
  rule="${expected%=*}"; want="${expected#*=}"
  count=$({ grep -E "warning $rule:" "$log" || true; } | sort -u | wc -l)
  if [ "$count" -ne "$want" ]; then
    echo "UNEXPECTED: $rule reported $count time(s) by the packed analyzer, expected $want" >&2
    status=1
  else
    echo "ok: $rule reported $count time(s)"
  fi
done
if grep -q "CarefulWorker.cs.*warning" "$log"; then
  echo "FAILED: a warning on CarefulWorker.cs, which is correct code" >&2
  status=1
fi
if grep -q "AD0001\|CS8032\|CS8034" "$log"; then
  echo "FAILED: the packed analyzer did not load or threw (AD0001/CS8032/CS8034)" >&2
  status=1
fi
rm -f "$log"
exit $status
