using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace TrackerRace.CorpusScan.Projects;

/// <summary>Everything one in-memory compilation of a project needs, read from its project file.</summary>
public sealed record ProjectSpec
{
    public required string FullPath { get; init; }

    public string Directory => Path.GetDirectoryName(FullPath)!;

    public required string AssemblyName { get; init; }

    /// <summary>The framework whose symbols the compilation uses (the newest of a multi-targeted project).</summary>
    public required TargetFramework TargetFramework { get; init; }

    public required OutputKind OutputKind { get; init; }

    public required LanguageVersion LanguageVersion { get; init; }

    public required NullableContextOptions Nullable { get; init; }

    public required IReadOnlyList<string> PreprocessorSymbols { get; init; }

    public required IReadOnlyList<string> SourceFiles { get; init; }

    public required IReadOnlyList<string> ProjectReferences { get; init; }

    public required IReadOnlyList<PackageRef> PackageReferences { get; init; }

    public required bool UsesAspNetCore { get; init; }

    public required IReadOnlyList<UsingDirective> Usings { get; init; }

    public required IReadOnlyList<(string Assembly, string? Key)> InternalsVisibleTo { get; init; }

    public required int UnresolvedItems { get; init; }

    public required int UnresolvedConditions { get; init; }

    public required IReadOnlyList<string> Notes { get; init; }
}
