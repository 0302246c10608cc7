using TrackerRace.CorpusScan.Corpus;

namespace TrackerRace.CorpusScan.Tests;

public sealed class CodeBaseLocatorTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void Takes_each_subfolder_of_a_corpus_folder_as_a_code_base()
    {
        folder.Write("corpus/alpha/A.csproj", "<Project />");
        folder.Write("corpus/beta/src/B.csproj", "<Project />");
        folder.Write("corpus/.hidden/C.csproj", "<Project />");

        var codeBases = CodeBaseLocator.Locate([Path.Combine(folder.Path, "corpus")], Manifest.Empty, []);

        Assert.Equal(["alpha", "beta"], codeBases.Select(c => c.Name).ToArray());
        Assert.All(codeBases, c => Assert.Equal((CodeBase.UnknownCommit, "none"), (c.Commit, c.CommitSource)));
    }

    [Fact]
    public void Takes_a_folder_holding_a_project_file_as_one_code_base()
    {
        folder.Write("alpha/Alpha.csproj", "<Project />");
        folder.Write("alpha/sub/Sub.csproj", "<Project />");

        var codeBase = Assert.Single(CodeBaseLocator.Locate([Path.Combine(folder.Path, "alpha")], Manifest.Empty, []));

        Assert.Equal("alpha", codeBase.Name);
    }

    [Fact]
    public void Takes_name_commit_and_role_from_the_manifest_row_for_the_folder()
    {
        folder.Write("corpus/tuning/polly-src/src/Polly.csproj", "<Project />");
        var manifest = folder.Write("corpus/manifest.tsv", """
            name	repo	commit	role	path	cs_files
            polly	App-vNext/Polly	173d6d1d2e28a4697f1ac1d22da68f77ff19a0c9	tuning	tuning/polly-src	797
            """);

        var codeBase = Assert.Single(CodeBaseLocator.Locate([Path.Combine(folder.Path, "corpus", "tuning")], Manifest.Read(manifest), []));

        Assert.Equal(("polly", "173d6d1d2e28a4697f1ac1d22da68f77ff19a0c9", "manifest", "tuning"), (codeBase.Name, codeBase.Commit, codeBase.CommitSource, codeBase.Role));
    }

    [Fact]
    public void Scans_the_manifest_rows_when_no_folder_is_given()
    {
        folder.Write("corpus/tuning/polly/src/Polly.csproj", "<Project />");
        var manifest = folder.Write("corpus/manifest.tsv", """
            name	repo	commit	role	path	cs_files
            polly	App-vNext/Polly	abc	tuning	tuning/polly	797
            redis	StackExchange/StackExchange.Redis	def	tuning	tuning/redis-not-fetched	674
            """);

        var codeBases = CodeBaseLocator.Locate([], Manifest.Read(manifest), []);

        Assert.Equal(["polly"], codeBases.Select(c => c.Name).ToArray());
    }

    [Fact]
    public void Prefers_the_COMMIT_file_to_the_manifest()
    {
        folder.Write("corpus/polly/COMMIT", "from-commit-file\n");
        var manifest = folder.Write("manifest.tsv", "name\trepo\tcommit\trole\tpath\tcs_files\npolly\tr\tfrom-manifest\ttuning\tcorpus/polly\t1\n");

        var codeBase = Assert.Single(CodeBaseLocator.Locate([Path.Combine(folder.Path, "corpus")], Manifest.Read(manifest), []));

        Assert.Equal(("from-commit-file", "COMMIT"), (codeBase.Commit, codeBase.CommitSource));
    }

    [Fact]
    public void Keeps_only_the_code_bases_named_with_codebase()
    {
        folder.Write("corpus/alpha/A.csproj", "<Project />");
        folder.Write("corpus/beta/B.csproj", "<Project />");

        var codeBases = CodeBaseLocator.Locate([Path.Combine(folder.Path, "corpus")], Manifest.Empty, ["BETA"]);

        Assert.Equal(["beta"], codeBases.Select(c => c.Name).ToArray());
    }

    [Fact]
    public void Refuses_a_manifest_without_a_path_column()
    {
        var manifest = folder.Write("manifest.tsv", "name\trepo\tcommit\trole\n");

        var error = Assert.Throws<BadInputException>(() => Manifest.Read(manifest));

        Assert.Contains("--manifest", error.Message, StringComparison.Ordinal);
        Assert.Contains("'path'", error.Message, StringComparison.Ordinal);
    }
}
