using TrackerRace.CorpusScan.Analysis;
using TrackerRace.CorpusScan.Findings;

namespace TrackerRace.CorpusScan;

/// <summary>A whole scan: which rules ran, per code base results, and the findings in a stable order.</summary>
/// <param name="RuleNames">The names execution time is counted under (one per analyzer: <c>TRK001</c> ...).</param>
public sealed record ScanResult(
    string AnalyzerSource,
    string AnalyzerVersion,
    IReadOnlyList<RuleInfo> Rules,
    IReadOnlyList<string> RuleNames,
    IReadOnlyList<CodeBaseResult> CodeBases,
    IReadOnlyList<Finding> Findings,
    bool AllTiers)
{
    public IReadOnlyList<string> RuleIds => Rules.Select(r => r.Id).ToList();
}
