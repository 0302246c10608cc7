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
        if (conditional.Condition is not IBinaryOperation comparison || !IsElapsedExceedsThreshold(comparison))
        {
            return;
        }

        var classifier = new Classifier(known, AnalyzerSettings.For(context.Options, conditional.Syntax.SyntaxTree));
        IInvocationOperation? teardown = null;
        foreach (var operation in conditional.WhenTrue.DescendantsAndSelf())
        {
            switch (operation)
            {
                case IMemberReferenceOperation reference when classifier.IsPendingMember(reference.Member, out _) || classifier.IsPendingQuestion(reference.Member, out _):
                    return;
                case IInvocationOperation invocation when classifier.IsPendingQuestion(invocation.TargetMethod, out _) || classifier.IsDecisionType(invocation.TargetMethod.ReturnType):
                    // The branch consults pending work, or delegates the decision to code TRK001/TRK003 analyse.
                    return;
                case IInvocationOperation invocation when teardown is null && classifier.IsTeardownMethod(invocation.TargetMethod) && TearsDownTheComponent(invocation):
                    teardown = invocation;
                    break;
            }
        }

        if (teardown is null)
        {
            return;
        }

        // The code fix may only offer members that hold the component's pending work, and only where "this" exists.
        var pending = context.ContainingSymbol is { IsStatic: false, ContainingType: { } type }
            ? string.Join(",", type.GetMembers().Where(m => !m.IsStatic && classifier.IsPendingMember(m, out _)).Select(m => m.Name))
            : string.Empty;
        context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.IdleDecidedByTimeAlone,
            comparison.Syntax.GetLocation(),
            ImmutableDictionary<string, string?>.Empty.Add(PendingWorkProperty, pending),
            teardown.TargetMethod.Name,
            comparison.Syntax.ToString()));
    }

    /// <summary>The diagnostic property listing the type's own pending-work members, for the code fix.</summary>
    public const string PendingWorkProperty = "PendingWork";

    private static readonly string[] TimeWords =
    {
        "time", "idle", "last", "elapsed", "now", "tick", "stamp", "active", "since", "timeout", "age", "ttl", "millis", "second",
        "minute", "deadline", "expire", "heartbeat", "seen", "clock",
    };

    // "a - b > c" or "a - b >= c" (also "c < a - b") over TimeSpan or dates, or over numbers named like time: an elapsed-time test and nothing else.
    private static bool IsElapsedExceedsThreshold(IBinaryOperation comparison)
    {
        var elapsed = comparison.OperatorKind switch
        {
            BinaryOperatorKind.GreaterThan or BinaryOperatorKind.GreaterThanOrEqual => comparison.LeftOperand,
            BinaryOperatorKind.LessThan or BinaryOperatorKind.LessThanOrEqual => comparison.RightOperand,
            _ => null,
        };

        if (Unwrap(elapsed) is not IBinaryOperation { OperatorKind: BinaryOperatorKind.Subtract } subtraction || subtraction.Type is not { } type)
        {
            return false;
        }

        if (type.Name is "TimeSpan" or "DateTime" or "DateTimeOffset")
        {
            return true;
        }

        // Plain numbers are time only when the names say so: "now - lastIdleTime", not "total - used".
        return type.SpecialType is SpecialType.System_Int64 or SpecialType.System_Int32 or SpecialType.System_Double
            && comparison.DescendantsAndSelf().Any(o => NameOf(o) is { } name && TimeWords.Any(w => name.IndexOf(w, System.StringComparison.OrdinalIgnoreCase) >= 0));
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

        while (operation is IPropertyReferenceOperation { Property.Name: "TotalMilliseconds" or "TotalSeconds" or "Ticks" } property)
        {
            operation = property.Instance;
        }

        return operation;
    }


}
