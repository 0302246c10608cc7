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

namespace TrackerRace.Analyzers.CodeFixes;

/// <summary>
/// TRK002 fix: make the idle decision also require the component's pending work to be empty
/// (<c>now - last &gt; max &amp;&amp; pending.IsEmpty</c>). Offered once per field or property that
/// evidently holds pending work; nothing is offered when there is none to consult.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(IdleDecidedByTimeAloneCodeFix))]
[Shared]
public sealed class IdleDecidedByTimeAloneCodeFix : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create("TRK002");

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
            if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax condition
                || condition.FirstAncestorOrSelf<TypeDeclarationSyntax>() is not { } typeSyntax
                || model.GetDeclaredSymbol(typeSyntax, context.CancellationToken) is not INamedTypeSymbol type)
            {
                continue;
            }

            // Names are judged against the declarations of the member the condition sits in (a method, or a field holding a timer callback).
            SyntaxNode scope = condition.Ancestors().OfType<MemberDeclarationSyntax>().FirstOrDefault(m => m is not BaseTypeDeclarationSyntax) ?? (SyntaxNode)condition;

            // Only members the analyzer classified as the component's pending work (none in a static method).
            var wanted = diagnostic.Properties.TryGetValue(IdleDecidedByTimeAloneAnalyzer.PendingWorkProperty, out var names) && !string.IsNullOrEmpty(names) ? names!.Split(',') : System.Array.Empty<string>();
            foreach (var pending in PendingWorkMember.Find(type, model.Compilation, context.CancellationToken).Where(p => wanted.Contains(p.Member.Name)))
            {
                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Also require '{pending.Member.Name}' to be empty before tearing down",
                        ct => AddPendingCheckAsync(context.Document, condition, pending.EmptyTestIn(scope), ct),
                        equivalenceKey: $"TRK002:{pending.Member.Name}"),
                    diagnostic);
            }
        }
    }

    private static async Task<Document> AddPendingCheckAsync(Document document, ExpressionSyntax condition, string emptyTest, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var guarded = SyntaxFactory.BinaryExpression(
                SyntaxKind.LogicalAndExpression,
                condition.WithoutTrivia(),
                SyntaxFactory.ParseExpression(emptyTest))
            .WithTriviaFrom(condition);
        return document.WithSyntaxRoot(root!.ReplaceNode(condition, guarded));
    }
}
