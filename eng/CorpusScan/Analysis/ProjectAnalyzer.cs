using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace TrackerRace.CorpusScan.Analysis;

/// <summary>Runs the rules over one compilation with Roslyn's own driver, timing each rule.</summary>
public static class ProjectAnalyzer
{
    public const string AnalyzerCrashId = "AD0001";

    private const int FrequentErrorIds = 4;

    public static async Task<ProjectAnalysis> AnalyzeAsync(CSharpCompilation compilation, AnalyzerSet analyzers, bool measureBinding, CancellationToken cancellationToken)
    {
        var crashes = new ConcurrentQueue<string>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions([]),
            onAnalyzerException: (exception, analyzer, _) => crashes.Enqueue($"{AnalyzerSet.RuleNameOf(analyzer)}: {exception}"),
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: true,
            reportSuppressedDiagnostics: false);
        var withAnalyzers = compilation.WithAnalyzers(analyzers.Analyzers, options);

        var stopwatch = Stopwatch.StartNew();
        var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync(cancellationToken).ConfigureAwait(false);
        var analysisTime = stopwatch.Elapsed;

        var ruleTimes = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        foreach (var analyzer in analyzers.Analyzers)
        {
            var telemetry = await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, cancellationToken).ConfigureAwait(false);
            var rule = AnalyzerSet.RuleNameOf(analyzer);
            ruleTimes[rule] = ruleTimes.GetValueOrDefault(rule) + telemetry.ExecutionTime;
        }

        TimeSpan? bindingTime = null;
        int? compilerErrors = null;
        IReadOnlyList<string> frequentErrors = [];
        if (measureBinding)
        {
            stopwatch.Restart();
            var compilerDiagnostics = compilation.GetDiagnostics(cancellationToken);
            bindingTime = stopwatch.Elapsed;
            var errors = compilerDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            compilerErrors = errors.Count;
            frequentErrors = errors.GroupBy(d => d.Id, StringComparer.Ordinal)
                .OrderByDescending(g => g.Count())
                .ThenBy(g => g.Key, StringComparer.Ordinal)
                .Take(FrequentErrorIds)
                .Select(g => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{g.Key} {g.Count()}"))
                .ToList();
        }

        // The same crash can arrive both through the callback and as a returned AD0001; report each once.
        var returnedCrashes = diagnostics.Where(d => d.Id == AnalyzerCrashId).Select(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var crashTexts = crashes.Count >= returnedCrashes.Count ? crashes.ToList() : returnedCrashes;
        return new ProjectAnalysis(diagnostics, ruleTimes, analysisTime, bindingTime, compilerErrors, frequentErrors, crashTexts);
    }
}
