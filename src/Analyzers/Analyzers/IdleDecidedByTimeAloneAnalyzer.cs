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
                case IInvocationOperation invocation when teardown is null && classifier.IsTeardownMethod(invocation.TargetMethod):
                    teardown = invocation;
                    break;
            }
        }

        if (teardown is null)
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.IdleDecidedByTimeAlone,
            comparison.Syntax.GetLocation(),
            teardown.TargetMethod.Name,
            comparison.Syntax.ToString()));
    }

    // "a - b > c" or "a - b >= c" (also "c < a - b"), over numbers, TimeSpan or dates: an elapsed-time test and nothing else.
    private static bool IsElapsedExceedsThreshold(IBinaryOperation comparison)
    {
        var elapsed = comparison.OperatorKind switch
        {
            BinaryOperatorKind.GreaterThan or BinaryOperatorKind.GreaterThanOrEqual => comparison.LeftOperand,
            BinaryOperatorKind.LessThan or BinaryOperatorKind.LessThanOrEqual => comparison.RightOperand,
            _ => null,
        };

        return Unwrap(elapsed) is IBinaryOperation { OperatorKind: BinaryOperatorKind.Subtract } subtraction
            && IsTimeLike(subtraction.Type);
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

    private static bool IsTimeLike(ITypeSymbol? type) =>
        type is not null
        && (type.SpecialType is SpecialType.System_Int64 or SpecialType.System_Int32 or SpecialType.System_Double
            || type.Name is "TimeSpan" or "DateTime" or "DateTimeOffset");
}
