using System.Collections.Immutable;
using System.Linq;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;

namespace TrackerRace.Analyzers.CodeFixes;

/// <summary>
/// TRK003 fix for a check made outside the enqueue lock: turns
/// <c>if (queue.Count == 0) { lock (gate) { Stop(); } }</c> into
/// <c>lock (gate) { if (queue.Count == 0) { Stop(); } }</c>. Offered only for that exact shape (an
/// <c>if</c> without <c>else</c> whose body is the lock on the guard that adding work holds, no
/// <c>await</c> in the condition, which C# does not allow inside a lock, and no variable declared in
/// it); an await in between has no mechanical fix.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CheckThenTeardownNotAtomicCodeFix))]
[Shared]
public sealed class CheckThenTeardownNotAtomicCodeFix : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create("TRK003");

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(CheckThenTeardownNotAtomicAnalyzer.ReasonProperty, out var reason) || reason != "OutsideGuard"
                || !diagnostic.Properties.TryGetValue(CheckThenTeardownNotAtomicAnalyzer.GuardProperty, out var guard) || guard is null
                || diagnostic.AdditionalLocations.Count == 0
                || root.FindNode(diagnostic.AdditionalLocations[0].SourceSpan).FirstAncestorOrSelf<IfStatementSyntax>() is not { Else: null } check
                || !check.Condition.Span.Contains(diagnostic.AdditionalLocations[0].SourceSpan)
                || check.Condition.DescendantNodesAndSelf().OfType<AwaitExpressionSyntax>().Any()
                || DeclaresVariables(check.Condition)
                || LockOf(check.Statement) is not { } lockStatement
                // Only the lock on the guard that dispatch holds makes the check atomic; another lock object, or a lock
                // while dispatch holds a semaphore, would move the check without closing the race.
                || !GuardLock.Takes(lockStatement, guard, model, context.CancellationToken))
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Move the check inside 'lock ({lockStatement.Expression})'",
                    ct => MoveInsideAsync(context.Document, check, lockStatement, ct),
                    equivalenceKey: "TRK003:MoveInsideLock"),
                diagnostic);
        }
    }

    // "queue.TryPeek(out var head)", "x is Job job": moving the if into the lock would take the variable out of scope.
    private static bool DeclaresVariables(ExpressionSyntax condition) =>
        condition.DescendantNodesAndSelf().OfType<SingleVariableDesignationSyntax>().Any();

    private static LockStatementSyntax? LockOf(StatementSyntax body) => body switch
    {
        LockStatementSyntax direct => direct,
        BlockSyntax { Statements.Count: 1 } block => block.Statements[0] as LockStatementSyntax,
        _ => null,
    };

    private static async Task<Document> MoveInsideAsync(Document document, IfStatementSyntax check, LockStatementSyntax lockStatement, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        // Fresh braces carry elastic trivia, so the formatter lays out a one-line "{ Stop(); }" on lines of its own.
        var lockBody = lockStatement.Statement is BlockSyntax block
            ? Microsoft.CodeAnalysis.CSharp.SyntaxFactory.Block(block.Statements)
            : Microsoft.CodeAnalysis.CSharp.SyntaxFactory.Block(lockStatement.Statement);
        var innerCheck = check.WithStatement(lockBody).WithoutTrivia();
        // Comments that sat on the lock ("// dispatch holds gate") stay with it, after the if's own.
        var lockComments = lockStatement.GetLeadingTrivia().Where(t => !t.IsKind(SyntaxKind.WhitespaceTrivia));
        var moved = lockStatement
            .WithStatement(Microsoft.CodeAnalysis.CSharp.SyntaxFactory.Block(innerCheck))
            .WithLeadingTrivia(check.GetLeadingTrivia().AddRange(lockComments))
            .WithTrailingTrivia(check.GetTrailingTrivia())
            .WithAdditionalAnnotations(Formatter.Annotation);
        return document.WithSyntaxRoot(root!.ReplaceNode(check, moved));
    }
}
