using Microsoft.CodeAnalysis;

namespace TrackerRace.Analyzers;

/// <summary>The diagnostics this package reports; each links to its page under docs/rules.</summary>
internal static class Descriptors
{
    private const string HelpBase = "https://github.com/trackerrace/trackerrace/blob/main/docs/rules/";
    private const string Reliability = "Reliability";

    public static readonly DiagnosticDescriptor TeardownIgnoresPendingWork = new(
        id: "TRK001",
        title: "Teardown ignores pending work",
        messageFormat: "'{0}' tears the component down at '{1}' on a path that never consults its pending work ({2})",
        category: Reliability,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Work that was created for a component but not yet handed over is lost or failed when the component goes away without looking at it. Consult the pending work (or ask its owner) on every path before tearing down.",
        helpLinkUri: HelpBase + "TRK001.md");

    public static readonly DiagnosticDescriptor IdleDecidedByTimeAlone = new(
        id: "TRK002",
        title: "Idle decided by time alone",
        messageFormat: "The component is torn down ('{0}') when '{1}' holds, a time comparison that ignores pending work (PowerJob #1033)",
        category: Reliability,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A component that destroys itself because no activity was seen for a while can still be the target of work that was created but not yet handed over. Check for pending work, or ask the owner of that work, in the same decision.",
        helpLinkUri: HelpBase + "TRK002.md");

    public static readonly DiagnosticDescriptor CheckThenTeardownNotAtomic = new(
        id: "TRK003",
        title: "Check-then-teardown is not atomic",
        messageFormat: "'{0}' tears the component down at '{1}', but its pending-work check '{2}' can be stale by then: {3}",
        category: Reliability,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Between the pending-work check and the teardown, a dispatcher can add work: an await lets it run, and a check outside the dispatcher's lock does not exclude it. Check and tear down (or close the door) under the guard that dispatch takes.",
        helpLinkUri: HelpBase + "TRK003.md");

    public static readonly DiagnosticDescriptor DispatchAfterTeardown = new(
        id: "TRK004",
        title: "Dispatch to a torn-down component",
        messageFormat: "'{0}' adds work to '{1}' without rejecting it once the component is torn down: {2}",
        category: Reliability,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Work accepted after teardown is never run and never reported. Check the disposed/destroyed state under the same guard as the enqueue and refuse the work.",
        helpLinkUri: HelpBase + "TRK004.md");

    public static readonly DiagnosticDescriptor UndeliveredWorkFailed = new(
        id: "TRK005",
        title: "Work never delivered is failed with its component",
        messageFormat: "'{0}' fails every item of '{1}' unconditionally, including work that was never delivered; undelivered work could be dispatched again",
        category: Reliability,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "When a component reports that it is going away (or is found lost), the work addressed to it splits in two: work it received, which may have run, and work still waiting to be handed over, which certainly did not. Failing both alike turns a harmless teardown into a failed job (PowerJob #1033). Check each item's delivery state and send undelivered work back to dispatch.",
        helpLinkUri: HelpBase + "TRK005.md");

    public static readonly DiagnosticDescriptor TeardownAbandonsPromises = new(
        id: "TRK006",
        title: "Teardown abandons awaited promises",
        messageFormat: "'{0}' tears the component down ('{2}') and leaves the promises in '{1}' uncompleted; whoever awaits one waits for ever",
        category: Reliability,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A promise (a TaskCompletionSource, or a waiter holding one) that the component handed out is awaited by a caller whose request was accepted. Only the component can complete it; a teardown that clears or takes the promises without completing them leaves those callers hanging. Fail or cancel each one before dropping it.",
        helpLinkUri: HelpBase + "TRK006.md");
}
