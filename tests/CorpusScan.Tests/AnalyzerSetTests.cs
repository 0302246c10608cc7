using System.IO.Compression;
using TrackerRace.CorpusScan.Analysis;

namespace TrackerRace.CorpusScan.Tests;

public sealed class AnalyzerSetTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    private string Package(string name, params (string Entry, string File)[] entries)
    {
        var path = Path.Combine(folder.Path, name);
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        var nuspec = zip.CreateEntry("TrackerRace.Analyzers.nuspec");
        using (var writer = new StreamWriter(nuspec.Open()))
        {
            writer.Write("<package><metadata><id>TrackerRace.Analyzers</id><version>9.8.7</version></metadata></package>");
        }

        foreach (var (entry, file) in entries)
        {
            zip.CreateEntryFromFile(file, entry);
        }

        return path;
    }

    [Fact]
    public void Loads_the_rules_from_the_analyzers_folder_of_a_package()
    {
        var package = Package("TrackerRace.Analyzers.9.8.7.nupkg", ("analyzers/dotnet/cs/TrackerRace.Analyzers.dll", AnalyzerUnderTest.Path));

        using var analyzers = AnalyzerSet.Load(package);

        Assert.Equal(AnalyzerUnderTest.DeclaredRuleIds(), analyzers.Rules.Select(r => r.Id).ToArray());
        Assert.Equal("9.8.7", analyzers.Version);
        Assert.Equal(package, analyzers.Source);
    }

    [Fact]
    public void Refuses_a_package_without_our_analyzer_assembly()
    {
        var package = Package("Other.1.0.0.nupkg", ("lib/netstandard2.0/TrackerRace.Analyzers.dll", AnalyzerUnderTest.Path));

        var error = Assert.Throws<BadInputException>(() => AnalyzerSet.Load(package));

        Assert.Contains("--analyzers: no TrackerRace.Analyzers.dll", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Takes_the_newest_package_of_the_repository_by_default()
    {
        folder.Write("Analyzers.sln", "");
        folder.Write("artifacts/packages/TrackerRace.Analyzers.0.9.0.nupkg", "");
        folder.Write("artifacts/packages/TrackerRace.Analyzers.0.10.0.nupkg", "");
        folder.Write("artifacts/packages/TrackerRace.Analyzers.CodeFixes.1.0.0.nupkg", "");
        var below = Path.Combine(folder.Path, "eng", "CorpusScan");
        Directory.CreateDirectory(below);

        var package = AnalyzerSet.DefaultPackage([below]);

        Assert.Equal("TrackerRace.Analyzers.0.10.0.nupkg", Path.GetFileName(package));
    }

    [Fact]
    public void Says_how_to_pack_when_the_repository_has_no_package()
    {
        folder.Write("Analyzers.sln", "");

        var error = Assert.Throws<BadInputException>(() => AnalyzerSet.DefaultPackage([folder.Path]));

        Assert.Contains(AnalyzerSet.PackCommand, error.Message, StringComparison.Ordinal);
    }
}
