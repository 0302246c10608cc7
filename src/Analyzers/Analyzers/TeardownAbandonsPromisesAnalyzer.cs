using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using TrackerRace.Analyzers.Model;

namespace TrackerRace.Analyzers;

/// <summary>
/// TRK006: a teardown empties a collection of promises (<c>Clear()</c>, taking each out, replacing it) without completing
/// them, in a type whose own code completes those promises everywhere else. A teardown that never names the promises
/// is not judged: the corpus showed such teardowns completing them through calls and events the rule cannot follow. Whoever awaits one - a caller whose request
/// was already sent, a waiter queued for a lock - waits for ever: accepted work, dropped in silence.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class TeardownAbandonsPromisesAnalyzer : DiagnosticAnalyzer
{
    private static readonly string[] Emptying = { "Clear", "TryDequeue", "Dequeue", "TryRemove", "Remove", "RemoveFirst", "RemoveLast", "RemoveAt", "TryTake", "TryPop", "Pop" };
    private static readonly string[] Adding = { "Add", "TryAdd", "Enqueue", "Push", "AddLast", "AddFirst", "Insert", "GetOrAdd", "AddOrUpdate", "TryPush" };

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.TeardownAbandonsPromises);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        TrackerAnalysis.RegisterPerType(context, AnalyzeType);
    }

    private static void AnalyzeType(TypeFacts facts, Action<Diagnostic> report, CancellationToken cancellationToken)
    {
        var teardowns = new HashSet<IMethodSymbol>(facts.TeardownScopeMethods, SymbolEqualityComparer.Default);
        if (teardowns.Count == 0 || CompletesThroughCancellation(facts, teardowns))
        {
            return;
        }

        foreach (var member in facts.Type.GetMembers().Where(m => !m.IsStatic && m is IFieldSymbol or IPropertySymbol))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (Promises.ItemsOf(MemberTypes.Of(member)) is null)
            {
                continue;
            }

            // The type's own belief, twice: it hands promises out through the member, and it completes what it takes back.
            var others = facts.Methods.Where(m => !teardowns.Contains(m)).ToList();
            var added = others.Select(m => AddTo(facts.BodyOf(m), member)).FirstOrDefault(a => a is not null);
            var completed = others.SelectMany(m => Promises.CompletionsOfItems(facts.BodyOf(m), member)).FirstOrDefault();
            if (added is null || completed is null || teardowns.Any(t => Promises.CompletionsOfItems(facts.BodyOf(t), member).Any() || HandsItemsOn(facts.BodyOf(t), member)))
            {
                continue;
            }

            // Reported where the promises leave the member: one emptying, one finding, whichever teardown reaches it.
            foreach (var teardown in teardowns)
            {
                if (EmptyingOf(facts.BodyOf(teardown), member) is not { } dropped)
                {
                    continue;
                }

                var explanations = new[]
                {
                    Explanation.At(dropped, "promises dropped"),
                    Explanation.At(added, "promise handed out"),
                    Explanation.At(completed, "completed elsewhere"),
                };
                if (Finding.Create(
                    Descriptors.TeardownAbandonsPromises,
                    teardown.Locations.FirstOrDefault() ?? Location.None,
                    Confidence.Evidence,
                    facts.Classifier.Settings,
                    facts.Classifier.Known.IsTestAssembly,
                    explanations,
                    ImmutableDictionary<string, string?>.Empty,
                    teardown.Name,
                    member.Name,
                    Model.Display.TextOf(dropped)) is { } diagnostic)
                {
                    report(diagnostic);
                }
            }
        }
    }

    // "pending.TryAdd(id, tcs)", "waiters.Enqueue(w)", "pending[id] = tcs".
    private static IOperation? AddTo(IOperation body, ISymbol member) =>
        body.DescendantsAndSelf().FirstOrDefault(o => o switch
        {
            IInvocationOperation call => call.Instance is IMemberReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Member, member)
                && Array.IndexOf(Adding, call.TargetMethod.Name) >= 0,
            ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Instance: IMemberReferenceOperation reference, Arguments.Length: > 0 } } =>
                SymbolEqualityComparer.Default.Equals(reference.Member, member),
            _ => false,
        });

    // "pending.Clear()", "while (waiters.TryDequeue(out _))", "pending = new()": the promises leave the member here.
    private static IOperation? EmptyingOf(IOperation body, ISymbol member) =>
        body.DescendantsAndSelf().FirstOrDefault(o => o switch
        {
            IInvocationOperation call => call.Instance is IMemberReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Member, member)
                && Array.IndexOf(Emptying, call.TargetMethod.Name) >= 0,
            ISimpleAssignmentOperation { Target: IMemberReferenceOperation target } => SymbolEqualityComparer.Default.Equals(target.Member, member),
            _ => false,
        });

    // "foreach (var m in pending) Fail(m)", "RecordMessageFailed(pending.Dequeue())": the items go to code that may complete them.
    private static bool HandsItemsOn(IOperation body, ISymbol member) =>
        body.DescendantsAndSelf().OfType<IArgumentOperation>().Any(argument =>
            argument.Parent is IInvocationOperation call && !(call.Instance is IMemberReferenceOperation own && SymbolEqualityComparer.Default.Equals(own.Member, member))
            && !IsCopy(call) && Promises.UsesItems(argument.Value, body, member));

    // "copy.Add(head.Value)" into a local list moves the promise, it does not complete it.
    private static bool IsCopy(IInvocationOperation call) =>
        call.Instance is ILocalReferenceOperation && Array.IndexOf(Adding, call.TargetMethod.Name) >= 0;

    private static bool Calls(IOperation body, IMethodSymbol callee) =>
        body.DescendantsAndSelf().OfType<IInvocationOperation>().Any(c => SymbolEqualityComparer.Default.Equals(c.TargetMethod.OriginalDefinition, callee.OriginalDefinition));

    // "token.Register(() => tcs.TrySetCanceled())" with the teardown cancelling the type's own source: the promises are
    // completed by the cancellation, not by a loop in the teardown.
    private static bool CompletesThroughCancellation(TypeFacts facts, HashSet<IMethodSymbol> teardowns)
    {
        var cancels = teardowns.Any(t => facts.BodyOf(t).DescendantsAndSelf().OfType<IInvocationOperation>().Any(c =>
            c.TargetMethod.Name is "Cancel" or "CancelAsync" or "CancelAfter" && c.TargetMethod.ContainingType is { Name: "CancellationTokenSource" }));
        return cancels && facts.Methods.Any(m => facts.BodyOf(m).DescendantsAndSelf().OfType<IInvocationOperation>().Any(register =>
            register.TargetMethod.Name is "Register" or "UnsafeRegister"
            && register.Arguments.Any(a => a.Value.DescendantsAndSelf().OfType<IInvocationOperation>().Any(Promises.IsCompletion))));
    }
}
