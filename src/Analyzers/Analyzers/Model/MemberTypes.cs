using Microsoft.CodeAnalysis;

namespace TrackerRace.Analyzers.Model;

/// <summary>The type a field or property holds.</summary>
internal static class MemberTypes
{
    public static ITypeSymbol? Of(ISymbol member) => member switch
    {
        IFieldSymbol field => field.Type,
        IPropertySymbol property => property.Type,
        _ => null,
    };
}
