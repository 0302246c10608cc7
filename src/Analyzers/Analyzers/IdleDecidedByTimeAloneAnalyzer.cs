using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using TrackerRace.Analyzers.Model;

namespace TrackerRace.Analyzers;

/// <summary>
/// TRK002: an <c>if</c> whose whole condition is "elapsed time exceeds a threshold"
/// (<c>now - last &gt; max</c>) and whose branch tears the component down without consulting pending
/// work or handing the decision to something that returns a teardown decision. This is PowerJob's
/// pre-5.1.1 idle check, the first half of the #1033 race.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class IdleDecidedByTimeAloneAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.IdleDecidedByTimeAlone);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        TrackerAnalysis.RegisterShapesPerType(context, OperationKind.Conditional, Find, Judge);
    }

    private static IdleTest? Find(OperationAnalysisContext context, Classifier classifier)
    {
        var conditional = (IConditionalOperation)context.Operation;
        if (ElapsedTest(conditional.Condition) is not { } comparison || context.ContainingSymbol.ContainingType is not { } type)
        {
            return null;
        }

        // No local pending work is required to find the shape: in #1033 the stranded task waited in the owner's store, not in
        // the tracker that timed out, and an idle connection reaped while a caller picks it up is the same race. Its tier,
        // and so its severity, comes from what the type's code shows (Judge).
        IInvocationOperation? teardown = null;
        foreach (var operation in conditional.Condition.DescendantsAndSelf().Concat(conditional.WhenTrue.DescendantsAndSelf()))
        {
            switch (operation)
            {
                case IMemberReferenceOperation reference when Consults(reference, classifier):
                    return null;
                case IInvocationOperation invocation when Consults(invocation, classifier) || classifier.IsDecisionType(invocation.TargetMethod.ReturnType):
                    // The branch consults pending work, or delegates the decision to code TRK001/TRK003 analyse.
                    return null;
                case IInvocationOperation invocation when teardown is null && classifier.IsTeardownMethod(invocation.TargetMethod) && TearsDownTheComponent(invocation):
                    var callee = OwnBody(invocation, type, conditional.SemanticModel);
                    if (callee is not null && callee.DescendantsAndSelf().Any(o => o is IMemberReferenceOperation member && Consults(member, classifier) || o is IInvocationOperation call && Consults(call, classifier)))
                    {
                        // "Destroy()" that returns early while work is queued: the check sits in the teardown, which TRK001 judges.
                        return null;
                    }

                    if (callee is not null && !TearsDownOrRecordsIt(callee, classifier))
                    {
                        // "AbortCommits(reason) { commits.Clear(); }" fails timed-out work items; the component stays.
                        break;
                    }

                    teardown = invocation;
                    break;
            }
        }

        return teardown is null ? null : new IdleTest(comparison, teardown, context.ContainingSymbol is { IsStatic: false });
    }

    private static void Judge(TypeFacts facts, IdleTest test, Action<Diagnostic> report)
    {
        // The code fix may only offer members that hold the component's pending work, and only where "this" exists.
        var pending = test.InInstance
            ? string.Join(",", facts.Type.GetMembers().Where(m => !m.IsStatic && facts.Classifier.LooksPending(m, out _)).Select(m => m.Name))
            : string.Empty;

        // Sure when the type's code shows work the test ignores (or a teardown the user declared); without either the work is
        // elsewhere, as in #1033, and only a suggestion can say so.
        // Work the component accepted from its callers is evidence enough even when no consumer shows in the type: in #1033
        // a pool elsewhere takes the requests, and the checker that destroys the tracker on time alone strands them.
        var tier = facts.PendingMembers.Any() ? facts.StrongestOf(facts.PendingMembers)
            : facts.Classifier.IsDeclaredTeardown(test.Teardown.TargetMethod) ? Confidence.Declared
            : Confidence.Heuristic;
        if (tier == Confidence.Heuristic && facts.AcceptingMembers.Any())
        {
            tier = Confidence.Evidence;
        }

        var shown = facts.PendingMembers.FirstOrDefault(m => facts.ConfidenceOf(m) == tier) ?? facts.AcceptingMembers.FirstOrDefault();
        var explanations = new[]
        {
            Explanation.At(test.Teardown, "teardown"),
            Explanation.At(shown, "pending work, not consulted"),
            Explanation.At(shown is null ? null : facts.AddSiteOf(shown), "work added"),
        };
        if (Finding.Create(
            Descriptors.IdleDecidedByTimeAlone,
            test.Comparison.Syntax.GetLocation(),
            tier,
            facts.Classifier.Settings,
            facts.Classifier.Known.IsTestAssembly,
            explanations,
            ImmutableDictionary<string, string?>.Empty.Add(PendingWorkProperty, pending),
            Names.Simple(test.Teardown.TargetMethod),
            test.Comparison.Syntax.ToString()) is { } diagnostic)
        {
            report(diagnostic);
        }
    }

    // One idle test found: the comparison, the teardown it guards, and whether "this" exists there (for the code fix).
    private sealed class IdleTest
    {
        public IdleTest(IOperation comparison, IInvocationOperation teardown, bool inInstance)
        {
            this.Comparison = comparison;
            this.Teardown = teardown;
            this.InInstance = inInstance;
        }

        public IOperation Comparison { get; }

        public IInvocationOperation Teardown { get; }

        public bool InInstance { get; }
    }

    // The elapsed-time comparison when it is the whole condition, or one term of an "&&" whose other terms do not look at
    // pending work. Walked with a stack, not recursion: a generated 100,000-term "&&" must not overflow the compiler's stack.
    private static IOperation? ElapsedTest(IOperation condition)
    {
        var terms = new System.Collections.Generic.Stack<IOperation>();
        terms.Push(condition);
        while (terms.Count > 0)
        {
            var term = terms.Pop();
            if (term is IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } both)
            {
                // Right first, so the left operand is looked at first, as it is evaluated.
                terms.Push(both.RightOperand);
                terms.Push(both.LeftOperand);
            }
            else if (term is IBinaryOperation comparison && IsElapsedExceedsThreshold(comparison))
            {
                return comparison;
            }
        }

        return null;
    }

    private static bool Consults(IMemberReferenceOperation reference, Classifier classifier) =>
        classifier.LooksPending(reference.Member, out _) || classifier.IsPendingQuestion(reference.Member, out _);

    private static bool Consults(IInvocationOperation invocation, Classifier classifier) =>
        classifier.IsPendingQuestion(invocation.TargetMethod, out _);

    // The body of an own method, one level down and only in the same file: a semantic model for another tree is not ours to
    // ask for here. Null when there is none to read.
    private static IOperation? OwnBody(IInvocationOperation invocation, INamedTypeSymbol type, SemanticModel? model)
    {
        if (model is null || !SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType?.OriginalDefinition, type.OriginalDefinition))
        {
            return null;
        }

        foreach (var reference in invocation.TargetMethod.OriginalDefinition.DeclaringSyntaxReferences)
        {
            if (reference.SyntaxTree == model.SyntaxTree && model.GetOperation(reference.GetSyntax()) is { } body)
            {
                return body;
            }
        }

        return null;
    }

    // A body that calls a teardown, writes any member of the component (a flag, a state, by assignment or by reference:
    // "Interlocked.Exchange(ref destroyed, 1)"), or is still empty (a stub is taken at its name's word).
    private static bool TearsDownOrRecordsIt(IOperation body, Classifier classifier) =>
        !body.Descendants().Any(o => o is IExpressionStatementOperation)
        || body.Descendants().Any(o =>
            o is IInvocationOperation call && classifier.IsTeardownMethod(call.TargetMethod)
            || o is IAssignmentOperation { Target: IMemberReferenceOperation { Instance: null or IInstanceReferenceOperation } }
            || o is IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out, Value: IMemberReferenceOperation { Instance: null or IInstanceReferenceOperation } });

    /// <summary>The diagnostic property listing the type's own pending-work members, for the code fix.</summary>
    public const string PendingWorkProperty = "PendingWork";

    // Whole words of a name ("lastActiveMillis" is last, active, millis), so "messagesSent" does not say "age".
    private static readonly string[] TimeWords =
    {
        "time", "times", "timestamp", "idle", "last", "elapsed", "now", "tick", "ticks", "stamp", "active", "since", "timeout", "age", "ttl",
        "millis", "ms", "second", "seconds", "minute", "minutes", "deadline", "expire", "expires", "expiry", "heartbeat", "seen", "clock",
    };

    // "a - b > c" or "a - b >= c" (also "c < a - b") over TimeSpan or dates, or over numbers named like time; the same
    // with the difference in a local ("var idle = now - last; if (idle > max)"), spelled "now.Subtract(last)" or
    // "GetElapsedTime(start)", or as a stopwatch's elapsed time; or the deadline form "now > last + max": an elapsed-time test.
    private static bool IsElapsedExceedsThreshold(IBinaryOperation comparison)
    {
        var (later, earlier) = comparison.OperatorKind switch
        {
            BinaryOperatorKind.GreaterThan or BinaryOperatorKind.GreaterThanOrEqual => (comparison.LeftOperand, comparison.RightOperand),
            BinaryOperatorKind.LessThan or BinaryOperatorKind.LessThanOrEqual => (comparison.RightOperand, comparison.LeftOperand),
            _ => (null, null),
        };
        if (later is null || earlier is null)
        {
            return false;
        }

        return IsElapsed(Unwrap(later), comparison, followLocal: true) || IsDeadlinePassed(Unwrap(later), Unwrap(earlier), comparison);
    }

    // One local is followed, no more: "var idle = idle;" in broken code must not send the rule round in circles.
    private static bool IsElapsed(IOperation? measured, IBinaryOperation comparison, bool followLocal) => measured switch
    {
        IPropertyReferenceOperation { Property: { Name: "Elapsed" or "ElapsedMilliseconds" or "ElapsedTicks", ContainingType.Name: "Stopwatch" } } => true,
        IInvocationOperation { TargetMethod: { Name: "GetElapsedTime", ReturnType.Name: "TimeSpan" } } => true,
        IInvocationOperation { TargetMethod: { Name: "Subtract", ContainingType.Name: "DateTime" or "DateTimeOffset", ReturnType.Name: "TimeSpan" } } => true,
        IBinaryOperation { OperatorKind: BinaryOperatorKind.Subtract } subtraction => IsTimeArithmetic(subtraction, comparison),
        ILocalReferenceOperation local when followLocal => IsElapsed(Unwrap(InitialValueOf(local)), comparison, followLocal: false),
        _ => false,
    };

    // "now > last + max" (also "last + max < now"): the moment the component went idle plus the threshold has passed.
    private static bool IsDeadlinePassed(IOperation? now, IOperation? deadline, IBinaryOperation comparison) =>
        now is not null
        && deadline is IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } sum
        && (sum.Type?.Name is "DateTime" or "DateTimeOffset" || IsTimeArithmetic(sum, comparison));

    private static bool IsTimeArithmetic(IBinaryOperation arithmetic, IBinaryOperation comparison)
    {
        if (arithmetic.Type is not { } type)
        {
            return false;
        }

        if (type.Name is "TimeSpan" or "DateTime" or "DateTimeOffset")
        {
            return true;
        }

        // Plain numbers are time only when the names say so: "now - lastIdleTime", not "total - used".
        return type.SpecialType is SpecialType.System_Int64 or SpecialType.System_Int32 or SpecialType.System_Double
            && (comparison.DescendantsAndSelf().Any(o => NameOf(o) is { } name && SaysTime(name))
                || arithmetic.DescendantsAndSelf().Any(o => NameOf(o) is { } name && SaysTime(name)));
    }

    // "var idle = now - last;" read back where the local is compared. A local assigned anywhere else in its scope may hold
    // something else by then, so only a local that is never assigned again is followed.
    private static IOperation? InitialValueOf(ILocalReferenceOperation local)
    {
        if (local.SemanticModel is not { } model || local.Local.DeclaringSyntaxReferences.Length != 1)
        {
            return null;
        }

        var declarator = local.Local.DeclaringSyntaxReferences[0].GetSyntax();
        var scope = declarator.FirstAncestorOrSelf<Microsoft.CodeAnalysis.CSharp.Syntax.BlockSyntax>();
        if (declarator.SyntaxTree != model.SyntaxTree || scope is null || IsAssignedIn(scope, local.Local.Name))
        {
            return null;
        }

        return model.GetOperation(declarator) is IVariableDeclaratorOperation { Initializer.Value: { } value } ? value : null;
    }

    private static bool IsAssignedIn(SyntaxNode scope, string name)
    {
        foreach (var node in scope.DescendantNodes())
        {
            if (node is Microsoft.CodeAnalysis.CSharp.Syntax.AssignmentExpressionSyntax { Left: Microsoft.CodeAnalysis.CSharp.Syntax.IdentifierNameSyntax target }
                && target.Identifier.ValueText == name)
            {
                return true;
            }
        }

        return false;
    }

    private static bool SaysTime(string name)
    {
        foreach (var word in Words(name))
        {
            if (System.Array.IndexOf(TimeWords, word) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    // "_lastActiveUtc" gives last, active, utc; "MAX_IDLE_MS" gives max, idle, ms; "TickCount64" gives tick, count, 64.
    private static System.Collections.Generic.IEnumerable<string> Words(string name)
    {
        var start = 0;
        for (var i = 1; i <= name.Length; i++)
        {
            var boundary = i == name.Length || name[i] == '_'
                || (char.IsUpper(name[i]) && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]) && char.IsUpper(name[i - 1]))))
                || (char.IsDigit(name[i]) != char.IsDigit(name[i - 1]));
            if (!boundary)
            {
                continue;
            }

            var word = name.Substring(start, i - start).Trim('_');
            if (word.Length > 0)
            {
                yield return word.ToLowerInvariant();
            }

            start = i;
        }
    }

    private static string? NameOf(IOperation operation) => operation switch
    {
        IMemberReferenceOperation reference => reference.Member.Name,
        ILocalReferenceOperation local => local.Local.Name,
        IParameterReferenceOperation parameter => parameter.Parameter.Name,
        IInvocationOperation invocation => invocation.TargetMethod.Name,
        _ => null,
    };

    // "Destroy()", "this.Stop()", "base.Dispose()", "checker.Dispose()" on a field: the component itself, not an entry or a local.
    private static bool TearsDownTheComponent(IInvocationOperation invocation)
    {
        var receiver = invocation.Instance;
        while (receiver is IConversionOperation conversion)
        {
            receiver = conversion.Operand;
        }

        return receiver switch
        {
            null => !invocation.TargetMethod.IsStatic,
            IInstanceReferenceOperation => true,
            IFieldReferenceOperation { Instance: null or IInstanceReferenceOperation } => true,
            IPropertyReferenceOperation { Instance: null or IInstanceReferenceOperation } => true,
            _ => false,
        };
    }

    private static IOperation? Unwrap(IOperation? operation)
    {
        while (operation is IConversionOperation conversion)
        {
            operation = conversion.Operand;
        }

        while (true)
        {
            switch (operation)
            {
                case IPropertyReferenceOperation { Property.Name: "TotalMilliseconds" or "TotalSeconds" or "TotalMinutes" or "TotalHours" or "TotalDays" or "Ticks" } property:
                    operation = property.Instance;
                    continue;
                case IInvocationOperation { TargetMethod: { IsStatic: true, ContainingType.Name: "TimeSpan", Name: var name }, Arguments.Length: 1 } from when name.StartsWith("From", System.StringComparison.Ordinal):
                    // "TimeSpan.FromTicks(DateTime.UtcNow.Ticks - last) > limit": the difference is inside the conversion.
                    operation = from.Arguments[0].Value;
                    continue;
                case IConversionOperation conversion:
                    operation = conversion.Operand;
                    continue;
                default:
                    return operation;
            }
        }
    }


}
