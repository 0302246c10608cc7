using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using TrackerRace.Analyzers.Flow;
using TrackerRace.Analyzers.Model;

namespace TrackerRace.Analyzers;

/// <summary>
/// TRK003: a path consults pending work and then tears down, but the answer can be stale by the time
/// of the teardown: an <c>await</c> lies between them, the check is made outside the lock or semaphore
/// that adding work takes, or the member read is only a snapshot (<c>[PendingWork(IsSnapshot = true)]</c>).
/// This is the naive "re-check before destroying" fix of PowerJob #1033.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CheckThenTeardownNotAtomicAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.CheckThenTeardownNotAtomic);

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
            // Without a consult there is no check to go stale; skipping those methods spares most control flow graphs.
            if (!Names.IsNamedMethod(method) || !facts.Consults(method) || !facts.MayTearDown(method) || facts.FlowOf(method) is not { } flow || !flow.HasEvent(PathEventKind.Teardown))
            {
                continue;
            }

            // Every stale check is reported, not only the first: Fix All must leave none behind. One check that goes stale
            // before two teardowns is one bug, reported at the first of them.
            var findings = new Dictionary<IOperation, (IOperation Teardown, CheckState State)>();
            PathExplorer.Explore(flow, default(CheckState), (ref CheckState state, in PathEvent e) =>
            {
                switch (e.Kind)
                {
                    case PathEventKind.Acquire:
                        state = state.WithHeld(state.Held | flow.GuardBit(e.Symbol));
                        break;
                    case PathEventKind.Release:
                        if (state.Status == CheckStatus.Fresh && state.GuardBit != 0 && (state.GuardBit & flow.GuardBit(e.Symbol)) != 0)
                        {
                            // "lock (gate) { if (queue.Count > 0) return; } Stop();": the answer expires with the lock.
                            state = state.With(CheckStatus.Stale, StaleReason.GuardReleased);
                        }

                        state = state.WithHeld(state.Held & ~flow.GuardBit(e.Symbol));
                        break;
                    case PathEventKind.Consult:
                        state = Check(facts, flow, state, e);
                        break;
                    case PathEventKind.Await when state.Status == CheckStatus.Fresh && (state.GuardBit == 0 || (state.Held & state.GuardBit) == 0):
                        state = state.With(CheckStatus.Stale, StaleReason.Await);
                        break;
                    case PathEventKind.WriteState when state.Status is CheckStatus.Fresh or CheckStatus.None:
                        // The door is closed (under a fresh check, or before any): no work can arrive any more.
                        state = state.With(CheckStatus.Committed, StaleReason.None);
                        break;
                    case PathEventKind.Teardown when state.Status == CheckStatus.Stale:
                        var check = state.Check!.Value.Operation;
                        if (!findings.TryGetValue(check, out var known) || e.Operation.Syntax.SpanStart < known.Teardown.Syntax.SpanStart)
                        {
                            findings[check] = (e.Operation, state);
                        }

                        return PathVerdict.StopPath;
                    case PathEventKind.Teardown:
                        return PathVerdict.StopPath;
                }

                return PathVerdict.Continue;
            });

            foreach (var (teardown, found) in findings.Values.OrderBy(f => f.Teardown.Syntax.SpanStart))
            {
                var check = found.Check!.Value;
                var properties = ImmutableDictionary<string, string?>.Empty.Add(ReasonProperty, found.Reason.ToString());
                if (found.Guard is { } guard)
                {
                    properties = properties.Add(GuardProperty, guard.Name);
                }

                // The checked member's own tier; a check through a method or question takes the type's strongest work.
                var checkedMember = facts.PendingBehind(check.Operation) ?? (check.Symbol is { } symbol && facts.ConfidenceOf(symbol) is not null ? symbol : null);
                var tier = checkedMember is not null ? facts.ConfidenceOf(checkedMember)!.Value : facts.StrongestOf(facts.PendingMembers);
                var shown = checkedMember ?? facts.PendingMembers.FirstOrDefault();
                var explanations = new[]
                {
                    Explanation.At(check.Operation, "pending work checked"),
                    Explanation.At(shown is null ? null : facts.AddSiteOf(shown), found.Guard is null ? "work added" : $"work added under '{found.Guard.Name}'"),
                };
                if (Finding.Create(
                    Descriptors.CheckThenTeardownNotAtomic,
                    Display.LocationOf(teardown),
                    tier,
                    facts.Classifier.Settings,
            facts.Classifier.Known.IsTestAssembly,
                    explanations,
                    properties,
                    method.Name,
                    Display.TextOf(teardown),
                    Display.TextOf(check.Operation),
                    Explain(found, check)) is { } diagnostic)
                {
                    report(diagnostic);
                }
            }
        }
    }

    /// <summary>The diagnostic property naming the <see cref="StaleReason"/>; the code fix only handles <c>OutsideGuard</c>.</summary>
    public const string ReasonProperty = "Reason";

    /// <summary>The diagnostic property naming the guard the checked member needs; the code fix moves the check into that lock only.</summary>
    public const string GuardProperty = "Guard";

    private static CheckState Check(TypeFacts facts, MethodFlow flow, CheckState state, in PathEvent e)
    {
        if (state.Status == CheckStatus.Committed)
        {
            return state;
        }

        var guard = e.Symbol is { } member && facts.IsOwnMember(member) && facts.IsPendingMember(member) ? facts.GuardOf(member) : null;
        var bit = flow.GuardBit(guard);
        var held = state.Held | e.EnclosingLocks;
        var (status, reason) =
            e.Snapshot ? (CheckStatus.Stale, StaleReason.Snapshot)
            : guard is not null && (held & bit) == 0 ? (CheckStatus.Stale, StaleReason.OutsideGuard)
            : (CheckStatus.Fresh, StaleReason.None);
        return new CheckState(status, reason, bit, state.Held, e, guard);
    }

    private static string Explain(CheckState state, PathEvent check) => state.Reason switch
    {
        StaleReason.Snapshot => $"'{check.Symbol?.Name}' is only a snapshot ([PendingWork(IsSnapshot = true)]) and work can arrive right after it",
        StaleReason.OutsideGuard => $"it is read outside '{state.Guard?.Name}', the guard held where work is added",
        StaleReason.GuardReleased => $"'{state.Guard?.Name}', the guard held where work is added, is released between them",
        _ => "an await between them lets a dispatcher add work",
    };
}
