using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace TrackerRace.Analyzers.Model;

/// <summary>
/// The <c>.editorconfig</c> options, read per syntax tree:
/// <c>trackerrace.teardown_methods</c>, <c>trackerrace.dispatch_methods</c> (extra method names) and
/// <c>trackerrace.pending_work_types</c> (type names, simple or fully qualified), each comma-separated.
/// </summary>
internal sealed class AnalyzerSettings
{
    public const string TeardownMethodsKey = "trackerrace.teardown_methods";
    public const string DispatchMethodsKey = "trackerrace.dispatch_methods";
    public const string PendingWorkTypesKey = "trackerrace.pending_work_types";
    public const string HeuristicSeverityKey = "trackerrace.heuristic_severity";

    public static readonly AnalyzerSettings Default = new(ImmutableHashSet<string>.Empty, ImmutableHashSet<string>.Empty, ImmutableHashSet<string>.Empty, DiagnosticSeverity.Info);

    private AnalyzerSettings(ImmutableHashSet<string> teardownMethods, ImmutableHashSet<string> dispatchMethods, ImmutableHashSet<string> pendingWorkTypes, DiagnosticSeverity? heuristicSeverity)
    {
        this.TeardownMethods = teardownMethods;
        this.DispatchMethods = dispatchMethods;
        this.PendingWorkTypes = pendingWorkTypes;
        this.HeuristicSeverity = heuristicSeverity;
    }

    public ImmutableHashSet<string> TeardownMethods { get; }

    public ImmutableHashSet<string> DispatchMethods { get; }

    public ImmutableHashSet<string> PendingWorkTypes { get; }

    /// <summary>
    /// The severity of <see cref="Confidence.Heuristic"/> findings (<c>trackerrace.heuristic_severity</c>): a suggestion
    /// unless raised; null when set to <c>none</c>. <c>dotnet_diagnostic.TRKnnn.severity</c> still sets a whole rule.
    /// </summary>
    public DiagnosticSeverity? HeuristicSeverity { get; }

    public static AnalyzerSettings For(AnalyzerOptions options, SyntaxTree? tree)
    {
        if (tree is null)
        {
            return Default;
        }

        var config = options.AnalyzerConfigOptionsProvider.GetOptions(tree);
        var teardown = Read(config, TeardownMethodsKey);
        var dispatch = Read(config, DispatchMethodsKey);
        var pending = Read(config, PendingWorkTypesKey);
        var heuristic = config.TryGetValue(HeuristicSeverityKey, out var level) ? SeverityOf(level) : Default.HeuristicSeverity;
        return teardown.IsEmpty && dispatch.IsEmpty && pending.IsEmpty && heuristic == Default.HeuristicSeverity
            ? Default
            : new AnalyzerSettings(teardown, dispatch, pending, heuristic);
    }

    // The words .editorconfig uses for dotnet_diagnostic severities; anything else keeps the default, as the compiler does.
    private static DiagnosticSeverity? SeverityOf(string value) => value.Trim().ToLowerInvariant() switch
    {
        "none" => null,
        "silent" or "hidden" => DiagnosticSeverity.Hidden,
        "suggestion" or "info" => DiagnosticSeverity.Info,
        "warning" => DiagnosticSeverity.Warning,
        "error" => DiagnosticSeverity.Error,
        _ => Default.HeuristicSeverity,
    };

    public bool IsPendingWorkType(ITypeSymbol type)
    {
        if (this.PendingWorkTypes.IsEmpty)
        {
            return false;
        }

        var definition = type.OriginalDefinition;
        return this.PendingWorkTypes.Contains(definition.Name)
            || this.PendingWorkTypes.Contains(definition.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat).Replace("global::", string.Empty))
            || this.PendingWorkTypes.Contains(definition.MetadataName);
    }

    private static ImmutableHashSet<string> Read(AnalyzerConfigOptions config, string key)
    {
        if (!config.TryGetValue(key, out var value) || string.IsNullOrWhiteSpace(value))
        {
            return ImmutableHashSet<string>.Empty;
        }

        var builder = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
        foreach (var part in value.Split(','))
        {
            var name = part.Trim();
            if (name.Length > 0)
            {
                builder.Add(name);
            }
        }

        return builder.ToImmutable();
    }
}
