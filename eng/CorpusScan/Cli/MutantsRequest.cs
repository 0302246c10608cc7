namespace TrackerRace.CorpusScan.Cli;

/// <summary>What <c>mutants</c> was asked to do, as parsed from the command line.</summary>
public sealed record MutantsRequest
{
    public string? Mutants { get; init; }

    public string? Manifest { get; init; }

    public string? Analyzers { get; init; }

    public IReadOnlyCollection<string> CodeBases { get; init; } = [];

    public IReadOnlyCollection<string> Ids { get; init; } = [];

    public bool Verbose { get; init; }

    public string NuGetPackages { get; init; } = Compiling.NuGetCache.DefaultRoot();
}
