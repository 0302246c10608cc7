namespace TrackerRace.CorpusScan.Tests;

/// <summary>The TrackerRace.Analyzers.dll of this build, copied next to the tests by the project file.</summary>
internal static class AnalyzerUnderTest
{
    public static string Path { get; } = System.IO.Path.Combine(AppContext.BaseDirectory, "analyzer-under-test", "TrackerRace.Analyzers.dll");

    /// <summary>
    /// The rule ids the analyzer's release tracking declares (AnalyzerReleases.Shipped.md and .Unshipped.md), in order:
    /// what a scan must load, read from the declaration rather than written out again here.
    /// </summary>
    public static string[] DeclaredRuleIds()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(System.IO.Path.Combine(folder.FullName, "Analyzers.sln")))
        {
            folder = folder.Parent;
        }

        var analyzers = System.IO.Path.Combine(folder?.FullName ?? throw new DirectoryNotFoundException($"No Analyzers.sln above {AppContext.BaseDirectory}."), "src", "Analyzers", "Analyzers");
        return Directory.GetFiles(analyzers, "AnalyzerReleases.*.md")
            .SelectMany(File.ReadLines)
            .Select(line => System.Text.RegularExpressions.Regex.Match(line, @"^(TRK\d{3})\s*\|"))
            .Where(m => m.Success)
            .Select(m => m.Groups[1].Value)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToArray();
    }
}
