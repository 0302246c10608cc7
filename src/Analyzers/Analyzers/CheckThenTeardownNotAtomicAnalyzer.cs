using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
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
            // A teardown may be a call, or only the write that closes the door ("await owner.ReportIdleAsync(); destroyed = true;").
            if (!Names.IsNamedMethod(method) || !facts.Consults(method) || !(facts.MayTearDown(method) || facts.WritesState(method))
                || facts.FlowOf(method) is not { } flow || !(flow.HasEvent(PathEventKind.Teardown) || flow.HasEvent(PathEventKind.WriteState)))
            {
                continue;
            }

            var entryTeardown = facts.IsEntryTeardown(method);

            // Every stale check is reported, not only the first: Fix All must leave none behind. One check that goes stale
            // before two teardowns is one bug, reported at the first of them.
            var findings = new Dictionary<IOperation, (IOperation Teardown, CheckState State, bool ByWrite)>();
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
                    case PathEventKind.WriteState when state.Status == CheckStatus.Stale && ClosesDoor(facts, method, e):
                        // The door is closed only now, after the check went stale: work added in between strands. A teardown
                        // call further on names the bug better, so the path goes on.
                        Record(findings, e.Operation, state, byWrite: true);
                        return PathVerdict.Continue;
                    case PathEventKind.WriteState when state.Status == CheckStatus.Fresh && entryTeardown && state.Held == 0
                        && IsDrain(facts, state.Check!.Value) && facts.ClosingValueOf(e.Symbol!) is not null && !Commented(state.Check!.Value.Operation, e.Operation):
                        // "Flush(); disposed = true;": an add that passed its check before the latch lands after the drain.
                        Record(findings, e.Operation, state.With(CheckStatus.Stale, StaleReason.DrainBeforeLatch), byWrite: false);
                        return PathVerdict.StopPath;
                    case PathEventKind.WriteState when state.Status is CheckStatus.Fresh or CheckStatus.None:
                        // The door is closed (under a fresh check, or before any): no work can arrive any more.
                        state = state.With(CheckStatus.Committed, StaleReason.None);
                        break;
                    case PathEventKind.Teardown when state.Status == CheckStatus.Stale:
                        Record(findings, e.Operation, state, byWrite: false);
                        return PathVerdict.StopPath;
                    case PathEventKind.Teardown:
                        return PathVerdict.StopPath;
                }

                return PathVerdict.Continue;
            });

            foreach (var (teardown, found, _) in findings.Values.OrderBy(f => f.Teardown.Syntax.SpanStart))
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

    // One check that goes stale before two teardowns is one bug, reported at the first of them.
    // A teardown call after the door-closing write replaces it: "stopped = true; life.Cancel();" is reported at the cancel.
    private static void Record(Dictionary<IOperation, (IOperation Teardown, CheckState State, bool ByWrite)> findings, IOperation teardown, CheckState state, bool byWrite)
    {
        var check = state.Check!.Value.Operation;
        if (!findings.TryGetValue(check, out var known)
            || (known.ByWrite && !byWrite)
            || (known.ByWrite == byWrite && teardown.Syntax.SpanStart < known.Teardown.Syntax.SpanStart))
        {
            findings[check] = (teardown, state, byWrite);
        }
    }

    // A write of the teardown state that closes the door: in a teardown any write does; elsewhere only the value the
    // entry points refuse on ("destroyed = true" where Submit returns on "destroyed").
    private static bool ClosesDoor(TypeFacts facts, IMethodSymbol method, in PathEvent write)
    {
        if (facts.TeardownScopeMethods.Contains(method, SymbolEqualityComparer.Default))
        {
            return true;
        }

        return write.Symbol is { } flag && facts.ClosingValueOf(flag) is { } closing
            && write.Operation is ISimpleAssignmentOperation { Value.ConstantValue: { HasValue: true, Value: bool value } } && value == closing;
    }

    // The check was the drain itself: a take, or a call of an own method that takes ("Flush()").
    private static bool IsDrain(TypeFacts facts, in PathEvent check) =>
        check.Operation is IInvocationOperation call
        && (Names.IsTakeMethod(call.TargetMethod.Name) || call.TargetMethod.Name == "Clear" || (facts.IsOwnMethod(call.TargetMethod) && facts.Drains(call.TargetMethod)));

    // An order the author explained ("// callers are stopped by now") is a decision, not an oversight.
    private static bool Commented(IOperation drain, IOperation latch) =>
        HasComment(drain.Syntax) || HasComment(latch.Syntax);

    private static bool HasComment(SyntaxNode node)
    {
        var statement = node.AncestorsAndSelf().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.StatementSyntax>().FirstOrDefault() ?? node;
        return statement.GetLeadingTrivia().Concat(statement.GetTrailingTrivia())
            .Any(t => t.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.SingleLineCommentTrivia) || t.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.MultiLineCommentTrivia));
    }

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
        StaleReason.DrainBeforeLatch => "the drain runs before the latch, with no lock between them, so work an entry point admits before the latch lands after the drain and is never taken",
        _ => "an await between them lets a dispatcher add work",
    };
}
