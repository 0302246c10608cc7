using Microsoft.CodeAnalysis;

namespace TrackerRace.CorpusScan.Compiling;

/// <summary>
/// The framework reference assemblies of the SDK this tool runs on
/// (<c>&lt;dotnet root&gt;/packs/Microsoft.NETCore.App.Ref/&lt;newest&gt;/ref/net*/</c>, and the ASP.NET Core pack).
/// Loaded once per process: metadata is immutable and shared by every compilation.
/// </summary>
public static class ReferencePacks
{
    public const string NetCorePack = "Microsoft.NETCore.App.Ref";
    public const string AspNetCorePack = "Microsoft.AspNetCore.App.Ref";

    private static readonly Lazy<IReadOnlyList<MetadataReference>> NetCore = new(() => Load(NetCorePack));
    private static readonly Lazy<IReadOnlyList<MetadataReference>> AspNetCore = new(() => Load(AspNetCorePack));

    public static IReadOnlyList<MetadataReference> NetCoreReferences => NetCore.Value;

    public static IReadOnlyList<MetadataReference> AspNetCoreReferences => AspNetCore.Value;

    /// <summary>The file names of the framework assemblies; a package's copy of one of them is left out, as the SDK's conflict resolution does.</summary>
    public static IReadOnlySet<string> NetCoreFileNames => NetCoreNames.Value;

    private static readonly Lazy<IReadOnlySet<string>> NetCoreNames = new(() =>
        NetCore.Value.Select(r => Path.GetFileName(r.Display ?? "")).ToHashSet(StringComparer.OrdinalIgnoreCase));

    public static string DotnetRoot()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_ROOT") is { Length: > 0 } fromEnvironment && Directory.Exists(Path.Combine(fromEnvironment, "packs")))
        {
            return fromEnvironment;
        }

        // The running runtime lives in <root>/shared/Microsoft.NETCore.App/<version>/.
        var runtime = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        return Path.GetFullPath(Path.Combine(runtime, "..", "..", ".."));
    }

    private static List<MetadataReference> Load(string pack)
    {
        var packFolder = Path.Combine(DotnetRoot(), "packs", pack);
        var newest = Directory.Exists(packFolder)
            ? Directory.EnumerateDirectories(packFolder).OrderByDescending(d => Version.TryParse(Path.GetFileName(d).Split('-')[0], out var v) ? v : new Version()).FirstOrDefault()
            : null;
        var refFolder = newest is null ? null : Directory.EnumerateDirectories(Path.Combine(newest, "ref"), "net*")
            .OrderByDescending(d => Projects.TargetFramework.TryParse(Path.GetFileName(d))?.Version ?? new Version())
            .FirstOrDefault();
        if (refFolder is null)
        {
            throw new BadInputException($"no reference pack {pack} under {packFolder}: this tool needs the .NET SDK's reference packs (set DOTNET_ROOT to the SDK's root).");
        }

        return Directory.EnumerateFiles(refFolder, "*.dll").Order(StringComparer.Ordinal).Select(f => (MetadataReference)MetadataReference.CreateFromFile(f)).ToList();
    }
}
