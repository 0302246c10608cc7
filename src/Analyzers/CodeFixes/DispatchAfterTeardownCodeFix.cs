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
/// TRK004 fix: refuse work once torn down, under the guard the add holds. Inserts
/// <c>if (disposed) { throw new ObjectDisposedException(GetType().Name); }</c> as the first statement
/// of the lock around the add, or of the method when it takes none (<c>return false;</c> in a
/// <c>bool Try...</c> method). Offered only when a teardown sets a bool field to a constant that no
/// other method sets back, so the check is known to mean "torn down".
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(DispatchAfterTeardownCodeFix))]
[Shared]
public sealed class DispatchAfterTeardownCodeFix : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create("TRK004");

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
            if (!diagnostic.Properties.TryGetValue("RefuseWhen", out var refuseWhen) || refuseWhen is null
                || diagnostic.AdditionalLocations.Count == 0
                || root.FindNode(diagnostic.AdditionalLocations[0].SourceSpan) is not { } add
                || add.FirstAncestorOrSelf<MethodDeclarationSyntax>() is not { } method)
            {
                continue;
            }

            // A semaphore-guarded add would need the check between WaitAsync and the add, inside the try: no mechanical fix.
            if (method.DescendantNodes().OfType<InvocationExpressionSyntax>().Any(i => model.GetSymbolInfo(i, context.CancellationToken).Symbol is IMethodSymbol { Name: "Wait" or "WaitAsync", ContainingType.Name: "SemaphoreSlim" }))
            {
                continue;
            }

            // Write the short name when "using System;" (or an alias) already brings it into scope.
            var exception = model.LookupNamespacesAndTypes(add.SpanStart, name: "ObjectDisposedException")
                .Any(t => t.ToDisplayString() == "System.ObjectDisposedException") ? "ObjectDisposedException" : "System.ObjectDisposedException";
            // "bool TryPost(x)" says no by returning false; everything else throws.
            var refusal = model.GetDeclaredSymbol(method, context.CancellationToken) is { ReturnType.SpecialType: SpecialType.System_Boolean } tryMethod
                && tryMethod.Name.StartsWith("Try", System.StringComparison.Ordinal)
                ? "return false;"
                : $"throw new {exception}(GetType().Name);";
            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Refuse work when '{refuseWhen}'",
                    ct => RefuseAsync(context.Document, method, add, refuseWhen, refusal, ct),
                    equivalenceKey: "TRK004"),
                diagnostic);
        }
    }

    private static async Task<Document> RefuseAsync(Document document, MethodDeclarationSyntax method, SyntaxNode add, string refuseWhen, string refusal, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var refuse = SyntaxFactory.ParseStatement($"if ({refuseWhen})\n{{\n    {refusal}\n}}\n")
            .WithAdditionalAnnotations(Formatter.Annotation);

        // Inside the innermost lock around the add: the check must hold the guard the add holds.
        var lockStatement = add.FirstAncestorOrSelf<LockStatementSyntax>();
        if (lockStatement is not null && method.Contains(lockStatement))
        {
            var body = lockStatement.Statement as BlockSyntax ?? SyntaxFactory.Block(lockStatement.Statement);
            var guarded = lockStatement.WithStatement(body.WithStatements(body.Statements.Insert(0, refuse))).WithAdditionalAnnotations(Formatter.Annotation);
            return document.WithSyntaxRoot(root!.ReplaceNode(lockStatement, guarded));
        }

        var fixedMethod = MethodBodies.Prepend(method, refuse)
            ?? PrependToExpressionBodiedReturn(method, refuse);
        return fixedMethod is null ? document : document.WithSyntaxRoot(root!.ReplaceNode(method, fixedMethod.WithAdditionalAnnotations(Formatter.Annotation)));
    }

    // "T Post(x) => expr;" becomes "T Post(x) { refuse; return expr; }".
    private static MethodDeclarationSyntax? PrependToExpressionBodiedReturn(MethodDeclarationSyntax method, StatementSyntax refuse) =>
        method.ExpressionBody is { } arrow
            ? MethodBodies.AsBlock(method, SyntaxFactory.Block(refuse, SyntaxFactory.ReturnStatement(arrow.Expression)))
            : null;
}
