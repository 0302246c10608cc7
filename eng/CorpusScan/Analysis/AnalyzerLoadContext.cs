using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;

namespace TrackerRace.CorpusScan.Analysis;

/// <summary>
/// Loads analyzer assemblies into their own load context, as the compiler server and the IDE do:
/// two scans of differently extracted packages do not collide, while Roslyn and the runtime come from
/// this host, so the analyzer built on Roslyn 4.8 binds to the newer Roslyn that runs it.
/// </summary>
public sealed class AnalyzerLoadContext() : AssemblyLoadContext("TrackerRace.CorpusScan.Analyzers"), IAnalyzerAssemblyLoader
{
    private readonly Dictionary<string, string> dependencies = new(StringComparer.OrdinalIgnoreCase);

    public void AddDependencyLocation(string fullPath) => dependencies.TryAdd(Path.GetFileNameWithoutExtension(fullPath), fullPath);

    public Assembly LoadFromPath(string fullPath) => LoadFromAssemblyPath(fullPath);

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        var name = assemblyName.Name ?? "";
        if (IsHostAssembly(name))
        {
            return null;
        }

        return dependencies.TryGetValue(name, out var path) ? LoadFromAssemblyPath(path) : null;
    }

    // Falling back to the default context (null) shares these with the host: one Roslyn, one runtime.
    private static bool IsHostAssembly(string name) =>
        name.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal)
        || name.StartsWith("System.", StringComparison.Ordinal)
        || name is "System" or "mscorlib" or "netstandard";
}
