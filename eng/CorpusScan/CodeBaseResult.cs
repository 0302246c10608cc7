using TrackerRace.CorpusScan.Corpus;

namespace TrackerRace.CorpusScan;

/// <summary>A scanned code base and its projects, with the sums the summary prints.</summary>
public sealed record CodeBaseResult(CodeBase CodeBase, IReadOnlyList<ProjectResult> Projects)
{
    public int Files => Projects.Sum(p => p.Files);

    public int MissingPackages => Projects.Sum(p => p.MissingPackages.Count);

    public int UnresolvedItems => Projects.Sum(p => p.UnresolvedItems);

    public int AnalyzerCrashes => Projects.Sum(p => p.AnalyzerCrashes.Count);

    public TimeSpan AnalysisTime => TimeSpan.FromTicks(Projects.Sum(p => p.AnalysisTime.Ticks));

    public TimeSpan? BindingTime => Projects.Any(p => p.BindingTime is not null) ? TimeSpan.FromTicks(Projects.Sum(p => p.BindingTime?.Ticks ?? 0)) : null;

    public int? CompilerErrors => Projects.Any(p => p.CompilerErrors is not null) ? Projects.Sum(p => p.CompilerErrors ?? 0) : null;

    public TimeSpan RuleTime(string rule) => TimeSpan.FromTicks(Projects.Sum(p => p.RuleTimes.GetValueOrDefault(rule).Ticks));
}
