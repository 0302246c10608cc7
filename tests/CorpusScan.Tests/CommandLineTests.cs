using TrackerRace.CorpusScan.Cli;
using TrackerRace.CorpusScan.Labels;

namespace TrackerRace.CorpusScan.Tests;

public sealed class CommandLineTests : IDisposable
{
    private readonly FixtureCorpus corpus = new();
    private readonly StringWriter output = new();
    private readonly StringWriter error = new();

    public void Dispose() => corpus.Dispose();

    private Task<int> Run(params string[] args) => CommandLine.RunAsync(args, output, error);

    private string[] Scan(params string[] more) =>
        ["scan", corpus.CorpusDirectory, "--analyzers", AnalyzerUnderTest.Path, "--nuget-packages", corpus.NuGetPackages, .. more];

    [Fact]
    public async Task Scans_scores_against_labels_and_writes_sarif_and_unlabelled_rows()
    {
        var line = FixtureCorpus.PostLine;
        var labels = corpus.Folder.Write("labels.tsv", $"""
            {LabelFile.Header}
            alpha	{FixtureCorpus.Commit}	src/Core/Mailbox.cs	{line}	TRK004	true	accepts work after Dispose
            alpha	{FixtureCorpus.Commit}	src/Core/Inbox.cs	{line}	TRK004	false	its consumer refuses late work
            alpha	{FixtureCorpus.Commit}	src/Core/Gone.cs	3	TRK004	true	removed since
            """);
        var sarif = Path.Combine(corpus.Folder.Path, "out.sarif");
        var unlabelled = Path.Combine(corpus.Folder.Path, "unlabelled.tsv");

        var exit = await Run(Scan("--labels", labels, "--sarif", sarif, "--write-unlabelled", unlabelled));

        Assert.Equal(ExitCodes.Ok, exit);
        var text = output.ToString();
        Assert.Contains($"alpha  src/Core/Mailbox.cs:{line}:17  TRK004  [evidence]  'Post' adds work to 'queue'", text, StringComparison.Ordinal);
        Assert.Contains($"    work added: src/Core/Mailbox.cs:{line}", text, StringComparison.Ordinal);
        Assert.Contains($"    teardown: src/Core/Mailbox.cs:{FixtureCorpus.DisposeLine}", text, StringComparison.Ordinal);
        Assert.Matches(@"TRK004\s+3\s+1\s+1\s+1\s+0\.50\s+2\s+1\s+0\.50", text);
        Assert.Contains("  alpha  src/Core/Gone.cs:3  TRK004  (removed since)", text, StringComparison.Ordinal);
        Assert.True(File.Exists(sarif));
        var row = Assert.Single(LabelFile.Read(unlabelled));
        Assert.Equal(("src/Core/Outbox.cs", Verdict.Pending), (row.File, row.Verdict));
    }

    [Fact]
    public async Task Prints_help()
    {
        var exit = await Run("scan", "--help");

        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Contains("--labels", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("<corpus-dir>", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refuses_a_missing_corpus_folder_naming_it()
    {
        var missing = Path.Combine(corpus.Folder.Path, "no-such-folder");

        var exit = await Run("scan", missing, "--analyzers", AnalyzerUnderTest.Path);

        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Contains($"<corpus-dir>: folder '{missing}' does not exist", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refuses_a_missing_analyzer_package_and_says_how_to_pack_one()
    {
        var exit = await Run("scan", corpus.CorpusDirectory, "--analyzers", Path.Combine(corpus.Folder.Path, "TrackerRace.Analyzers.0.1.0.nupkg"));

        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Contains("--analyzers: package", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("dotnet pack src/Analyzers/Package", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refuses_a_malformed_labels_row_naming_its_line_before_scanning()
    {
        var labels = corpus.Folder.Write("labels.tsv", $"{LabelFile.Header}\n# comment\nalpha\tabc\tsrc/A.cs\t10\tTRK004\tyes\twhy\n");

        var exit = await Run(Scan("--labels", labels));

        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Contains("line 3: verdict 'yes'", error.ToString(), StringComparison.Ordinal);
        Assert.Equal("", output.ToString());
    }

    [Fact]
    public async Task Refuses_an_unknown_option_by_name()
    {
        var exit = await Run(Scan("--all-teirs"));

        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Contains("'--all-teirs'", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refuses_a_code_base_name_that_is_not_there()
    {
        var exit = await Run(Scan("--codebase", "gamma"));

        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Contains("--codebase: no code base named 'gamma'", error.ToString(), StringComparison.Ordinal);
    }
}
