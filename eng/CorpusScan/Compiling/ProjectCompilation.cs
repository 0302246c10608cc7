using Microsoft.CodeAnalysis.CSharp;
using TrackerRace.CorpusScan.Projects;

namespace TrackerRace.CorpusScan.Compiling;

/// <summary>A project's in-memory compilation and what was missing when it was put together.</summary>
public sealed record ProjectCompilation(
    ProjectSpec Spec,
    CSharpCompilation Compilation,
    IReadOnlyList<string> MissingPackages,
    int SourceFiles,
    IReadOnlyList<string> Notes,
    TimeSpan ParseTime);
