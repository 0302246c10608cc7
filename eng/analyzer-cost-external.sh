#!/usr/bin/env bash
# What the packed TrackerRace rules cost in someone else's build. Builds <project-or-solution> (a checkout of your
# choice; it must restore and build on this machine) three times from scratch: once to warm up (restore, JIT, disk
# cache), then without and with the analyzer, alternating, <runs> times each; the analyzer is added from outside the
# code base through CustomAfterMicrosoftCommonTargets, so nothing in it changes. Prints the wall time of each build
# and CPU time of each build and, from -p:ReportAnalyzer=true, the rules' time against all analyzers' and against the
# CPU the build without them spent (the wall-time difference of two builds is mostly noise at this size). A report, not a
# test: nothing is asserted.
#   bash eng/analyzer-cost-external.sh <project-or-solution> [runs=2] [extra msbuild arguments...]
# e.g. (Polly's pinned packages meet the NuGet mirror's versions with NU1605 downgrade warnings, errors by default):
#   bash eng/analyzer-cost-external.sh eng/corpus/sources/tuning/polly/src/Polly.Core/Polly.Core.csproj 2 "-p:NoWarn=NU1605%3BNU1603"
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
target="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
runs="${2:-2}"
shift $(( $# < 2 ? $# : 2 ))
extra=("$@")
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
dotnet build "$root/src/Analyzers/Analyzers" -c Release -nologo -v:q -o "$work/analyzer" > /dev/null
cat > "$work/add-trackerrace.targets" <<XML
<Project>
  <ItemGroup>
    <Analyzer Include="$work/analyzer/TrackerRace.Analyzers.dll" />
  </ItemGroup>
</Project>
XML
build() { # $1: label, $2..: extra msbuild arguments
  # -v:d because the compiler prints its ReportAnalyzer table only at detailed verbosity.
  # No build servers and no shared compiler: every compiler and MSBuild node is a child of this build, so /usr/bin/time
  # sees all the CPU the build spent (the denominator for the rules' CPU), not only the front end's.
  local label="$1"; shift
  /usr/bin/time -f "%e %U %S" -o "$work/$label.time" dotnet build "$target" --no-incremental --disable-build-servers -nologo -v:d \
    -p:UseSharedCompilation=false -p:TreatWarningsAsErrors=false "${extra[@]}" "$@" > "$work/$label.log" 2>&1 \
    || { grep -E "error" "$work/$label.log" | sort -u | tail -20 >&2; echo "build failed: $label" >&2; exit 1; }
  awk '{ printf "%s %s\n", $1, $2 + $3 }' "$work/$label.time"
}
build warmup > /dev/null
for i in $(seq 1 "$runs"); do
  without=$(build "without$i")
  with=$(build "with$i" -p:CustomAfterMicrosoftCommonTargets="$work/add-trackerrace.targets" -p:ReportAnalyzer=true)
  read -r without_wall without_cpu <<< "$without"
  read -r with_wall with_cpu <<< "$with"
  python3 - "$work/with$i.log" "$without_wall" "$without_cpu" "$with_wall" "$with_cpu" "$i" <<'PY'
import re, sys
log, run = sys.argv[1], sys.argv[6]
without_wall, without_cpu, with_wall, with_cpu = map(float, sys.argv[2:6])
total = ours = 0.0
for line in open(log, encoding="utf-8", errors="replace"):
    m = re.search(r"Total analyzer execution time: ([\d.]+) seconds", line)
    if m: total += float(m.group(1))
    m = re.match(r"\s+<?([\d.]+)\s+\S+\s+TrackerRace\.Analyzers, Version", line)
    if m: ours += float(m.group(1))
if ours == 0:
    sys.exit(f"{log}: no TrackerRace.Analyzers line in the ReportAnalyzer output; the analyzer was not loaded")
findings = len({l.strip() for l in open(log, encoding="utf-8", errors="replace") if re.search(r"warning TRK\d+", l)})
ad0001 = sum(1 for l in open(log, encoding="utf-8", errors="replace") if "AD0001" in l)
print(f"run {run}: without the rules {without_wall:6.1f} s wall / {without_cpu:6.1f} s CPU; with {with_wall:6.1f} s / {with_cpu:6.1f} s "
      f"({100*(with_wall-without_wall)/without_wall:+.1f} % wall, {100*(with_cpu-without_cpu)/without_cpu:+.1f} % CPU, the noise of two builds included); "
      f"rules {ours:.2f} s of {total:.2f} s all analyzers ({100*ours/total:.1f} %) = {100*ours/without_cpu:.2f} % of the build's CPU; "
      f"TRK warnings {findings}, AD0001 {ad0001}")
PY
done
