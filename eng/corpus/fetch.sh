#!/usr/bin/env bash
# Clones every code base of manifest.tsv at its pinned commit into eng/corpus/sources/<role>/<name> (git ignored), so
# the corpus tool can reproduce the README's and the rule pages' figures:
#   bash eng/corpus/fetch.sh            # needs network access to GitHub, once
#   dotnet run --project eng/CorpusScan -c Release -- scan --manifest eng/corpus/manifest.tsv \
#     --labels eng/corpus/labels.tsv --analyzers <TrackerRace.Analyzers.dll or .nupkg>
# Already present folders are left alone.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
tail -n +2 "$here/manifest.tsv" | while IFS=$'\t' read -r name repo commit role path files; do
  target="$here/$path"
  if [ -d "$target" ]; then echo "have $name"; continue; fi
  mkdir -p "$target"
  git -C "$target" init -q
  git -C "$target" remote add origin "https://github.com/$repo.git"
  git -C "$target" fetch -q --depth 1 origin "$commit"
  git -C "$target" checkout -q FETCH_HEAD
  echo "fetched $name at $commit"
done
