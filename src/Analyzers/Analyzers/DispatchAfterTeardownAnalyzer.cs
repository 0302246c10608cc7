using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using TrackerRace.Analyzers.Flow;
using TrackerRace.Analyzers.Model;

namespace TrackerRace.Analyzers;

/// <summary>
/// TRK004: in a type with pending work and a teardown member, a method that adds work (callable from
/// outside, or named or marked as a dispatch) reaches the add on a path that has not read the state
/// its teardown writes (a disposed flag, a state field, a cancelled token source), or has read it
/// outside the lock it holds while adding. Work added then is never run: PowerJob's R2 window.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class DispatchAfterTeardownAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.DispatchAfterTeardown);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        TrackerAnalysis.RegisterPerType(context, AnalyzeType);
    }

    private static void AnalyzeType(TypeFacts facts, Action<Diagnostic> report, CancellationToken cancellationToken)
    {
        // Only a type that really tears something down or records that it did: "StopClock() => clock.Stop()" closes no door.
        if (!facts.HasStateMembers && !facts.Methods.Any(m => facts.IsEntryTeardown(m) && facts.MayTearDown(m)))
        {
            return;
        }

        var findings = new List<(IMethodSymbol Method, PathEvent Add, string Reason)>();
        foreach (var method in facts.Methods)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!IsDispatchCandidate(facts, method) || !facts.MayAddWork(method) || facts.FlowOf(method) is not { } flow || !flow.HasEvent(PathEventKind.AddWork))
            {
                continue;
            }

            if (LoudRefusal.RefusesAfterTeardown(facts, method))
            {
                continue;
            }

            (PathEvent Add, string Reason)? finding = null;
            PathExplorer.Explore(flow, default(DispatchState), (ref DispatchState state, in PathEvent e) =>
            {
                switch (e.Kind)
                {
                    case PathEventKind.Acquire:
                        state = new DispatchState(state.CheckedState, state.CheckedHeld, state.Held | flow.GuardBit(e.Symbol));
                        break;
                    case PathEventKind.Release:
                        state = new DispatchState(state.CheckedState, state.CheckedHeld, state.Held & ~flow.GuardBit(e.Symbol));
                        break;
                    case PathEventKind.ReadState:
                        state = new DispatchState(true, state.Held | e.EnclosingLocks, state.Held);
                        break;
                    case PathEventKind.AddWork when e.Symbol is { } queue && facts.IsOwnMember(queue) && !facts.IsSelfClosing(queue) && !facts.PumpsIn(method, queue):
                        var reason = Verdict(facts, flow, state, e, queue, state.Held | e.EnclosingLocks);
                        if (reason is null)
                        {
                            return PathVerdict.StopPath;
                        }

                        finding = (e, reason);
                        return PathVerdict.StopAll;
                }

                return PathVerdict.Continue;
            });

            if (finding is { } found)
            {
                findings.Add((method, found.Add, found.Reason));
            }
        }

        // A private helper that every public entry reaches without a check is one bug, not one per caller: it is reported
        // once, at the helper, with its callers as the explanation.
        foreach (var group in findings.GroupBy(f => SharedHelper(facts, f.Add), SymbolEqualityComparer.Default))
        {
            if (group.Key is IMethodSymbol helper && group.Count() > 1)
            {
                var first = group.First();
                Report(facts, report, helper, facts.AddSiteIn(helper, first.Add.Symbol!) ?? first.Add.Operation, first.Add.Symbol!, first.Reason, group.Select(f => f.Add.Operation).OrderBy(o => o.Syntax.SpanStart));
                continue;
            }

            foreach (var (method, add, reason) in group)
            {
                Report(facts, report, method, add.Operation, add.Symbol!, reason, Enumerable.Empty<IOperation>());
            }
        }
    }

    private static void Report(TypeFacts facts, Action<Diagnostic> report, IMethodSymbol method, IOperation add, ISymbol queue, string reason, IEnumerable<IOperation> callers)
    {
        var properties = ImmutableDictionary<string, string?>.Empty;
        if (RefusalCondition.Of(facts) is { } refuse)
        {
            properties = properties.Add(RefuseWhenProperty, refuse);
        }

        if (facts.GuardOf(queue) is { } guard)
        {
            properties = properties.Add(GuardProperty, guard.Name);
        }

        var explanations = new List<Explanation> { Explanation.At(add, "work added") };
        explanations.AddRange(callers.Take(3).Select(c => Explanation.At(c, "called without a check from")));
        explanations.Add(Explanation.At(facts.TeardownSite(), "teardown"));
        explanations.Add(Explanation.At(facts.TakeSiteOf(queue), "work taken"));
        // Other entry points that check the teardown state before adding say the author means late work to be refused: the
        // one that does not breaks the type's own rule, which is evidence whatever the queue's own tier.
        var tier = facts.ConfidenceOf(queue) ?? Confidence.Heuristic;
        if (tier == Confidence.Heuristic && facts.Methods.Any(other =>
            !SymbolEqualityComparer.Default.Equals(other, method) && IsDispatchCandidate(facts, other) && facts.MayAddWork(other) && facts.ReadsState(other)
            && SymbolEqualityComparer.Default.Equals(facts.AddedBy(other), queue)))
        {
            tier = Confidence.Evidence;
        }

        if (Finding.Create(
            Descriptors.DispatchAfterTeardown,
            method.Locations.FirstOrDefault() ?? Location.None,
            tier,
            facts.Classifier.Settings,
            facts.Classifier.Known.IsTestAssembly,
            explanations,
            properties,
            method.Name,
            queue.Name,
            reason) is { } diagnostic)
        {
            report(diagnostic);
        }
    }

    // "try { queue.Add(item); signal.Release(); } catch (ObjectDisposedException) { base.Post(item); }": a torn-down part
    // throws, and the catch hands the item on or refuses it. A closed channel's writer throws InvalidOperationException.
    private static bool IsRefusedByException(IOperation add)
    {
        // Graph operations have no parents beyond their block, so the try is found in the syntax.
        for (var node = add.Syntax; node is not null and not MemberDeclarationSyntax; node = node.Parent)
        {
            if (node.Parent is TryStatementSyntax @try && @try.Block == node
                && @try.Catches.Any(c => c.Declaration is { } caught && NameOf(caught.Type) is "ObjectDisposedException" or "InvalidOperationException" or "ChannelClosedException"))
            {
                return true;
            }
        }

        return false;

        // Graph operations carry no semantic model to bind the catch's type with; its name is enough for these three.
        static string NameOf(TypeSyntax type) => type switch
        {
            QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
            AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            _ => type.ToString(),
        };
    }

    // The private helper an add goes through ("Post(x) => EnqueueCore(x)"), or null for a direct add.
    private static IMethodSymbol? SharedHelper(TypeFacts facts, in PathEvent add) =>
        add.Operation is IInvocationOperation { TargetMethod: { DeclaredAccessibility: Accessibility.Private } helper } && facts.IsHelperCall(add.Operation)
            ? helper.OriginalDefinition
            : null;

    /// <summary>The diagnostic property with C# that is true once torn down (<c>disposed</c>, <c>!running</c>), for the code fix.</summary>
    public const string RefuseWhenProperty = "RefuseWhen";

    /// <summary>The diagnostic property naming the guard held where work is added; the code fix puts the check inside that lock only.</summary>
    public const string GuardProperty = "Guard";

    private static bool IsDispatchCandidate(TypeFacts facts, IMethodSymbol method) =>
        Names.IsNamedMethod(method)
        && !method.IsStatic
        && !facts.Classifier.IsTeardownMethod(method)
        && (IsCallableFromOutside(method) || facts.Classifier.IsDeclaredDispatch(method));

    // A private "EnqueueLocked" helper is reached through callers that may check the state first; they are the entry points judged.
    private static bool IsCallableFromOutside(IMethodSymbol method) =>
        method.DeclaredAccessibility != Accessibility.Private || method.MethodKind == MethodKind.ExplicitInterfaceImplementation;

    private static string? Verdict(TypeFacts facts, MethodFlow flow, DispatchState state, in PathEvent add, ISymbol queue, int held)
    {
        if (IsRefusedByException(add.Operation))
        {
            return null;
        }

        // "ExchangeDeclareAsync(...) => Enqueue(k)" where Enqueue checks IsOpen and fails k: the check sits in the own
        // method that adds, and it is judged there. Only a callee that reads no state leaves its callers to check.
        if (!state.CheckedState && add.Operation is IInvocationOperation { TargetMethod: { } callee } && facts.IsHelperCall(add.Operation) && facts.ReadsState(callee))
        {
            return null;
        }

        if (!state.CheckedState)
        {
            return facts.HasStateMembers
                ? "no disposed or destroyed state is checked on this path"
                : "its teardown records no state (flag, state field or cancelled token) that could be checked";
        }

        if (facts.GuardOf(queue) is not { } guard)
        {
            return null;
        }

        var bit = flow.GuardBit(guard);
        if ((state.CheckedHeld & bit) != 0)
        {
            return null;
        }

        if (bit != 0 && (held & bit) != 0)
        {
            return $"the state is checked outside '{guard.Name}', the guard held while adding";
        }

        // "if (disposed) throw ...; EnqueueCore(x);" where EnqueueCore takes the lock: the check is outside it.
        return (held & bit) == 0 && add.Operation is IInvocationOperation { TargetMethod: { } helper } && facts.IsHelperCall(add.Operation)
            && !facts.ReadsState(helper) && facts.FlowOf(helper.OriginalDefinition) is { } helperFlow && helperFlow.Guards.Contains(guard, SymbolEqualityComparer.Default)
            ? $"the state is checked outside '{guard.Name}', which '{helper.Name}' takes to add"
            : null;
    }
}
