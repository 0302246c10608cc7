using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace TrackerRace.Analyzers.CodeFixes;

/// <summary>A field or property of the component that evidently holds pending work, and how to ask it "are you empty?".</summary>
internal sealed class PendingWorkMember
{
    private PendingWorkMember(ISymbol member, string emptyTest, string busyTest)
    {
        this.Member = member;
        this.EmptyTest = emptyTest;
        this.BusyTest = busyTest;
    }

    public ISymbol Member { get; }

    /// <summary>C# for "this member holds no work", e.g. <c>pending.IsEmpty</c> or <c>queue.Count == 0</c>.</summary>
    public string EmptyTest { get; }

    /// <summary>C# for "this member holds work", e.g. <c>!pending.IsEmpty</c> or <c>queue.Count &gt; 0</c>.</summary>
    public string BusyTest { get; }

    /// <summary>
    /// Instance fields and properties of <paramref name="type"/> whose type exposes <c>bool IsEmpty</c> or
    /// <c>int Count</c>, except those the type touches inside a <c>lock</c>: a check inserted outside that
    /// lock would read them unguarded, which is TRK003's finding, not a fix.
    /// </summary>
    public static IEnumerable<PendingWorkMember> Find(INamedTypeSymbol type)
    {
        var locked = NamesUsedUnderLock(type);
        foreach (var member in type.GetMembers().Where(m => !m.IsStatic && !m.IsImplicitlyDeclared && !locked.Contains(m.Name)))
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
                yield return new PendingWorkMember(member, $"{member.Name}.IsEmpty", $"!{member.Name}.IsEmpty");
            }
            else if (HasProperty(memberType, "Count", SpecialType.System_Int32))
            {
                yield return new PendingWorkMember(member, $"{member.Name}.Count == 0", $"{member.Name}.Count > 0");
            }
        }
    }

    private static HashSet<string> NamesUsedUnderLock(INamedTypeSymbol type)
    {
        var names = new HashSet<string>();
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            foreach (var lockStatement in reference.GetSyntax().DescendantNodes().OfType<LockStatementSyntax>())
            {
                names.UnionWith(lockStatement.Statement.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().Select(n => n.Identifier.ValueText));
            }
        }

        return names;
    }

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
