using System.Globalization;
using TrackerRace.CorpusScan.Analysis;
using TrackerRace.CorpusScan.Compiling;
using TrackerRace.CorpusScan.Corpus;
using TrackerRace.CorpusScan.Findings;
using TrackerRace.CorpusScan.Projects;

namespace TrackerRace.CorpusScan;

/// <summary>
/// The one entry point: scans code bases with a set of rules. Every project file of a code base is
/// compiled in memory and analysed once; findings in files two projects share are reported once.
/// </summary>
public static class Scanner
{
    public static async Task<ScanResult> ScanAsync(
        IReadOnlyList<CodeBase> codeBases,
        AnalyzerSet analyzers,
        ScanSettings settings,
        TextWriter? progress,
        CancellationToken cancellationToken)
    {
        var exclude = new ExcludeFilter(settings.Exclude);
        var packages = new NuGetCache(settings.NuGetPackages);
        var results = new List<CodeBaseResult>();
        var findings = new List<Finding>();
        foreach (var codeBase in codeBases)
        {
            var compiler = new ProjectCompiler(packages, file => exclude.IsExcluded(file, codeBase.Root));
            var projects = new List<ProjectResult>();
            var projectFiles = SourceTree.ProjectFiles(codeBase.Root).Where(p => !exclude.IsExcluded(p, codeBase.Root)).ToList();
            foreach (var (projectFile, index) in projectFiles.Select((p, i) => (p, i + 1)))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var relative = FindingReader.RelativePath(projectFile, codeBase.Root);
                progress?.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{codeBase.Name} {index}/{projectFiles.Count}] {relative}"));
                var compiled = compiler.Compile(projectFile)!;
                var analysis = await ProjectAnalyzer.AnalyzeAsync(compiled.Compilation, analyzers, settings.MeasureBinding, cancellationToken).ConfigureAwait(false);
                var projectFindings = analysis.Diagnostics
                    .Where(d => FindingReader.IsCounted(d, settings.AllTiers))
                    .Select(d => FindingReader.Read(d, codeBase, relative))
                    .ToList();
                findings.AddRange(projectFindings);
                projects.Add(new ProjectResult(
                    relative,
                    compiled.SourceFiles,
                    projectFindings.Count,
                    compiled.MissingPackages,
                    compiled.Spec.UnresolvedItems,
                    compiled.Spec.UnresolvedConditions,
                    compiled.Notes,
                    analysis.AnalyzerCrashes,
                    analysis.RuleTimes,
                    analysis.AnalysisTime,
                    analysis.BindingTime,
                    analysis.CompilerErrors,
                    analysis.FrequentErrors));
            }

            results.Add(new CodeBaseResult(codeBase, projects));
        }

        var unique = findings
            .DistinctBy(f => (f.CodeBase, f.Position, f.RuleId, f.Message))
            .OrderBy(f => f.CodeBase, StringComparer.Ordinal)
            .ThenBy(f => f.Position.Path, StringComparer.Ordinal)
            .ThenBy(f => f.Position.Line)
            .ThenBy(f => f.Position.Column)
            .ThenBy(f => f.RuleId, StringComparer.Ordinal)
            .ToList();
        return new ScanResult(
            analyzers.Source,
            analyzers.Version,
            analyzers.Rules.Select(RuleInfo.Of).ToList(),
            analyzers.Analyzers.Select(AnalyzerSet.RuleNameOf).Distinct().ToList(),
            results,
            unique,
            settings.AllTiers);
    }
}
