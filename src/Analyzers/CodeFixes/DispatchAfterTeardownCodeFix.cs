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
/// <c>bool Try...</c> method, with its <c>out</c> parameters set to their defaults). Offered only when a
/// teardown sets a bool field to a constant that no other method sets back, so the check is known to
/// mean "torn down", and when the add's guard, if it has one, is a <c>lock</c> statement to put it in.
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
            if (!diagnostic.Properties.TryGetValue(DispatchAfterTeardownAnalyzer.RefuseWhenProperty, out var refuseWhen) || refuseWhen is null
                || diagnostic.AdditionalLocations.Count == 0
                || root.FindNode(diagnostic.AdditionalLocations[0].SourceSpan) is not { } add
                || add.FirstAncestorOrSelf<MethodDeclarationSyntax>() is not { } method
                || model.GetDeclaredSymbol(method, context.CancellationToken) is not { } symbol)
            {
                continue;
            }

            // A guard taken by a call (SemaphoreSlim.WaitAsync, Monitor.Enter) would need the check after it, inside the try:
            // no mechanical fix.
            if (method.DescendantNodes().OfType<InvocationExpressionSyntax>().Any(i => GuardLock.IsAcquireCall(model.GetSymbolInfo(i, context.CancellationToken).Symbol as IMethodSymbol)))
            {
                continue;
            }

            // The check must hold the guard the add holds: inside the lock statement on it. A guard taken elsewhere (in a
            // helper) leaves no place to put the check that the fix can be sure of.
            var lockStatement = add.FirstAncestorOrSelf<LockStatementSyntax>() is { } innermost && method.Contains(innermost) ? innermost : null;
            if (diagnostic.Properties.TryGetValue(DispatchAfterTeardownAnalyzer.GuardProperty, out var guard) && guard is not null)
            {
                lockStatement = add.Ancestors().OfType<LockStatementSyntax>().FirstOrDefault(l => method.Contains(l) && GuardLock.Takes(l, guard, model, context.CancellationToken));
                if (lockStatement is null)
                {
                    continue;
                }
            }

            var refusal = Refusal(symbol, model.LookupNamespacesAndTypes(add.SpanStart, name: "ObjectDisposedException").Any(t => t.ToDisplayString() == "System.ObjectDisposedException"));
            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Refuse work when '{refuseWhen}'",
                    ct => RefuseAsync(context.Document, method, lockStatement, Condition(refuseWhen, method), refusal, ct),
                    equivalenceKey: "TRK004"),
                diagnostic);
        }
    }

    // "disposed" or "!running" from the analyzer, written so that it reads the component's member inside this method.
    private static string Condition(string refuseWhen, MethodDeclarationSyntax method) =>
        refuseWhen.StartsWith("!", System.StringComparison.Ordinal) ? "!" + ComponentMember.Access(refuseWhen.Substring(1), method) : ComponentMember.Access(refuseWhen, method);

    // "bool TryPost(x)" says no by returning false, after giving its out parameters their defaults; everything else throws.
    private static string Refusal(IMethodSymbol method, bool exceptionInScope)
    {
        var name = method.ExplicitInterfaceImplementations.FirstOrDefault()?.Name ?? method.Name;
        if (method.ReturnType.SpecialType == SpecialType.System_Boolean && name.StartsWith("Try", System.StringComparison.Ordinal))
        {
            return string.Concat(method.Parameters.Where(p => p.RefKind == RefKind.Out).Select(p => ComponentMember.Escape(p.Name) + " = default;\n")) + "return false;";
        }

        return $"throw new {(exceptionInScope ? "ObjectDisposedException" : "System.ObjectDisposedException")}(GetType().Name);";
    }

    private static async Task<Document> RefuseAsync(Document document, MethodDeclarationSyntax method, LockStatementSyntax? lockStatement, string refuseWhen, string refusal, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var refuse = SyntaxFactory.ParseStatement($"if ({refuseWhen})\n{{\n{refusal}\n}}\n")
            .WithAdditionalAnnotations(Formatter.Annotation);

        // Inside the lock around the add: the check must hold the guard the add holds.
        if (lockStatement is not null)
        {
            var guarded = lockStatement.Statement is BlockSyntax body
                ? lockStatement.WithStatement(MethodBodies.Insert(body, 0, refuse))
                : lockStatement.WithStatement(SyntaxFactory.Block(refuse, lockStatement.Statement).WithAdditionalAnnotations(Formatter.Annotation));
            return document.WithSyntaxRoot(root!.ReplaceNode(method, MethodBodies.Replace(method, lockStatement, guarded)));
        }

        var fixedMethod = MethodBodies.Prepend(method, refuse)
            ?? PrependToExpressionBodiedReturn(method, refuse);
        return fixedMethod is null ? document : document.WithSyntaxRoot(root!.ReplaceNode(method, fixedMethod));
    }

    // "T Post(x) => expr;" becomes "T Post(x) { refuse; return expr; }".
    private static MethodDeclarationSyntax? PrependToExpressionBodiedReturn(MethodDeclarationSyntax method, StatementSyntax refuse) =>
        method.ExpressionBody is { } arrow
            ? MethodBodies.AsBlock(method, SyntaxFactory.Block(refuse, SyntaxFactory.ReturnStatement(arrow.Expression)))
            : null;
}
