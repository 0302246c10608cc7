namespace TrackerRace.CorpusScan.Cli;

/// <summary>The <c>scan</c> command's arguments, as given.</summary>
public sealed record ScanRequest
{
    public IReadOnlyList<string> CorpusDirectories { get; init; } = [];

    public string? Analyzers { get; init; }

    public string? Manifest { get; init; }

    public string? Labels { get; init; }

    public string? WriteUnlabelled { get; init; }

    public string? Sarif { get; init; }

    public IReadOnlyList<string> CodeBases { get; init; } = [];

    public ScanSettings Settings { get; init; } = new();
}
