using Microsoft.CodeAnalysis;
using TrackerRace.CorpusScan.Corpus;

namespace TrackerRace.CorpusScan.Findings;

/// <summary>
/// Turns our rules' diagnostics into findings. By default only what a user sees at build time
/// counts (effective severity Warning or Error); weaker confidence tiers are reported as Info or
/// Hidden and are counted only with <c>--all-tiers</c>.
/// </summary>
public static class FindingReader
{
    public const string ConfidenceProperty = "Confidence";
    public const string LocationLabelsProperty = "LocationLabels";
    public const string UnlabelledLocation = "see";

    public static bool IsCounted(Diagnostic diagnostic, bool allTiers) =>
        diagnostic.Id.StartsWith("TRK", StringComparison.Ordinal)
        && (allTiers || diagnostic.Severity >= DiagnosticSeverity.Warning);

    public static Finding Read(Diagnostic diagnostic, CodeBase codeBase, string project)
    {
        diagnostic.Properties.TryGetValue(ConfidenceProperty, out var tier);
        diagnostic.Properties.TryGetValue(LocationLabelsProperty, out var labelList);
        var labels = labelList?.Split(';') ?? [];
        var related = diagnostic.AdditionalLocations
            .Select((location, i) => (location, label: i < labels.Length && labels[i].Trim().Length > 0 ? labels[i].Trim() : UnlabelledLocation))
            .Where(l => l.location.IsInSource)
            .Select(l => new RelatedPosition(l.label, Position(l.location, codeBase.Root)))
            .ToList();
        return new Finding(
            codeBase.Name,
            codeBase.Commit,
            project,
            diagnostic.Id,
            diagnostic.Severity,
            tier is { Length: > 0 } ? tier : null,
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture),
            Position(diagnostic.Location, codeBase.Root),
            related);
    }

    public static string RelativePath(string fullPath, string root) =>
        fullPath.Length == 0 ? "" : Path.GetRelativePath(root, fullPath).Replace('\\', '/');

    private static SourcePosition Position(Location location, string root)
    {
        if (!location.IsInSource)
        {
            return new SourcePosition("", 0, 0, 0, 0);
        }

        var span = location.GetLineSpan();
        return new SourcePosition(
            RelativePath(span.Path, root),
            span.StartLinePosition.Line + 1,
            span.StartLinePosition.Character + 1,
            span.EndLinePosition.Line + 1,
            span.EndLinePosition.Character + 1);
    }
}
