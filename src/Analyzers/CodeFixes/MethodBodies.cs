using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;

namespace TrackerRace.Analyzers.CodeFixes;

/// <summary>Inserting a statement at the top of a method, turning an expression body into a block when needed.</summary>
internal static class MethodBodies
{
    public static MethodDeclarationSyntax? Prepend(MethodDeclarationSyntax method, StatementSyntax statement)
    {
        if (method.Body is { } body)
        {
            return method.WithBody(Insert(body, 0, statement));
        }

        // Only a void or async Task/ValueTask method's expression body can become a plain statement without changing what
        // it returns; "async Task<bool> M() => await x;" needs "return", which the caller's fallback writes.
        if (method.ExpressionBody is { } arrow && (IsVoid(method) || (method.Modifiers.Any(m => m.IsKind(SyntaxKind.AsyncKeyword)) && !ReturnsAValue(method))))
        {
            return AsBlock(method, SyntaxFactory.Block(statement, SyntaxFactory.ExpressionStatement(arrow.Expression)));
        }

        return null;
    }

    /// <summary>
    /// Inserts <paramref name="statement"/> into <paramref name="block"/>. A block written on one line
    /// ("<c>{ queue.Enqueue(s); }</c>") is laid out anew, or the new statement's lines would sit between
    /// braces that share a line with code; otherwise only the new statement is formatted and the user's
    /// own layout stays as it was.
    /// </summary>
    public static BlockSyntax Insert(BlockSyntax block, int index, StatementSyntax statement)
    {
        var result = block.WithStatements(block.Statements.Insert(index, statement));
        return IsOneLine(block) ? result.WithAdditionalAnnotations(Formatter.Annotation) : result;
    }

    /// <summary>The method with <paramref name="changed"/> in place of <paramref name="original"/>; a one-line body is laid out anew, as in <see cref="Insert"/>.</summary>
    public static MethodDeclarationSyntax Replace(MethodDeclarationSyntax method, SyntaxNode original, SyntaxNode changed)
    {
        var result = method.ReplaceNode(original, changed);
        return method.Body is { } body && IsOneLine(body) && result.Body is { } newBody
            ? result.WithBody(newBody.WithAdditionalAnnotations(Formatter.Annotation))
            : result;
    }

    private static bool IsOneLine(SyntaxNode node)
    {
        var lines = node.SyntaxTree.GetLineSpan(node.Span);
        return lines.StartLinePosition.Line == lines.EndLinePosition.Line;
    }

    /// <summary>Replaces an expression body by <paramref name="block"/>, keeping the line break that followed the old semicolon.</summary>
    public static MethodDeclarationSyntax AsBlock(MethodDeclarationSyntax method, BlockSyntax block) =>
        method
            .WithExpressionBody(null)
            .WithSemicolonToken(default)
            .WithParameterList(method.ParameterList.WithTrailingTrivia(SyntaxFactory.ElasticCarriageReturnLineFeed))
            .WithBody(block.WithCloseBraceToken(block.CloseBraceToken.WithTrailingTrivia(method.SemicolonToken.TrailingTrivia)).WithAdditionalAnnotations(Formatter.Annotation));

    // "Task<T>", "System.Threading.Tasks.ValueTask<T>": an async method of these returns a value.
    private static bool ReturnsAValue(MethodDeclarationSyntax method) =>
        method.ReturnType is GenericNameSyntax or QualifiedNameSyntax { Right: GenericNameSyntax } or AliasQualifiedNameSyntax { Name: GenericNameSyntax };

    public static bool IsVoid(MethodDeclarationSyntax method) =>
        method.ReturnType is PredefinedTypeSyntax predefined && predefined.Keyword.IsKind(SyntaxKind.VoidKeyword);
}
