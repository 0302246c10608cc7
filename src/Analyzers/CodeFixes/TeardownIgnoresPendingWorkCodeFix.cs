using System;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
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
/// TRK001 fix: return from the teardown while a pending-work member still holds work
/// (<c>if (!queue.IsEmpty) { return; }</c> as its first statement, or right before the statement that
/// tears down when an <c>await</c> comes earlier), PowerJob's "re-check for pending work before
/// destroying". Offered per evident member the type never touches under a guard, for void and async
/// instance methods. Never where skipping the teardown cannot be right: <c>Dispose</c>/<c>DisposeAsync</c>,
/// a method a <c>Dispose</c> delegates to, an override (its base contract may require it to finish),
/// or a method with <c>out</c> parameters.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(TeardownIgnoresPendingWorkCodeFix))]
[Shared]
public sealed class TeardownIgnoresPendingWorkCodeFix : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create("TRK001");

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
            if (root.FindNode(diagnostic.Location.SourceSpan).FirstAncestorOrSelf<MethodDeclarationSyntax>() is not { } method
                || model.GetDeclaredSymbol(method, context.CancellationToken) is not { } symbol
                || !MayReturnEarly(symbol, method)
                || IsDisposal(symbol, model.Compilation, context.CancellationToken)
                || diagnostic.AdditionalLocations.Count == 0
                || InsertionPoint(method, root.FindNode(diagnostic.AdditionalLocations[0].SourceSpan)) is not { } insertAt
                || !diagnostic.Properties.TryGetValue(TeardownIgnoresPendingWorkAnalyzer.PendingWorkProperty, out var names) || names is null)
            {
                continue;
            }

            var wanted = names.Split(',');
            foreach (var pending in PendingWorkMember.Find(symbol.ContainingType, model.Compilation, context.CancellationToken).Where(p => wanted.Contains(p.Member.Name)))
            {
                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Return early while '{pending.Member.Name}' holds work",
                        ct => ReturnEarlyAsync(context.Document, method, insertAt, pending.BusyTestIn(method), ct),
                        equivalenceKey: $"TRK001:{pending.Member.Name}"),
                    diagnostic);
            }
        }
    }

    // An early "return;" must compile and must leave nothing unassigned: void or async Task/ValueTask, instance, no out parameters.
    private static bool MayReturnEarly(IMethodSymbol symbol, MethodDeclarationSyntax method) =>
        !symbol.IsStatic
        && !symbol.IsOverride
        && symbol.Parameters.All(p => p.RefKind != RefKind.Out)
        && (MethodBodies.IsVoid(method)
            || (method.Modifiers.Any(m => m.IsKind(SyntaxKind.AsyncKeyword)) && symbol.ReturnType is INamedTypeSymbol { IsGenericType: false, Name: "Task" or "ValueTask" }));

    // "Dispose", "DisposeAsync", "Dispose(bool)", the explicit "IDisposable.Dispose", and whatever one of them calls
    // ("Dispose() => Close();"): skipping the disposal while work is queued would leak what it frees.
    private static bool IsDisposal(IMethodSymbol method, Compilation compilation, CancellationToken cancellationToken)
    {
        if (IsDispose(method))
        {
            return true;
        }

        foreach (var reference in method.ContainingType.DeclaringSyntaxReferences)
        {
            var model = compilation.GetSemanticModel(reference.SyntaxTree);
            foreach (var dispose in reference.GetSyntax(cancellationToken).DescendantNodes().OfType<MethodDeclarationSyntax>())
            {
                if (model.GetDeclaredSymbol(dispose, cancellationToken) is { } disposeSymbol && IsDispose(disposeSymbol)
                    && dispose.DescendantNodes().OfType<InvocationExpressionSyntax>().Any(call =>
                        SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(call, cancellationToken).Symbol?.OriginalDefinition, method.OriginalDefinition)))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool IsDispose(IMethodSymbol method) =>
        method.Name.StartsWith("Dispose", StringComparison.Ordinal)
        || method.ExplicitInterfaceImplementations.Any(m => m.Name.StartsWith("Dispose", StringComparison.Ordinal));

    // The top of the method; when an await comes before the teardown, the body statement that holds the teardown, so
    // that no await separates the check from it (which TRK003 would report). Null when the await is in that statement.
    private static SyntaxNode? InsertionPoint(MethodDeclarationSyntax method, SyntaxNode teardown)
    {
        var awaits = method.DescendantNodes().OfType<AwaitExpressionSyntax>().Where(a => a.SpanStart < teardown.SpanStart).ToList();
        if (awaits.Count == 0 || method.Body is null)
        {
            return method;
        }

        var statement = method.Body.Statements.FirstOrDefault(s => s.Span.Contains(teardown.Span));
        return statement is not null && awaits.All(a => a.SpanStart < statement.SpanStart) ? statement : null;
    }

    private static async Task<Document> ReturnEarlyAsync(Document document, MethodDeclarationSyntax method, SyntaxNode insertAt, string busyTest, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var guard = SyntaxFactory.ParseStatement($"if ({busyTest})\n{{\n    return;\n}}\n").WithAdditionalAnnotations(Formatter.Annotation);
        if (insertAt is StatementSyntax before && method.Body is { } body)
        {
            return document.WithSyntaxRoot(root!.ReplaceNode(method, MethodBodies.Replace(method, body, MethodBodies.Insert(body, body.Statements.IndexOf(before), guard))));
        }

        var fixedMethod = MethodBodies.Prepend(method, guard);
        return fixedMethod is null ? document : document.WithSyntaxRoot(root!.ReplaceNode(method, fixedMethod));
    }
}
