using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace TrackerRace.CorpusScan.Projects;

/// <summary>
/// Turns a project file into a <see cref="ProjectSpec"/>. A multi-targeted project is evaluated a
/// second time as the inner build of its newest framework, as <c>dotnet build</c> would for that
/// framework, so conditions on <c>$(TargetFramework)</c> pick the right files and constants.
/// </summary>
public static partial class ProjectReader
{
    private static readonly TargetFramework Fallback = TargetFramework.TryParse("net10.0")!;

    public static ProjectSpec Read(string projectPath)
    {
        var outer = ProjectEvaluator.Evaluate(projectPath);
        var notes = new List<string>();
        var project = outer;
        TargetFramework? framework;
        if (outer.Property("TargetFramework") is { Length: > 0 } single)
        {
            framework = TargetFramework.TryParse(single);
        }
        else if (outer.Property("TargetFrameworks") is { Length: > 0 } several)
        {
            framework = TargetFramework.Newest(several.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(TargetFramework.TryParse).OfType<TargetFramework>());
            if (framework is not null)
            {
                project = ProjectEvaluator.Evaluate(projectPath, new Dictionary<string, string> { ["TargetFramework"] = framework.Moniker });
            }
        }
        else
        {
            framework = TargetFramework.FromFrameworkVersion(outer.Property("TargetFrameworkVersion"));
        }

        if (framework is null)
        {
            notes.Add("no target framework read; compiled as net10.0");
            framework = Fallback;
        }

        notes.AddRange(project.Notes);
        var languageVersion = project.Property("LangVersion").Equals("preview", StringComparison.OrdinalIgnoreCase) ? LanguageVersion.Preview : LanguageVersion.Latest;
        return new ProjectSpec
        {
            FullPath = project.FullPath,
            AssemblyName = project.Property("AssemblyName") is { Length: > 0 } name ? name : Path.GetFileNameWithoutExtension(project.FullPath),
            TargetFramework = framework,
            OutputKind = project.Property("OutputType").ToLowerInvariant() switch
            {
                "exe" => OutputKind.ConsoleApplication,
                "winexe" => OutputKind.WindowsApplication,
                _ => OutputKind.DynamicallyLinkedLibrary,
            },
            LanguageVersion = languageVersion,
            Nullable = project.Property("Nullable").ToLowerInvariant() switch
            {
                "enable" => NullableContextOptions.Enable,
                "warnings" => NullableContextOptions.Warnings,
                "annotations" => NullableContextOptions.Annotations,
                _ => NullableContextOptions.Disable,
            },
            PreprocessorSymbols = framework.PreprocessorSymbols()
                .Concat(["RELEASE", "TRACE"])
                .Concat(project.Property("DefineConstants").Split(';', ',').Select(s => s.Trim()).Where(s => PlainSymbol().IsMatch(s)))
                .Distinct(StringComparer.Ordinal)
                .ToList(),
            SourceFiles = project.ItemsOf("Compile").Select(i => i.Include).Where(File.Exists).Distinct(StringComparer.Ordinal).ToList(),
            ProjectReferences = project.ItemsOf("ProjectReference")
                .Where(r => !IsFalse(r["ReferenceOutputAssembly"]) && !string.Equals(r["OutputItemType"], "Analyzer", StringComparison.OrdinalIgnoreCase))
                .Select(r => r.Include)
                .Distinct(StringComparer.Ordinal)
                .ToList(),
            PackageReferences = PackageReferences(project),
            UsesAspNetCore = project.Sdks.Contains(ImplicitUsings.WebSdk, StringComparer.OrdinalIgnoreCase)
                || project.ItemsOf("FrameworkReference").Any(f => string.Equals(f.Include, "Microsoft.AspNetCore.App", StringComparison.OrdinalIgnoreCase)),
            Usings = project.ItemsOf("Using")
                .Select(u => new UsingDirective(u.Include, u["Alias"], string.Equals(u["Static"], "true", StringComparison.OrdinalIgnoreCase)))
                .Distinct()
                .ToList(),
            InternalsVisibleTo = project.ItemsOf("InternalsVisibleTo").Select(i => (i.Include, i["Key"])).Distinct().ToList(),
            UnresolvedItems = project.UnresolvedItems,
            UnresolvedConditions = project.UnresolvedConditions,
            Notes = notes,
        };
    }

    private static List<PackageRef> PackageReferences(EvaluatedProject project)
    {
        // Central package management: the version is in Directory.Packages.props unless the reference overrides it.
        var central = project.ItemsOf("PackageVersion")
            .GroupBy(v => v.Include, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Last()["Version"], StringComparer.OrdinalIgnoreCase);
        return project.ItemsOf("PackageReference")
            .GroupBy(r => r.Include, StringComparer.OrdinalIgnoreCase)
            .Select(g => g.Last())
            .Select(r => new PackageRef(r.Include, r["VersionOverride"] ?? r["Version"] ?? central.GetValueOrDefault(r.Include)))
            .ToList();
    }

    private static bool IsFalse(string? value) => string.Equals(value, "false", StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex PlainSymbol();
}
