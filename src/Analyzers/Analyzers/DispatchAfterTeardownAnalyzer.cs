using System;
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

        foreach (var method in facts.Methods)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!IsDispatchCandidate(facts, method) || !facts.MayAddWork(method) || facts.FlowOf(method) is not { } flow || !flow.HasEvent(PathEventKind.AddWork))
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
                    case PathEventKind.AddWork when e.Symbol is { } queue && facts.IsOwnMember(queue) && !facts.IsSelfClosing(queue):
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
                var properties = ImmutableDictionary<string, string?>.Empty;
                if (RefusalCondition.Of(facts) is { } refuse)
                {
                    properties = properties.Add(RefuseWhenProperty, refuse);
                }

                if (facts.GuardOf(found.Add.Symbol!) is { } guard)
                {
                    properties = properties.Add(GuardProperty, guard.Name);
                }

                report(Diagnostic.Create(
                    Descriptors.DispatchAfterTeardown,
                    method.Locations.FirstOrDefault(),
                    ImmutableArray.Create(Display.LocationOf(found.Add.Operation)),
                    properties,
                    method.Name,
                    found.Add.Symbol!.Name,
                    found.Reason));
            }
        }
    }

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
