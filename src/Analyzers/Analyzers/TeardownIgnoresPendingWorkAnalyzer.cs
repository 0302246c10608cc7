using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using TrackerRace.Analyzers.Flow;
using TrackerRace.Analyzers.Model;

namespace TrackerRace.Analyzers;

/// <summary>
/// TRK001: in a type that evidently holds pending work, a teardown member (or a method that returns a
/// <c>[Teardown]</c> decision) reaches a teardown on some control-flow path that never reads that work.
/// Paths come from the method's control flow graph, so an early return or a guard on one branch is
/// seen for what it is.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class TeardownIgnoresPendingWorkAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.TeardownIgnoresPendingWork);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        TrackerAnalysis.RegisterPerType(context, AnalyzeType);
    }

    private static void AnalyzeType(TypeFacts facts, Action<Diagnostic> report, CancellationToken cancellationToken)
    {
        foreach (var method in facts.Methods)
        {
            cancellationToken.ThrowIfCancellationRequested();

            // "queue.CompleteAdding(); sink.Dispose();": closing the hand-off reads it, but what is still queued is lost
            // unless the teardown waits for the consumer that drains it.
            if (facts.IsEntryTeardown(method) && Names.IsNamedMethod(method) && UnawaitedDrain.Find(facts, method) is { } drain)
            {
                var explanations = new[]
                {
                    Explanation.At(drain.Close, "work closed, consumer not waited for"),
                    Explanation.At(facts.AddSiteOf(drain.Work), "work added"),
                    Explanation.At(drain.Consumer, "consumer that drains it"),
                };
                Report(facts, method, facts.ConfidenceOf(drain.Work) ?? Confidence.Evidence, explanations, drain.Work.Name, Display.TextOf(drain.Close),
                    $"{drain.Work.Name}, whose consumer '{drain.Consumer.Name}' it does not wait for", report);
                continue;
            }
            // A private teardown that no entry teardown calls is judged in the methods that call it ("CheckIdle() { if (idle)
            // Destroy(); }"): the path from the call on must have looked at the work.
            if (!(IsTeardownOrDecision(facts, method) || (Names.IsNamedMethod(method) && facts.CallsOrphanTeardown(method))) || !facts.MayTearDown(method))
            {
                // "Dispose() { while (outgoing.TryDequeue(out var m)) Send(m); }" tears nothing else down, but drains only one
                // of the collections the type accepts work into.
                if (facts.IsEntryTeardown(method) && Names.IsNamedMethod(method) && facts.FlowOf(method) is { } drainOnly)
                {
                    ReportSiblingLeftBehind(facts, method, drainOnly, report);
                }

                continue;
            }

            // Work the type completes somewhere (a stop hook, an override the base teardown calls) has its own way out.
            var visible = facts.PendingWorkVisibleTo(method).Where(m => !facts.IsSelfClosing(m)).ToList();
            var pending = visible.Select(m => m.Name).Distinct().ToList();
            if (pending.Count == 0 || facts.FlowOf(method) is not { } flow)
            {
                continue;
            }

            // A path is reported only if it tears down and then returns without ever reading the pending work:
            // "cancel the loop, then drain the queue" consults it after the teardown, and is fine.
            PathEvent? unconsulted = null;
            PathExplorer.Explore(flow, default(TornDown), (ref TornDown state, in PathEvent e) =>
            {
                switch (e.Kind)
                {
                    case PathEventKind.Consult:
                        return PathVerdict.StopPath;
                    case PathEventKind.Teardown when e.Symbol is IMethodSymbol callee && facts.IsOwnMethod(callee) && IsTeardownOrDecision(facts, callee):
                        // "Dispose() => Dispose(true)", "DisposeAsync() { await StopAsync(); timer.Dispose(); }": the callee is
                        // judged on its own body, and what follows it on this path is its caller's cleanup; one bug, one warning.
                        return PathVerdict.StopPath;
                    case PathEventKind.Teardown when !state.Happened || state.ByWrite:
                        // A teardown call names the teardown better than the flag written on the way to it.
                        state = new TornDown(e, byWrite: false);
                        return PathVerdict.Continue;
                    case PathEventKind.WriteState when !state.Happened && e.Symbol is { } flag && facts.StopsConsumer(flag):
                        // "running = false" stops the pump that would have sent what is queued: a teardown in all but name.
                        state = new TornDown(e, byWrite: true);
                        return PathVerdict.Continue;
                    case PathEventKind.Exit when state.Happened:
                        unconsulted = state.First;
                        return PathVerdict.StopAll;
                    default:
                        return PathVerdict.Continue;
                }
            });

            if (unconsulted is null)
            {
                ReportSiblingLeftBehind(facts, method, flow, report);
                continue;
            }

            if (unconsulted is { } finding)
            {
                // The strongest evidence among the work the path ignores decides the tier; the explanation shows that work.
                // The type's own belief is evidence too: another of its teardowns drains this work ("DisposeAsync" flushes,
                // "Dispose" does not), so the author knows it must not be dropped.
                var tier = facts.StrongestOf(visible);
                if (tier == Confidence.Heuristic && facts.Methods.Any(other =>
                    !SymbolEqualityComparer.Default.Equals(other, method) && facts.IsEntryTeardown(other) && facts.DrainedBy(other).Any(visible.Contains)))
                {
                    tier = Confidence.Evidence;
                }

                var shown = visible.FirstOrDefault(m => facts.ConfidenceOf(m) == tier) ?? visible[0];
                var explanations = new[]
                {
                    Explanation.At(finding.Operation, "teardown"),
                    Explanation.At(facts.AddSiteOf(shown), "work added"),
                    Explanation.At(shown, "pending work, not consulted on this path"),
                };
                Report(facts, method, tier, explanations, string.Join(",", facts.PendingMembers.Select(m => m.Name)), Display.TextOf(finding.Operation), string.Join(", ", pending), report);
            }
        }
    }

    // "Dispose() { cts.Cancel(); while (outbox.TryDequeue(out var m)) Send(m); }" next to an "inbox" the same type accepts work
    // into and that this teardown never names: the author drains one collection at teardown and forgets its sibling.
    private static void ReportSiblingLeftBehind(TypeFacts facts, IMethodSymbol method, MethodFlow flow, Action<Diagnostic> report)
    {
        if (!facts.IsEntryTeardown(method) || !facts.DrainedBy(method).Any())
        {
            return;
        }

        var teardown = flow.FirstEvent(PathEventKind.Teardown);
        foreach (var sibling in facts.PendingMembers)
        {
            // A sibling is a collection the type fills itself; a declared question ("HasLocalPendingWork") is no collection.
            if (facts.IsSelfClosing(sibling) || facts.ConfidenceOf(sibling) is not (Confidence.Declared or Confidence.Evidence)
                || facts.AddSiteOf(sibling) is null || facts.Mentions(method, sibling))
            {
                continue;
            }

            var explanations = new[]
            {
                Explanation.At(teardown?.Operation, "teardown"),
                Explanation.At(facts.AddSiteOf(sibling), "work added"),
                Explanation.At(sibling, "pending work, not consulted; a sibling is drained here"),
            };
            Report(facts, method, facts.ConfidenceOf(sibling)!.Value, explanations, sibling.Name, teardown is { } e ? Display.TextOf(e.Operation) : method.Name, sibling.Name, report);
        }
    }

    private static void Report(
        TypeFacts facts, IMethodSymbol method, Confidence tier, Explanation[] explanations, string pendingProperty, string teardownText, string pendingText, Action<Diagnostic> report)
    {
        if (Finding.Create(
            Descriptors.TeardownIgnoresPendingWork,
            method.Locations.FirstOrDefault() ?? Location.None,
            tier,
            facts.Classifier.Settings,
            facts.Classifier.Known.IsTestAssembly,
            explanations,
            ImmutableDictionary<string, string?>.Empty.Add(PendingWorkProperty, pendingProperty),
            method.Name,
            teardownText,
            pendingText) is { } diagnostic)
        {
            report(diagnostic);
        }
    }

    /// <summary>The diagnostic property listing the type's own pending-work members, for the code fix.</summary>
    public const string PendingWorkProperty = "PendingWork";

    // Entry teardowns only: a private "StopWatching()" helper is part of its callers' teardown and is judged there.
    internal static bool IsTeardownOrDecision(TypeFacts facts, IMethodSymbol method) =>
        Names.IsNamedMethod(method)
        && (facts.IsEntryTeardown(method) || facts.Classifier.IsDecisionType(method.ReturnType));

    // Whether this (so far unconsulted) path has torn down; the first teardown is kept for the message only.
    private readonly struct TornDown : IEquatable<TornDown>
    {
        public TornDown(PathEvent first, bool byWrite)
        {
            this.First = first;
            this.Happened = true;
            this.ByWrite = byWrite;
        }

        public bool Happened { get; }

        /// <summary>The teardown so far is a state write that stops the consumer, not a teardown call.</summary>
        public bool ByWrite { get; }

        public PathEvent First { get; }

        public bool Equals(TornDown other) => this.Happened == other.Happened;

        public override bool Equals(object? obj) => obj is TornDown other && this.Equals(other);

        public override int GetHashCode() => this.Happened ? 1 : 0;
    }
}
