#!/usr/bin/env bash
# Measures what the TrackerRace rules cost in a full, non-incremental build of the solution
# (-p:ReportAnalyzer=true; one project at a time so the compiler's reports do not interleave) and
# lists what they report. Nothing here asserts a time: it prints figures for the README and notes.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
dotnet build "$root/Analyzers.sln" --no-incremental -m:1 -nologo -p:ReportAnalyzer=true -v:d > "$log" 2>&1 || { tail -40 "$log"; exit 1; }
python3 - "$log" "$root/src/Runtime/obj/dogfood.sarif" <<'PY'
import json, re, sys
log, sarif = sys.argv[1], sys.argv[2]
rows, total, ours, rules = [], None, None, {}
for line in open(log, encoding="utf-8", errors="replace"):
    m = re.search(r"Total analyzer execution time: ([\d.]+) seconds", line)
    if m: total, ours, rules = float(m.group(1)), 0.0, {}
    m = re.match(r"\s+<?([\d.]+)\s+\S+\s+TrackerRace\.Analyzers, Version", line)
    if m and total is not None: ours = float(m.group(1))
    m = re.match(r"\s+<?([\d.]+)\s+\S+\s+TrackerRace\.Analyzers\.\w+ \((TRK\d+)\)", line)
    if m and total is not None: rules[m.group(2)] = float(m.group(1))
    m = re.search(r'Done building target "CoreCompile" in project "(.+?)\.csproj"', line)
    if m and total is not None:
        rows.append((m.group(1), total, ours, dict(rules))); total = None
print(f"{'project':42} {'all analyzers':>13} {'TrackerRace':>11} {'share':>6}  TRK001  TRK002  TRK003  TRK004  TRK005")
for name, t, o, r in rows:
    if o == 0 and not r: continue
    share = f"{100*o/t:5.1f}%" if t else "   -"
    print(f"{name:42} {t:12.3f}s {o:10.3f}s {share:>6}  " + "  ".join(f"{r.get(k,0):.3f}" for k in ("TRK001","TRK002","TRK003","TRK004","TRK005")))
tt, to = sum(r[1] for r in rows), sum(r[2] for r in rows)
print(f"{'solution':42} {tt:12.3f}s {to:10.3f}s {100*to/tt:5.1f}%")
warnings = sorted({l.strip() for l in open(log, encoding="utf-8", errors="replace") if re.search(r"(warning|error) (TRK\d+|AD0001)", l)})
print(f"\nunsuppressed TRK/AD0001 diagnostics in the build: {len(warnings)}")
for w in warnings: print("  " + w)
results = json.load(open(sarif))["runs"][0]["results"]
found = [r for r in results if r["ruleId"].startswith("TRK")]
print(f"src/Runtime findings suppressed in source: {len(found)}")
for r in found:
    loc = r["locations"][0]["physicalLocation"]
    print(f"  {r['ruleId']} {loc['artifactLocation']['uri'].split('/src/')[-1]}:{loc['region']['startLine']}")
PY
