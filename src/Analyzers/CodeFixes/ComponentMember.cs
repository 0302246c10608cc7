using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace TrackerRace.Analyzers.CodeFixes;

/// <summary>
/// C# that names one of the component's own members from inside a method: the plain name, or
/// <c>this.name</c> when a parameter, local or other declaration in the method shadows it (a check
/// of the parameter would leave the member unread), with <c>@</c> before a keyword name.
/// </summary>
internal static class ComponentMember
{
    public static string Access(string name, SyntaxNode method)
    {
        var escaped = Escape(name);
        return IsDeclaredIn(method, name) ? "this." + escaped : escaped;
    }

    public static string Escape(string name) => SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

    // Every identifier token that is not a reference declares something: parameters, locals, pattern and out variables,
    // foreach and catch variables, local functions, query variables, labels.
    private static bool IsDeclaredIn(SyntaxNode method, string name) =>
        method.DescendantTokens().Any(t => t.IsKind(SyntaxKind.IdentifierToken) && t.ValueText == name && t.Parent is not (IdentifierNameSyntax or GenericNameSyntax));
}
