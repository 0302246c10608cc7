using System.Linq;
using Microsoft.CodeAnalysis;

namespace TrackerRace.Analyzers.Model;

/// <summary>The types the rules recognise, resolved once per compilation; any may be missing.</summary>
internal sealed class KnownSymbols
{
    private static readonly string[] TestAssemblySuffixes = { ".Tests", ".Test", ".UnitTests", ".IntegrationTests", ".Specs" };

    private KnownSymbols(Compilation compilation)
    {
        this.PendingWorkAttribute = compilation.GetTypeByMetadataName("TrackerRace.Annotations.PendingWorkAttribute");
        this.TeardownAttribute = compilation.GetTypeByMetadataName("TrackerRace.Annotations.TeardownAttribute");
        this.DispatchAttribute = compilation.GetTypeByMetadataName("TrackerRace.Annotations.DispatchAttribute");
        this.GuardedByAttribute = compilation.GetTypeByMetadataName("TrackerRace.Annotations.GuardedByAttribute");
        // By its test framework; by the name test projects go by when a reference could not be resolved (a partial build).
        this.IsTestAssembly = compilation.ReferencedAssemblyNames.Any(r => r.Name is "xunit.core" or "xunit.v3.core" or "nunit.framework" or "Microsoft.VisualStudio.TestPlatform.TestFramework" or "MSTest.TestFramework")
            || (compilation.AssemblyName is { } name && TestAssemblySuffixes.Any(suffix => name.EndsWith(suffix, System.StringComparison.OrdinalIgnoreCase)));
    }

    public INamedTypeSymbol? PendingWorkAttribute { get; }

    public INamedTypeSymbol? TeardownAttribute { get; }

    public INamedTypeSymbol? DispatchAttribute { get; }

    public INamedTypeSymbol? GuardedByAttribute { get; }

    /// <summary>The code is a test project's (it references xUnit, NUnit or MSTest): its harnesses end with the test.</summary>
    public bool IsTestAssembly { get; }

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
