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
        context.RegisterCompilationStartAction(start =>
        {
            var known = KnownSymbols.Resolve(start.Compilation);
            start.RegisterOperationAction(c => Analyze(c, known), OperationKind.Conditional);
        });
    }

    private static void Analyze(OperationAnalysisContext context, KnownSymbols known)
    {
        var conditional = (IConditionalOperation)context.Operation;
        if (ElapsedTest(conditional.Condition) is not { } comparison || context.ContainingSymbol.ContainingType is not { } type)
        {
            return;
        }

        // No evidence of local pending work is required: in #1033 the stranded task waited in the owner's store, not in
        // the tracker that timed out, and an idle connection reaped while a caller picks it up is the same race.
        var classifier = new Classifier(known, AnalyzerSettings.For(context.Options, conditional.Syntax.SyntaxTree));

        IInvocationOperation? teardown = null;
        foreach (var operation in conditional.Condition.DescendantsAndSelf().Concat(conditional.WhenTrue.DescendantsAndSelf()))
        {
            switch (operation)
            {
                case IMemberReferenceOperation reference when Consults(reference, classifier):
                    return;
                case IInvocationOperation invocation when Consults(invocation, classifier) || classifier.IsDecisionType(invocation.TargetMethod.ReturnType):
                    // The branch consults pending work, or delegates the decision to code TRK001/TRK003 analyse.
                    return;
                case IInvocationOperation invocation when teardown is null && classifier.IsTeardownMethod(invocation.TargetMethod) && TearsDownTheComponent(invocation):
                    if (CalleeConsults(invocation, type, classifier, conditional.SemanticModel))
                    {
                        // "Destroy()" that returns early while work is queued: the check sits in the teardown, which TRK001 judges.
                        return;
                    }

                    teardown = invocation;
                    break;
            }
        }

        if (teardown is null)
        {
            return;
        }

        // The code fix may only offer members that hold the component's pending work, and only where "this" exists.
        var pending = context.ContainingSymbol is { IsStatic: false }
            ? string.Join(",", type.GetMembers().Where(m => !m.IsStatic && classifier.IsPendingMember(m, out _)).Select(m => m.Name))
            : string.Empty;
        context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.IdleDecidedByTimeAlone,
            comparison.Syntax.GetLocation(),
            ImmutableDictionary<string, string?>.Empty.Add(PendingWorkProperty, pending),
            Names.Simple(teardown.TargetMethod),
            comparison.Syntax.ToString()));
    }

    // The elapsed-time comparison when it is the whole condition, or one term of an "&&" whose other terms do not look at pending work.
    private static IOperation? ElapsedTest(IOperation condition)
    {
        if (condition is IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } both)
        {
            var left = ElapsedTest(both.LeftOperand);
            var right = ElapsedTest(both.RightOperand);
            return left ?? right;
        }

        return condition is IBinaryOperation comparison && IsElapsedExceedsThreshold(comparison) ? comparison : null;
    }

    private static bool Consults(IMemberReferenceOperation reference, Classifier classifier) =>
        classifier.IsPendingMember(reference.Member, out _) || classifier.IsPendingQuestion(reference.Member, out _);

    private static bool Consults(IInvocationOperation invocation, Classifier classifier) =>
        classifier.IsPendingQuestion(invocation.TargetMethod, out _);

    // One level down, and only in the same file: a semantic model for another tree is not ours to ask for here.
    private static bool CalleeConsults(IInvocationOperation invocation, INamedTypeSymbol type, Classifier classifier, SemanticModel? model)
    {
        if (model is null || !SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType?.OriginalDefinition, type.OriginalDefinition))
        {
            return false;
        }

        foreach (var reference in invocation.TargetMethod.OriginalDefinition.DeclaringSyntaxReferences)
        {
            if (reference.SyntaxTree != model.SyntaxTree || model.GetOperation(reference.GetSyntax()) is not { } body)
            {
                continue;
            }

            foreach (var operation in body.DescendantsAndSelf())
            {
                if (operation is IMemberReferenceOperation member && Consults(member, classifier) || operation is IInvocationOperation call && Consults(call, classifier))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The diagnostic property listing the type's own pending-work members, for the code fix.</summary>
    public const string PendingWorkProperty = "PendingWork";

    // Whole words of a name ("lastActiveMillis" is last, active, millis), so "messagesSent" does not say "age".
    private static readonly string[] TimeWords =
    {
        "time", "times", "timestamp", "idle", "last", "elapsed", "now", "tick", "ticks", "stamp", "active", "since", "timeout", "age", "ttl",
        "millis", "ms", "second", "seconds", "minute", "minutes", "deadline", "expire", "expires", "expiry", "heartbeat", "seen", "clock",
    };

    // "a - b > c" or "a - b >= c" (also "c < a - b") over TimeSpan or dates, or over numbers named like time,
    // or a stopwatch's elapsed time against a threshold: an elapsed-time test.
    private static bool IsElapsedExceedsThreshold(IBinaryOperation comparison)
    {
        var elapsed = comparison.OperatorKind switch
        {
            BinaryOperatorKind.GreaterThan or BinaryOperatorKind.GreaterThanOrEqual => comparison.LeftOperand,
            BinaryOperatorKind.LessThan or BinaryOperatorKind.LessThanOrEqual => comparison.RightOperand,
            _ => null,
        };

        var measured = Unwrap(elapsed);
        if (measured is IPropertyReferenceOperation { Property: { Name: "Elapsed" or "ElapsedMilliseconds" or "ElapsedTicks", ContainingType.Name: "Stopwatch" } })
        {
            return true;
        }

        if (measured is not IBinaryOperation { OperatorKind: BinaryOperatorKind.Subtract } subtraction || subtraction.Type is not { } type)
        {
            return false;
        }

        if (type.Name is "TimeSpan" or "DateTime" or "DateTimeOffset")
        {
            return true;
        }

        // Plain numbers are time only when the names say so: "now - lastIdleTime", not "total - used".
        return type.SpecialType is SpecialType.System_Int64 or SpecialType.System_Int32 or SpecialType.System_Double
            && comparison.DescendantsAndSelf().Any(o => NameOf(o) is { } name && SaysTime(name));
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

        while (operation is IPropertyReferenceOperation { Property.Name: "TotalMilliseconds" or "TotalSeconds" or "TotalMinutes" or "TotalHours" or "TotalDays" or "Ticks" } property)
        {
            operation = property.Instance;
        }

        return operation;
    }


}
