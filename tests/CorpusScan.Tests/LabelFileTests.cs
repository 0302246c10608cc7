using TrackerRace.CorpusScan.Labels;

namespace TrackerRace.CorpusScan.Tests;

public sealed class LabelFileTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void Reads_rows_after_the_header_and_skips_comments()
    {
        var path = folder.Write("labels.tsv", $"""
            # labelled 2026-12-01
            {LabelFile.Header}
            alpha	abc1234	src\Core\Mailbox.cs	10	TRK004	true	accepts work after Dispose
            # a comment between rows
            alpha	abc1234	./src/Core/Inbox.cs	10	TRK004	false	its consumer refuses late work
            alpha		src/Core/Outbox.cs	10	TRK004	?
            """);

        var labels = LabelFile.Read(path);

        Assert.Equal(
            [
                new Label(3, "alpha", "abc1234", "src/Core/Mailbox.cs", 10, "TRK004", Verdict.True, "accepts work after Dispose"),
                new Label(5, "alpha", "abc1234", "src/Core/Inbox.cs", 10, "TRK004", Verdict.False, "its consumer refuses late work"),
                new Label(6, "alpha", "", "src/Core/Outbox.cs", 10, "TRK004", Verdict.Pending, ""),
            ],
            labels);
    }

    [Theory]
    [InlineData("alpha\tabc\tsrc/A.cs\t10\tTRK004\tmaybe\twhy", "verdict 'maybe'")]
    [InlineData("alpha\tabc\tsrc/A.cs\tten\tTRK004\ttrue\twhy", "line 'ten'")]
    [InlineData("alpha\tabc\tsrc/A.cs\t10", "expected 7 tab-separated columns")]
    public void Names_the_line_of_a_malformed_row(string row, string problem)
    {
        var path = folder.Write("labels.tsv", $"{LabelFile.Header}\nalpha\tabc\tsrc/A.cs\t9\tTRK004\ttrue\tfine\n{row}\n");

        var error = Assert.Throws<BadInputException>(() => LabelFile.Read(path));

        Assert.Contains("--labels", error.Message, StringComparison.Ordinal);
        Assert.Contains("line 3", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_a_file_without_the_header()
    {
        var path = folder.Write("labels.tsv", "alpha\tabc\tsrc/A.cs\t10\tTRK004\ttrue\twhy\n");

        var error = Assert.Throws<BadInputException>(() => LabelFile.Read(path));

        Assert.Contains("line 1", error.Message, StringComparison.Ordinal);
        Assert.Contains("header", error.Message, StringComparison.Ordinal);
    }
}
