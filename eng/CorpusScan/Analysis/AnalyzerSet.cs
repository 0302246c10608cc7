using System.Collections.Immutable;
using System.IO.Compression;
using System.Reflection;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace TrackerRace.CorpusScan.Analysis;

/// <summary>
/// The TrackerRace rules a scan runs, loaded from a .nupkg (its <c>analyzers/dotnet/cs/*.dll</c>,
/// extracted to a temporary folder), a folder of analyzer assemblies, or one assembly. Only the
/// <c>DiagnosticAnalyzer</c> types of the TrackerRace.Analyzers assembly are kept: a package may carry
/// other analyzers, and the scan measures ours.
/// </summary>
public sealed class AnalyzerSet : IDisposable
{
    public const string AnalyzerAssemblyName = "TrackerRace.Analyzers";
    public const string PackCommand = "dotnet pack src/Analyzers/Package -c Release -o artifacts/packages";

    private readonly string? extractedFolder;

    private AnalyzerSet(string source, ImmutableArray<DiagnosticAnalyzer> analyzers, string? extractedFolder, string? packageVersion)
    {
        Source = source;
        Analyzers = analyzers;
        this.extractedFolder = extractedFolder;
        Rules = analyzers.SelectMany(a => a.SupportedDiagnostics)
            .GroupBy(d => d.Id, StringComparer.Ordinal)
            .Select(g => g.First())
            .OrderBy(d => d.Id, StringComparer.Ordinal)
            .ToList();
        var assembly = analyzers[0].GetType().Assembly;
        Version = packageVersion
            ?? assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString()
            ?? "?";
    }

    /// <summary>Where the rules came from, for the report.</summary>
    public string Source { get; }

    public ImmutableArray<DiagnosticAnalyzer> Analyzers { get; }

    public IReadOnlyList<DiagnosticDescriptor> Rules { get; }

    /// <summary>The package's version when loaded from a .nupkg, else the assembly's.</summary>
    public string Version { get; }

    /// <summary>The rule ids an analyzer reports, joined (<c>TRK001</c>); its execution time is counted under this name.</summary>
    public static string RuleNameOf(DiagnosticAnalyzer analyzer) =>
        string.Join('+', analyzer.SupportedDiagnostics.Select(d => d.Id).Distinct().Order(StringComparer.Ordinal));

