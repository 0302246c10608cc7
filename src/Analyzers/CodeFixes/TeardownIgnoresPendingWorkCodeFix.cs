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
/// (<c>if (!queue.IsEmpty) { return; }</c> as its first statement), PowerJob's "re-check for pending
/// work before destroying". Offered per evident member the type never touches under a lock, for
/// void and async instance methods, and never for <c>Dispose</c>/<c>DisposeAsync</c>, where
/// skipping the disposal is never right.
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
                || symbol.IsStatic
                || IsDispose(symbol)
                || !(MethodBodies.IsVoid(method) || method.Modifiers.Any(m => m.IsKind(SyntaxKind.AsyncKeyword)) && symbol.ReturnType is INamedTypeSymbol { IsGenericType: false, Name: "Task" or "ValueTask" })
                || !diagnostic.Properties.TryGetValue("PendingWork", out var names) || names is null)
            {
                continue;
            }

            var wanted = names.Split(',');
            foreach (var pending in PendingWorkMember.Find(symbol.ContainingType).Where(p => wanted.Contains(p.Member.Name)))
            {
                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Return early while '{pending.Member.Name}' holds work",
                        ct => ReturnEarlyAsync(context.Document, method, pending.BusyTest, ct),
                        equivalenceKey: $"TRK001:{pending.Member.Name}"),
                    diagnostic);
            }
        }
    }

    // "Dispose", "DisposeAsync", "Dispose(bool)", and the explicit "IDisposable.Dispose".
    private static bool IsDispose(IMethodSymbol method) =>
        method.Name.StartsWith("Dispose", StringComparison.Ordinal)
        || method.ExplicitInterfaceImplementations.Any(m => m.Name.StartsWith("Dispose", StringComparison.Ordinal));

    private static async Task<Document> ReturnEarlyAsync(Document document, MethodDeclarationSyntax method, string busyTest, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var guard = SyntaxFactory.ParseStatement($"if ({busyTest})\n{{\n    return;\n}}\n").WithAdditionalAnnotations(Formatter.Annotation);
        var fixedMethod = MethodBodies.Prepend(method, guard);
        return fixedMethod is null ? document : document.WithSyntaxRoot(root!.ReplaceNode(method, fixedMethod.WithAdditionalAnnotations(Formatter.Annotation)));
    }
}
