using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace TrackerRace.Analyzers.CodeFixes;

/// <summary>A field or property of the component that evidently holds pending work, and how to ask it "are you empty?".</summary>
internal sealed class PendingWorkMember
{
    private PendingWorkMember(ISymbol member, bool hasIsEmpty)
    {
        this.Member = member;
        this.hasIsEmpty = hasIsEmpty;
    }

    private readonly bool hasIsEmpty;

    public ISymbol Member { get; }

    /// <summary>C# for "this member holds no work" inside <paramref name="method"/>, e.g. <c>pending.IsEmpty</c> or <c>queue.Count == 0</c>.</summary>
    public string EmptyTestIn(SyntaxNode method) =>
        this.hasIsEmpty ? $"{ComponentMember.Access(this.Member.Name, method)}.IsEmpty" : $"{ComponentMember.Access(this.Member.Name, method)}.Count == 0";

    /// <summary>C# for "this member holds work" inside <paramref name="method"/>, e.g. <c>!pending.IsEmpty</c> or <c>queue.Count &gt; 0</c>.</summary>
    public string BusyTestIn(SyntaxNode method) =>
        this.hasIsEmpty ? $"!{ComponentMember.Access(this.Member.Name, method)}.IsEmpty" : $"{ComponentMember.Access(this.Member.Name, method)}.Count > 0";

    /// <summary>
    /// Instance fields and properties of <paramref name="type"/> whose type exposes <c>bool IsEmpty</c> or
    /// <c>int Count</c>, except those the type touches under a guard (a <c>lock</c>, <c>Monitor.Enter</c>,
    /// a <c>SemaphoreSlim</c> or a <c>Lock</c>): a check inserted outside that guard would read them
    /// unguarded, which is TRK003's finding, not a fix.
    /// </summary>
    public static IEnumerable<PendingWorkMember> Find(INamedTypeSymbol type, Compilation compilation, CancellationToken cancellationToken)
    {
        var guarded = NamesUsedUnderAGuard(type, compilation, cancellationToken);
        foreach (var member in type.GetMembers().Where(m => !m.IsStatic && !m.IsImplicitlyDeclared && !guarded.Contains(m.Name)))
        {
            var memberType = member switch
            {
                IFieldSymbol field => field.Type,
                IPropertySymbol { IsIndexer: false } property => property.Type,
                _ => null,
            };
            if (memberType is null)
            {
                continue;
            }

            if (HasProperty(memberType, "IsEmpty", SpecialType.System_Boolean))
            {
                yield return new PendingWorkMember(member, hasIsEmpty: true);
            }
            else if (HasProperty(memberType, "Count", SpecialType.System_Int32))
            {
                yield return new PendingWorkMember(member, hasIsEmpty: false);
            }
        }
    }

    // Names in a lock statement's body, and every name in a member that takes a guard by a call: where such a
    // guard is released is not visible from the syntax, so the whole member counts.
    private static HashSet<string> NamesUsedUnderAGuard(INamedTypeSymbol type, Compilation compilation, CancellationToken cancellationToken)
    {
        var names = new HashSet<string>();
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            var declaration = reference.GetSyntax(cancellationToken);
            foreach (var lockStatement in declaration.DescendantNodes().OfType<LockStatementSyntax>())
            {
                names.UnionWith(NamesIn(lockStatement.Statement));
            }

            var model = compilation.GetSemanticModel(reference.SyntaxTree);
            foreach (var member in declaration.DescendantNodes().OfType<MemberDeclarationSyntax>().Where(m => m is BaseMethodDeclarationSyntax or PropertyDeclarationSyntax or IndexerDeclarationSyntax))
            {
                if (member.DescendantNodes().OfType<InvocationExpressionSyntax>().Any(call => GuardLock.IsAcquireCall(model.GetSymbolInfo(call, cancellationToken).Symbol as IMethodSymbol)))
                {
                    names.UnionWith(NamesIn(member));
                }
            }
        }

        return names;
    }

    private static IEnumerable<string> NamesIn(SyntaxNode node) =>
        node.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().Select(n => n.Identifier.ValueText);

    private static bool HasProperty(ITypeSymbol type, string name, SpecialType propertyType)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (current.GetMembers(name).OfType<IPropertySymbol>().Any(p => p.Type.SpecialType == propertyType && p.DeclaredAccessibility == Accessibility.Public))
            {
                return true;
            }
        }

        // An interface's members come from its bases; a class's explicit implementations (an array's ICollection.Count) are not callable by name.
        return type.TypeKind == TypeKind.Interface
            && type.AllInterfaces.Any(i => i.GetMembers(name).OfType<IPropertySymbol>().Any(p => p.Type.SpecialType == propertyType));
    }
}
