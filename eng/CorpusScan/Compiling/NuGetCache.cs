using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;
using TrackerRace.CorpusScan.Projects;

namespace TrackerRace.CorpusScan.Compiling;

/// <summary>
/// Package references from the local NuGet cache only (<c>~/.nuget/packages/&lt;id&gt;/&lt;version&gt;/lib/&lt;tfm&gt;</c>):
/// the tool never restores. A package not there is reported missing and the compilation goes on
/// without it; its types then bind to error types, which the rules' evidence checks tolerate.
/// Only direct references are read, not their dependencies.
/// </summary>
public sealed class NuGetCache(string root)
{
    // The tool compiles against the net10.0 reference pack, so a package's lib folder must be usable from net10.0.
    private static readonly TargetFramework Net10 = TargetFramework.TryParse("net10.0")!;

    private readonly ConcurrentDictionary<(string Id, string Version), IReadOnlyList<MetadataReference>?> resolved = new();

    public string Root { get; } = root;

    public static string DefaultRoot() =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    /// <summary>The package's compile assemblies, or null if the package is not in the cache.</summary>
    public IReadOnlyList<MetadataReference>? Resolve(PackageRef package)
    {
        if (package.Version is not { Length: > 0 } version)
        {
            return null;
        }

        return resolved.GetOrAdd((package.Id.ToLowerInvariant(), version), key => Load(key.Id, key.Version));
    }

    private List<MetadataReference>? Load(string id, string version)
    {
        var packageFolder = Path.Combine(Root, id);
        if (!Directory.Exists(packageFolder) || VersionFolder(packageFolder, version) is not { } versionFolder)
        {
            return null;
        }

        var lib = Path.Combine(versionFolder, "lib");
        if (!Directory.Exists(lib))
        {
            // Analyzer-only and build-only packages have nothing to compile against; they are present, not missing.
            return [];
        }

        var best = Directory.EnumerateDirectories(lib)
            .Select(d => (Folder: d, Framework: TargetFramework.TryParse(Path.GetFileName(d))))
            .Where(c => c.Framework is { Platform: null } f && f.Identifier != TargetFramework.NetFramework && Net10.CanReference(f))
            .Select(c => (c.Folder, Framework: c.Framework!))
            .OrderByDescending(c => c.Framework.Identifier == TargetFramework.NetCoreApp ? 1 : 0)
            .ThenByDescending(c => c.Framework.Version)
            .Select(c => c.Folder)
            .FirstOrDefault();
        var folder = best ?? (Directory.EnumerateFiles(lib, "*.dll").Any() ? lib : null);
        return folder is null
            ? []
            : Directory.EnumerateFiles(folder, "*.dll")
                .Where(f => !ReferencePacks.NetCoreFileNames.Contains(Path.GetFileName(f)))
                .Order(StringComparer.Ordinal)
                .Select(f => (MetadataReference)MetadataReference.CreateFromFile(f))
                .ToList();
    }

    /// <summary>The folder of an exact version (NuGet lowercases and normalizes it: 1.0 is 1.0.0), a range's lower bound, or the newest match of a floating version.</summary>
    private static string? VersionFolder(string packageFolder, string version)
    {
        var text = version.Trim().ToLowerInvariant();
        if (text.StartsWith('[') || text.StartsWith('('))
        {
            text = text.Trim('[', '(', ']', ')').Split(',')[0].Trim();
        }

        if (text.Contains('*', StringComparison.Ordinal))
        {
            var prefix = text[..text.IndexOf('*', StringComparison.Ordinal)];
            return Directory.EnumerateDirectories(packageFolder)
                .Where(d => Path.GetFileName(d).StartsWith(prefix, StringComparison.Ordinal))
                .OrderByDescending(d => Version.TryParse(Path.GetFileName(d).Split('-')[0], out var v) ? v : new Version())
                .FirstOrDefault();
        }

        foreach (var candidate in new[] { text, Normalize(text) })
        {
            var folder = Path.Combine(packageFolder, candidate);
            if (Directory.Exists(folder))
            {
                return folder;
            }
        }

        return null;
    }

    private static string Normalize(string version)
    {
        var dash = version.IndexOf('-', StringComparison.Ordinal);
        var release = dash >= 0 ? version[..dash] : version;
        var suffix = dash >= 0 ? version[dash..] : "";
        var parts = release.Split('.').ToList();
        while (parts.Count < 3)
        {
            parts.Add("0");
        }

        if (parts.Count == 4 && parts[3] == "0")
        {
            parts.RemoveAt(3);
        }

        return string.Join('.', parts) + suffix;
    }
}
