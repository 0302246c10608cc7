using TrackerRace.CorpusScan.Corpus;
using TrackerRace.CorpusScan.Findings;

namespace TrackerRace.CorpusScan.Labels;

/// <summary>
/// Matches a scan's findings to labels by code base, file, rule and exact line, and scores each rule.
/// Labels of code bases this run did not scan are left out of every number.
/// </summary>
public sealed record LabelEvaluation(
    IReadOnlyList<RuleScore> Rules,
    RuleScore Total,
    IReadOnlyList<Label> MissedTrue,
    IReadOnlyList<Finding> Unlabelled,
    IReadOnlyList<string> Warnings)
{
    public static LabelEvaluation Evaluate(IReadOnlyList<Finding> findings, IReadOnlyList<Label> labels, IReadOnlyList<CodeBase> scanned, IReadOnlyList<string> ruleIds)
    {
        var warnings = new List<string>();
        var byName = scanned.ToDictionary(c => c.Name, StringComparer.OrdinalIgnoreCase);
        var relevant = labels.Where(l => byName.ContainsKey(l.CodeBase)).Select(l => l with { CodeBase = byName[l.CodeBase].Name }).ToList();
        if (labels.Count > relevant.Count)
        {
            warnings.Add($"{labels.Count - relevant.Count} label row(s) are for code bases not in this scan and were not used.");
        }

        foreach (var stale in relevant.Where(l => l.Commit.Length > 0 && !SameCommit(l.Commit, byName[l.CodeBase].Commit)).GroupBy(l => (l.CodeBase, l.Commit)))
        {
            // A label made on other sources may point at a line that moved: its match (or miss) is suspect.
            warnings.Add($"{stale.Count()} label row(s) for '{stale.Key.CodeBase}' were made at commit {stale.Key.Commit}, but this scan read {byName[stale.Key.CodeBase].Commit} (lines {string.Join(", ", stale.Select(l => l.SourceLine))}).");
        }

        var judged = new Dictionary<(string, string, string, int), Label>();
        foreach (var label in relevant.Where(l => l.Verdict != Verdict.Pending))
        {
            if (!judged.TryAdd(label.Key, label))
            {
                warnings.Add($"labels line {label.SourceLine} labels the same finding as line {judged[label.Key].SourceLine}; line {judged[label.Key].SourceLine} is used.");
            }
        }

        var reported = findings.Select(f => f.Key).ToHashSet();
        var knownTrue = judged.Values.Where(l => l.Verdict == Verdict.True).ToList();
        var rules = ruleIds.Concat(findings.Select(f => f.RuleId)).Concat(knownTrue.Select(l => l.Rule)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

        RuleScore Score(string rule, Func<string, bool> inRule)
        {
            var ruleFindings = findings.Where(f => inRule(f.RuleId)).ToList();
            var verdicts = ruleFindings.Select(f => judged.TryGetValue(f.Key, out var l) ? l.Verdict : Verdict.Pending).ToList();
            var ruleKnownTrue = knownTrue.Where(l => inRule(l.Rule)).ToList();
            return new RuleScore(
                rule,
                ruleFindings.Count,
                verdicts.Count(v => v == Verdict.True),
                verdicts.Count(v => v == Verdict.False),
                verdicts.Count(v => v == Verdict.Pending),
                ruleKnownTrue.Count,
                ruleKnownTrue.Count(l => reported.Contains(l.Key)));
        }

        return new LabelEvaluation(
            rules.Select(r => Score(r, id => id == r)).ToList(),
            Score("total", _ => true),
            knownTrue.Where(l => !reported.Contains(l.Key)).OrderBy(l => l.CodeBase, StringComparer.Ordinal).ThenBy(l => l.File, StringComparer.Ordinal).ThenBy(l => l.Line).ToList(),
            findings.Where(f => !judged.ContainsKey(f.Key)).ToList(),
            warnings);
    }

    // Labels may carry a short hash; seven characters is git's own shortest default.
    private static bool SameCommit(string labelled, string scanned) =>
        string.Equals(labelled, scanned, StringComparison.OrdinalIgnoreCase)
        || (Math.Min(labelled.Length, scanned.Length) >= 7 && (scanned.StartsWith(labelled, StringComparison.OrdinalIgnoreCase) || labelled.StartsWith(scanned, StringComparison.OrdinalIgnoreCase)));
}
