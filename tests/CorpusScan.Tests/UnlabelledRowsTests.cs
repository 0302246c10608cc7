using TrackerRace.CorpusScan.Labels;

namespace TrackerRace.CorpusScan.Tests;

[Collection(ScannedFixtureDefinition.Name)]
public sealed class UnlabelledRowsTests(ScannedFixture fixture) : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void Appends_findings_as_pending_rows_that_read_back_as_labels()
    {
        var path = Path.Combine(folder.Path, "unlabelled.tsv");

        var added = UnlabelledRows.Append(path, fixture.Result.Findings);

        Assert.Equal(3, added);
        var rows = LabelFile.Read(path);
        Assert.Equal(fixture.Result.Findings.Select(f => f.Key), rows.Select(r => r.Key));
        Assert.All(rows, r =>
        {
            Assert.Equal(Verdict.Pending, r.Verdict);
            Assert.Equal(FixtureCorpus.Commit, r.Commit);
            Assert.StartsWith("'Post' adds work", r.Reason, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Does_not_append_a_finding_the_file_already_has()
    {
        var path = Path.Combine(folder.Path, "unlabelled.tsv");
        UnlabelledRows.Append(path, fixture.Result.Findings.Take(1).ToList());

        var added = UnlabelledRows.Append(path, fixture.Result.Findings);

        Assert.Equal(2, added);
        Assert.Equal(3, LabelFile.Read(path).Count);
        Assert.Single(File.ReadLines(path), l => l == LabelFile.Header);
    }
}
