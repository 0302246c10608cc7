using TrackerRace.CorpusScan.Analysis;
using TrackerRace.CorpusScan.Corpus;

namespace TrackerRace.CorpusScan.Tests;

public sealed class ExcludeTests : IDisposable
{
    private readonly FixtureCorpus corpus = new();

    public void Dispose() => corpus.Dispose();

    [Fact]
    public async Task Skips_projects_and_files_matching_an_exclude_glob()
    {
        using var analyzers = AnalyzerSet.Load(AnalyzerUnderTest.Path);
        var codeBases = CodeBaseLocator.Locate([corpus.CorpusDirectory], Manifest.Empty, []);
        var settings = new ScanSettings { Exclude = ["src/App/**", "**/Inbox.cs"], NuGetPackages = corpus.NuGetPackages };

        var result = await Scanner.ScanAsync(codeBases, analyzers, settings, progress: null, CancellationToken.None);

        var project = Assert.Single(Assert.Single(result.CodeBases).Projects);
        Assert.Equal(("src/Core/Core.csproj", 3), (project.Path, project.Files));
        Assert.Equal([FixtureCorpus.File("Mailbox"), FixtureCorpus.File("Outbox")], result.Findings.Select(f => f.Position.Path).ToArray());
    }
}
