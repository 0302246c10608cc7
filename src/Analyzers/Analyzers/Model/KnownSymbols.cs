using Microsoft.CodeAnalysis;

namespace TrackerRace.Analyzers.Model;

/// <summary>The types the rules recognise, resolved once per compilation; any may be missing.</summary>
internal sealed class KnownSymbols
{
    private KnownSymbols(Compilation compilation)
    {
        this.PendingWorkAttribute = compilation.GetTypeByMetadataName("TrackerRace.Annotations.PendingWorkAttribute");
        this.TeardownAttribute = compilation.GetTypeByMetadataName("TrackerRace.Annotations.TeardownAttribute");
        this.DispatchAttribute = compilation.GetTypeByMetadataName("TrackerRace.Annotations.DispatchAttribute");
        this.GuardedByAttribute = compilation.GetTypeByMetadataName("TrackerRace.Annotations.GuardedByAttribute");
    }

    public INamedTypeSymbol? PendingWorkAttribute { get; }

    public INamedTypeSymbol? TeardownAttribute { get; }

    public INamedTypeSymbol? DispatchAttribute { get; }

    public INamedTypeSymbol? GuardedByAttribute { get; }

    public static KnownSymbols Resolve(Compilation compilation) => new(compilation);

    /// <summary>
    /// True if <paramref name="type"/> is <c>System.Threading.{name}</c>. Compared by name, not by
    /// <c>GetTypeByMetadataName</c>: reference packs define some of these types in more than one
    /// assembly, and then that lookup returns null.
    /// </summary>
    public static bool IsThreadingType(ITypeSymbol? type, string name) =>
        type is { ContainingNamespace: { Name: "Threading", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } }
        && type.Name == name
        && type.ContainingType is null;

    public static AttributeData? Find(ISymbol symbol, INamedTypeSymbol? attribute)
    {
        if (attribute is null)
        {
            return null;
        }

        foreach (var data in symbol.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(data.AttributeClass, attribute))
            {
                return data;
            }
        }

        return null;
    }
}
