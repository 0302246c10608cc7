using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using TrackerRace.Analyzers.Model;

namespace TrackerRace.Analyzers;

/// <summary>
/// TRK005: a <c>foreach</c> over the pending work addressed to one component (a pending-work query
/// with an argument, such as <c>store.GetUnfinishedByAddress(address)</c>) fails every item
/// unconditionally, never asking whether the item was delivered. This is the owner's half of PowerJob
/// #1033: on an IDLE report the TaskTracker failed <c>OMS_LAST_TASK</c>, which had never been dispatched.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UndeliveredWorkFailedAnalyzer : DiagnosticAnalyzer
{
    private static readonly string[] DeliveryWords = { "Dispatch", "Deliver", "Sent", "Ack", "Receiv", "Status", "State", "Started" };
    private static readonly string[] FailureValues = { "Failed", "Faulted", "Failure", "Error", "Lost" };
    private static readonly string[] FailureWords = { "Fail" };
    private static readonly string[] FailureMethods = { "SetException", "TrySetException", "SetCanceled", "TrySetCanceled" };

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.UndeliveredWorkFailed);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        TrackerAnalysis.RegisterShapesPerType(context, OperationKind.Loop, Find, Judge);
    }

    private static FailedLoop? Find(OperationAnalysisContext context, Classifier classifier)
    {
        if (context.Operation is not IForEachLoopOperation loop || context.ContainingSymbol is not IMethodSymbol method)
        {
            return null;
        }

        // In a teardown, failing everything that is left is the cleanup itself.
        if (classifier.IsTeardownMethod(method) || SourceOf(loop.Collection) is not IInvocationOperation query || !IsAddressedQuery(query, classifier))
        {
            return null;
        }

        if (ChecksDelivery(loop.Body) || query.Arguments.Any(a => MentionsDelivery(a.Value)) || ContainsAny(query.TargetMethod.Name, DeliveryWords))
        {
            return null;
        }

        return UnconditionalFailure(loop.Body) is { } failure ? new FailedLoop(method, loop, query, failure) : null;
    }

    // The work queried must be pending work by the type's own code (or declared): a query of a store the type only reads
    // is someone else's business.
    private static void Judge(TypeFacts facts, FailedLoop found, Action<Diagnostic> report)
    {
        var holder = HolderOf(found.Query);
        var tier = Classifier.FindMarker(found.Query.TargetMethod, facts.Classifier.Known.PendingWorkAttribute) is not null ? Confidence.Declared
            : holder is not null && facts.IsPendingMember(holder) ? facts.ConfidenceOf(holder)
            : null;
        if (tier is null)
        {
            return;
        }

        var explanations = new[]
        {
            new Explanation(found.Loop.Collection.Syntax.GetLocation(), "work addressed to the component"),
            Explanation.At(holder is null ? null : facts.AddSiteOf(holder), "work added"),
        };
        if (Finding.Create(
            Descriptors.UndeliveredWorkFailed,
            Display.LocationOf(found.Failure),
            tier.Value,
            facts.Classifier.Settings,
            facts.Classifier.Known.IsTestAssembly,
            explanations,
            null,
            found.Method.Name,
            found.Query.Syntax.ToString()) is { } diagnostic)
        {
            report(diagnostic);
        }
    }

    // One loop that fails what a query for one component returned.
    private sealed class FailedLoop
    {
        public FailedLoop(IMethodSymbol method, IForEachLoopOperation loop, IInvocationOperation query, IOperation failure)
        {
            this.Method = method;
            this.Loop = loop;
            this.Query = query;
            this.Failure = failure;
        }

        public IMethodSymbol Method { get; }

        public IForEachLoopOperation Loop { get; }

        public IInvocationOperation Query { get; }

        public IOperation Failure { get; }
    }

    // "foreach (var t in store.Query(x))", or "var items = store.Query(x); foreach (var t in items)".
    private static IOperation? SourceOf(IOperation collection)
    {
        var source = Unwrap(collection);
        if (source is not ILocalReferenceOperation local)
        {
            return source;
        }

        var root = collection;
        while (root.Parent is not null)
        {
            root = root.Parent;
        }

        var declarator = root.DescendantsAndSelf().OfType<IVariableDeclaratorOperation>()
            .FirstOrDefault(d => SymbolEqualityComparer.Default.Equals(d.Symbol, local.Local));
        return declarator?.Initializer?.Value is { } value ? Unwrap(value) : null;
    }

    // Through conversions and "?? []": the work is what the query returned.
    private static IOperation Unwrap(IOperation operation)
    {
        while (true)
        {
            switch (operation)
            {
                case IConversionOperation conversion:
                    operation = conversion.Operand;
                    break;
                case ICoalesceOperation coalesce:
                    operation = coalesce.Value;
                    break;
                default:
                    return operation;
            }
        }
    }

    // A question that names one component: it has an argument and is asked of a member that may hold work, or is itself marked.
    private static bool IsAddressedQuery(IInvocationOperation query, Classifier classifier)
    {
        // An extension method's receiver is its first argument: "table.GetValueOrDefault(worker)".
        var extension = query.TargetMethod.IsExtensionMethod && query.Instance is null;
        if (query.Arguments.Length < (extension ? 2 : 1))
        {
            return false;
        }

        return (HolderOf(query) is { } member && classifier.MayHoldWork(member))
            || Classifier.FindMarker(query.TargetMethod, classifier.Known.PendingWorkAttribute) is not null;
    }

    // The field or property the query is asked of: "store.GetUnfinished(x)", "this.Store.GetUnfinished(x)", "table.GetValueOrDefault(x)".
    private static ISymbol? HolderOf(IInvocationOperation query)
    {
        var extension = query.TargetMethod.IsExtensionMethod && query.Instance is null;
        var receiver = extension ? (query.Arguments.Length > 0 ? Unwrap(query.Arguments[0].Value) : null) : query.Instance is { } instance ? Unwrap(instance) : null;
        return receiver switch
        {
            IFieldReferenceOperation field => field.Field,
            IPropertyReferenceOperation property => property.Property,
            _ => null,
        };
    }

    private static bool ChecksDelivery(IOperation body) =>
        body.DescendantsAndSelf().Any(o => o switch
        {
            IConditionalOperation conditional => MentionsDelivery(conditional.Condition),
            ISwitchOperation @switch => MentionsDelivery(@switch.Value),
            ISwitchExpressionOperation @switch => MentionsDelivery(@switch.Value),
            IIsPatternOperation pattern => MentionsDelivery(pattern.Value),
            _ => false,
        });

    private static bool MentionsDelivery(IOperation operation) =>
        operation.DescendantsAndSelf().Any(o => o is IMemberReferenceOperation reference && ContainsAny(reference.Member.Name, DeliveryWords));

    // A failure reached on every pass through the body: not nested in a branch, a loop or a conditional expression.
    private static IOperation? UnconditionalFailure(IOperation body)
    {
        foreach (var operation in Unconditional(body))
        {
            switch (operation)
            {
                case IInvocationOperation invocation when ContainsAny(invocation.TargetMethod.Name, FailureWords) || FailureMethods.Contains(invocation.TargetMethod.Name):
                    return invocation;
                case IFieldReferenceOperation { Field: { ContainingType.TypeKind: TypeKind.Enum } field } when FailureValues.Contains(field.Name) && IsPassedOrAssigned(operation):
                    return operation;
            }
        }

        return null;
    }

    // Pre-order, with a stack: a recursive iterator costs depth squared (277 s for a 100,000-term expression) and the stack.
    private static System.Collections.Generic.IEnumerable<IOperation> Unconditional(IOperation operation)
    {
        var pending = new System.Collections.Generic.Stack<IOperation>();
        pending.Push(operation);
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            yield return current;
            if (current is IConditionalOperation or ISwitchOperation or ISwitchExpressionOperation or ILoopOperation or ICoalesceOperation
                or IConditionalAccessOperation or IAnonymousFunctionOperation or ILocalFunctionOperation or ITryOperation)
            {
                continue;
            }

            foreach (var child in current.ChildOperations.Reverse())
            {
                pending.Push(child);
            }
        }
    }

    private static bool IsPassedOrAssigned(IOperation operation)
    {
        var parent = operation.Parent;
        while (parent is IConversionOperation)
        {
            parent = parent.Parent;
        }

        return parent is IArgumentOperation or ISimpleAssignmentOperation;
    }

    private static bool ContainsAny(string name, string[] words)
    {
        foreach (var word in words)
        {
            if (name.IndexOf(word, StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return true;
            }
        }

        return false;
    }
}
