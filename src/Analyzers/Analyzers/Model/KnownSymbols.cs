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
        this.Monitor = compilation.GetTypeByMetadataName("System.Threading.Monitor");
        this.SemaphoreSlim = compilation.GetTypeByMetadataName("System.Threading.SemaphoreSlim");
        this.Lock = compilation.GetTypeByMetadataName("System.Threading.Lock");
        this.CancellationTokenSource = compilation.GetTypeByMetadataName("System.Threading.CancellationTokenSource");
    }

    public INamedTypeSymbol? PendingWorkAttribute { get; }

    public INamedTypeSymbol? TeardownAttribute { get; }

    public INamedTypeSymbol? DispatchAttribute { get; }

    public INamedTypeSymbol? GuardedByAttribute { get; }

    public INamedTypeSymbol? Monitor { get; }

    public INamedTypeSymbol? SemaphoreSlim { get; }

    public INamedTypeSymbol? Lock { get; }

    public INamedTypeSymbol? CancellationTokenSource { get; }

    public static KnownSymbols Resolve(Compilation compilation) => new(compilation);

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
