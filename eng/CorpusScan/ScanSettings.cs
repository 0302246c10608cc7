using TrackerRace.CorpusScan.Compiling;

namespace TrackerRace.CorpusScan;

/// <summary>How to scan, with the defaults the command line uses.</summary>
public sealed record ScanSettings
{
    /// <summary>Count every severity, not only what a build shows (Warning and Error).</summary>
    public bool AllTiers { get; init; }

    /// <summary>Also time <c>compilation.GetDiagnostics()</c>, to put the rules' cost next to the compiler's.</summary>
    public bool MeasureBinding { get; init; }

    /// <summary>Globs relative to each code base root; matching projects and files are skipped.</summary>
    public IReadOnlyList<string> Exclude { get; init; } = [];

    /// <summary>The NuGet cache that package references are read from; never restored into.</summary>
    public string NuGetPackages { get; init; } = NuGetCache.DefaultRoot();
}
