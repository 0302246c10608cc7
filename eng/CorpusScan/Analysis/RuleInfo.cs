using Microsoft.CodeAnalysis;

namespace TrackerRace.CorpusScan.Analysis;

/// <summary>A rule as its descriptor states it, for the report and the SARIF log's rule table.</summary>
public sealed record RuleInfo(string Id, string Title, string Description, string HelpUri, DiagnosticSeverity DefaultSeverity)
{
    public static RuleInfo Of(DiagnosticDescriptor descriptor) => new(
        descriptor.Id,
        descriptor.Title.ToString(System.Globalization.CultureInfo.InvariantCulture),
        descriptor.Description.ToString(System.Globalization.CultureInfo.InvariantCulture),
        descriptor.HelpLinkUri,
        descriptor.DefaultSeverity);
}
