using Microsoft.CodeAnalysis;

namespace TrackerRace.Analyzers;

/// <summary>The diagnostics this package reports; each links to its page under docs/rules.</summary>
internal static class Descriptors
{
    private const string HelpBase = "https://github.com/trackerrace/trackerrace/blob/main/docs/rules/";

    public static readonly DiagnosticDescriptor IdleDecidedByTimeAlone = new(
        id: "TRK002",
        title: "Idle decided by time alone",
        messageFormat: "'{0}' tears the component down when '{1}' holds, a time comparison that ignores pending work (PowerJob #1033)",
        category: "Reliability",
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A component that destroys itself because no activity was seen for a while can still be the target of work that was created but not yet handed over. Check for pending work, or ask the owner of that work, in the same decision.",
        helpLinkUri: HelpBase + "TRK002.md");
}