    public static AnalyzerSet Load(string path)
    {
        var full = Path.GetFullPath(path);
        if (full.EndsWith(".nupkg", StringComparison.OrdinalIgnoreCase))
        {
            if (!File.Exists(full))
            {
                throw new BadInputException($"--analyzers: package '{path}' does not exist. Pack it with `{PackCommand}`.");
            }

            var folder = Path.Combine(Path.GetTempPath(), "trackerrace-corpusscan-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            try
            {
                var version = ExtractAnalyzers(full, folder);
                return FromFiles(Directory.GetFiles(folder, "*.dll"), full, folder, version);
            }
            catch
            {
                Directory.Delete(folder, recursive: true);
                throw;
            }
        }

        if (Directory.Exists(full))
        {
            return FromFiles(Directory.GetFiles(full, "*.dll"), full, extractedFolder: null, packageVersion: null);
        }

        if (File.Exists(full))
        {
            return FromFiles([full, .. Directory.GetFiles(Path.GetDirectoryName(full)!, "*.dll")], full, extractedFolder: null, packageVersion: null);
        }

        throw new BadInputException($"--analyzers: '{path}' does not exist (expected a .nupkg, a folder of analyzer assemblies, or a .dll).");
    }

    /// <summary>
    /// The newest <c>artifacts/packages/TrackerRace.Analyzers.&lt;version&gt;.nupkg</c> of the repository
    /// that holds <paramref name="searchFrom"/> (the folder with Analyzers.sln).
    /// </summary>
    public static string DefaultPackage(IEnumerable<string> searchFrom)
    {
        var root = searchFrom.Select(RepositoryRoot).FirstOrDefault(r => r is not null)
            ?? throw new BadInputException("--analyzers: not given, and no repository root (a folder with Analyzers.sln) above the current folder; give --analyzers <package.nupkg|folder|dll>.");
        var packages = Path.Combine(root, "artifacts", "packages");
        var newest = Directory.Exists(packages)
            ? Directory.EnumerateFiles(packages, AnalyzerAssemblyName + ".*.nupkg")
                .Where(f => Path.GetFileName(f).Length > AnalyzerAssemblyName.Length + 1 && char.IsDigit(Path.GetFileName(f)[AnalyzerAssemblyName.Length + 1]))
                .OrderByDescending(f => System.Version.TryParse(PackageVersion(f), out var v) ? v : new Version())
                .ThenByDescending(File.GetLastWriteTimeUtc)
                .FirstOrDefault()
            : null;
        return newest ?? throw new BadInputException(
            $"--analyzers: not given, and no {AnalyzerAssemblyName}.*.nupkg in {packages}. Run `{PackCommand}` in {root}, or give --analyzers <package.nupkg|folder|dll>.");
    }

    public void Dispose()
    {
        if (extractedFolder is not null && Directory.Exists(extractedFolder))
        {
            Directory.Delete(extractedFolder, recursive: true);
        }
    }

    private static string? RepositoryRoot(string start)
    {
        for (var folder = new DirectoryInfo(Path.GetFullPath(start)); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Analyzers.sln")))
            {
                return folder.FullName;
            }
        }

        return null;
    }

    private static string PackageVersion(string file)
    {
        var name = Path.GetFileNameWithoutExtension(file)[(AnalyzerAssemblyName.Length + 1)..];
        var dash = name.IndexOf('-', StringComparison.Ordinal);
        return dash >= 0 ? name[..dash] : name;
    }

    /// <summary>Extracts <c>analyzers/dotnet/cs/*.dll</c>; returns the version its .nuspec states.</summary>
    private static string? ExtractAnalyzers(string package, string folder)
    {
        try
        {
            using var zip = ZipFile.OpenRead(package);
            string? version = null;
            if (zip.Entries.FirstOrDefault(e => !e.FullName.Contains('/', StringComparison.Ordinal) && e.Name.EndsWith(".nuspec", StringComparison.OrdinalIgnoreCase)) is { } nuspec)
            {
                using var stream = nuspec.Open();
                version = XDocument.Load(stream).Descendants().FirstOrDefault(e => e.Name.LocalName == "version")?.Value;
            }

            foreach (var entry in zip.Entries.Where(e =>
                e.FullName.StartsWith("analyzers/dotnet/cs/", StringComparison.OrdinalIgnoreCase)
                && e.FullName.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)
                && e.FullName.Count(c => c == '/') == 3))
            {
                entry.ExtractToFile(Path.Combine(folder, entry.Name));
            }

            return version;
        }
        catch (Exception e) when (e is InvalidDataException or System.Xml.XmlException)
        {
            throw new BadInputException($"--analyzers: '{package}' is not a readable .nupkg: {e.Message}");
        }
    }

    private static AnalyzerSet FromFiles(IReadOnlyList<string> files, string source, string? extractedFolder, string? packageVersion)
    {
        var loader = new AnalyzerLoadContext();
        var paths = files.Select(Path.GetFullPath).Distinct(StringComparer.Ordinal).ToList();
        foreach (var file in paths)
        {
            loader.AddDependencyLocation(file);
        }

        var ours = paths.Where(f => string.Equals(Path.GetFileNameWithoutExtension(f), AnalyzerAssemblyName, StringComparison.OrdinalIgnoreCase)).ToList();
        if (ours.Count == 0)
        {
            throw new BadInputException($"--analyzers: no {AnalyzerAssemblyName}.dll in '{source}'.");
        }

        var failures = new List<string>();
        var reference = new AnalyzerFileReference(ours[0], loader);
        reference.AnalyzerLoadFailed += (_, e) => failures.Add($"{e.TypeName ?? ours[0]}: {e.Message}");
        var analyzers = reference.GetAnalyzers(LanguageNames.CSharp)
            .Where(a => a.GetType().Assembly.GetName().Name == AnalyzerAssemblyName)
            .OrderBy(RuleNameOf, StringComparer.Ordinal)
            .ToImmutableArray();
        if (analyzers.IsEmpty)
        {
            var why = failures.Count > 0 ? ": " + string.Join("; ", failures) : "";
            throw new BadInputException($"--analyzers: '{source}' yields no TrackerRace analyzers{why}.");
        }

        return new AnalyzerSet(source, analyzers, extractedFolder, packageVersion);
    }
}
