using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace TrackerRace.Analyzers.Model;

/// <summary>The source a diagnostic quotes and points at: a whole <c>x?.Dispose()</c>, not its <c>.Dispose()</c> half.</summary>
internal static class Display
{
    public static SyntaxNode NodeOf(IOperation operation)
    {
        var node = operation.Syntax;
        while (node.Parent is ConditionalAccessExpressionSyntax access && access.WhenNotNull == node)
        {
            node = access;
        }

        return node;
    }

    public static string TextOf(IOperation operation) => NodeOf(operation).ToString();

    public static Location LocationOf(IOperation operation) => NodeOf(operation).GetLocation();
}
