using TrackerRace.CorpusScan.Analysis;
using TrackerRace.CorpusScan.Corpus;

namespace TrackerRace.CorpusScan.Tests;

/// <summary>The fixture corpus scanned once, with binding measured, shared by the tests that read a scan's result.</summary>
public sealed class ScannedFixture : IAsyncLifetime
{
    internal FixtureCorpus Corpus { get; } = new();

    public ScanResult Result { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        using var analyzers = AnalyzerSet.Load(AnalyzerUnderTest.Path);
        var codeBases = CodeBaseLocator.Locate([Corpus.CorpusDirectory], Manifest.Empty, []);
        Result = await Scanner.ScanAsync(
            codeBases,
            analyzers,
            new ScanSettings { MeasureBinding = true, NuGetPackages = Corpus.NuGetPackages },
            progress: null,
            CancellationToken.None);
    }

    public Task DisposeAsync()
    {
        Corpus.Dispose();
        return Task.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class ScannedFixtureDefinition : ICollectionFixture<ScannedFixture>
{
    public const string Name = "scanned fixture corpus";
}
