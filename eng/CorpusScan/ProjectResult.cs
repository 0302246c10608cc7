namespace TrackerRace.CorpusScan;

/// <summary>One project of a scanned code base: what was compiled, what was missing, what the rules cost.</summary>
/// <param name="Path">The project file relative to the code base root.</param>
/// <param name="Findings">Counted findings in this project (before de-duplication across projects that share files).</param>
public sealed record ProjectResult(
    string Path,
    int Files,
    int Findings,
    IReadOnlyList<string> MissingPackages,
    int UnresolvedItems,
    int UnresolvedConditions,
    IReadOnlyList<string> Notes,
    IReadOnlyList<string> AnalyzerCrashes,
    IReadOnlyDictionary<string, TimeSpan> RuleTimes,
    TimeSpan AnalysisTime,
    TimeSpan? BindingTime,
    int? CompilerErrors,
    IReadOnlyList<string> FrequentErrors);
