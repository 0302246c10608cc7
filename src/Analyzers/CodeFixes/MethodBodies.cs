using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace TrackerRace.Analyzers.CodeFixes;

/// <summary>Inserting a statement at the top of a method, turning an expression body into a block when needed.</summary>
internal static class MethodBodies
{
    public static MethodDeclarationSyntax? Prepend(MethodDeclarationSyntax method, StatementSyntax statement)
    {
        if (method.Body is { } body)
        {
            return method.WithBody(body.WithStatements(body.Statements.Insert(0, statement)));
        }

        // Only a void or async method's expression body can become a plain statement without changing what it returns.
        if (method.ExpressionBody is { } arrow && (IsVoid(method) || method.Modifiers.Any(m => m.IsKind(SyntaxKind.AsyncKeyword))))
        {
            return AsBlock(method, SyntaxFactory.Block(statement, SyntaxFactory.ExpressionStatement(arrow.Expression)));
        }

        return null;
    }

    /// <summary>Replaces an expression body by <paramref name="block"/>, keeping the line break that followed the old semicolon.</summary>
    public static MethodDeclarationSyntax AsBlock(MethodDeclarationSyntax method, BlockSyntax block) =>
        method
            .WithExpressionBody(null)
            .WithSemicolonToken(default)
            .WithParameterList(method.ParameterList.WithTrailingTrivia(SyntaxFactory.ElasticCarriageReturnLineFeed))
            .WithBody(block.WithCloseBraceToken(block.CloseBraceToken.WithTrailingTrivia(method.SemicolonToken.TrailingTrivia)));

    public static bool IsVoid(MethodDeclarationSyntax method) =>
        method.ReturnType is PredefinedTypeSyntax predefined && predefined.Keyword.IsKind(SyntaxKind.VoidKeyword);
}
