using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace TrackerRace.CorpusScan.Analysis;

/// <summary>What our rules reported on one compilation, and what they cost.</summary>
/// <param name="RuleTimes">Each analyzer's execution time (Roslyn's telemetry), by rule id.</param>
/// <param name="AnalysisTime">Wall time of <c>GetAnalyzerDiagnosticsAsync</c>: binding the code the rules ask about, plus the rules.</param>
/// <param name="BindingTime">Wall time of <c>compilation.GetDiagnostics()</c>, if measured: the compiler's own cost, for scale.</param>
/// <param name="CompilerErrors">Compiler errors, if binding was measured; many mean missing references.</param>
/// <param name="FrequentErrors">The most frequent compiler error ids with their counts (<c>CS0246 120</c>), to tell missing packages from gaps in this tool's project reading.</param>
/// <param name="AnalyzerCrashes">AD0001: analyzer exceptions, with their text.</param>
public sealed record ProjectAnalysis(
    ImmutableArray<Diagnostic> Diagnostics,
    IReadOnlyDictionary<string, TimeSpan> RuleTimes,
    TimeSpan AnalysisTime,
    TimeSpan? BindingTime,
    int? CompilerErrors,
    IReadOnlyList<string> FrequentErrors,
    IReadOnlyList<string> AnalyzerCrashes);
