using TrackerRace.CorpusScan.Cli;
using TrackerRace.CorpusScan.Mutants;

namespace TrackerRace.CorpusScan.Tests;

/// <summary>
/// The injected-bug benchmark on a small code base of correct components: each mutant removes one guard, and the report
/// says which rule catches it at Warning and whether the original already warned.
/// </summary>
public sealed class MutantsTests : IDisposable
{
    private readonly TempFolder folder = new();
    private readonly StringWriter output = new();
    private readonly StringWriter error = new();

    public MutantsTests()
    {
        folder.Write("corpus/sources/beta/Lib/Lib.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><TargetFramework>net10.0</TargetFramework><ImplicitUsings>enable</ImplicitUsings></PropertyGroup>
            </Project>
            """);
        // Correct: Post refuses work once disposed, and the consumer runs what was accepted.
        folder.Write("corpus/sources/beta/Lib/Box.cs", """
            using System.Collections.Concurrent;

            namespace Lib;

            public sealed class Box : IDisposable
            {
                private readonly ConcurrentQueue<Action> queue = new();
                private readonly object gate = new();
                private bool disposed;

                public void Post(Action work)
                {
                    lock (gate)
                    {
                        if (disposed) throw new ObjectDisposedException(nameof(Box));
                        queue.Enqueue(work);
                    }
                }

                public void Dispose() { lock (gate) { disposed = true; } }

                public void RunNext() { if (queue.TryDequeue(out var work)) work(); }
            }
            """);
        folder.Write("corpus/manifest.tsv", "name\trepo\tcommit\trole\tpath\tcs_files\nbeta\tbeta/beta\t0123456789abcdef0123456789abcdef01234567\trecall\tsources/beta\t1\n");
        Directory.CreateDirectory(NuGet);
    }

    private string NuGet => Path.Combine(folder.Path, "nuget");

    private string Manifest => Path.Combine(folder.Path, "corpus", "manifest.tsv");

    public void Dispose() => folder.Dispose();

    private string MutantsFile(params string[] rows) =>
        folder.Write("mutants.tsv", "id\tcodebase\tfile\tkind\tfind\treplace\treason\n" + string.Join('\n', rows) + "\n");

    private Task<int> Run(string mutants, params string[] more) =>
        CommandLine.RunAsync(["mutants", "--mutants", mutants, "--manifest", Manifest, "--analyzers", AnalyzerUnderTest.Path, "--nuget-packages", NuGet, .. more], output, error);

    [Fact]
    public async Task A_removed_disposed_check_is_caught_at_warning_and_the_original_is_quiet()
    {
        var mutants = MutantsFile(@"beta-1	beta	Lib/Box.cs	refuse	            if (disposed) throw new ObjectDisposedException(nameof(Box));\n		Post refuses work once disposed; without it work accepted after Dispose never runs");

        var exit = await Run(mutants);

        Assert.Equal(ExitCodes.Ok, exit);
        var text = output.ToString();
        Assert.Matches(@"beta-1\s+refuse\s+TRK004\s+-\s+-", text);
        Assert.Contains("recall at Warning: 1 of 1 (100.0 %)", text, StringComparison.Ordinal);
        Assert.Contains("originals with a Warning in the mutated type: 0 of 1 (0.0 %)", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_mutant_the_rules_miss_is_listed_with_the_guard_it_removes()
    {
        // Renaming the local changes nothing a rule can see: the mutant is missed, and the report says so.
        var mutants = MutantsFile("beta-2\tbeta\tLib/Box.cs\trefuse\tout var work)) work();\tout var next)) next();\ta rename, not a bug");

        var exit = await Run(mutants);

        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Contains("recall at Warning: 0 of 1 (0.0 %)", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("  beta-2: Lib/Box.cs: a rename, not a bug", output.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("beta-3\tbeta\tLib/Box.cs\trefuse\tno such text\tx\tr", "'find' does not occur in 'Lib/Box.cs'")]
    [InlineData("beta-3\tbeta\tLib/Box.cs\trefuse\tqueue\tx\tr", "'find' occurs more than once")]
    [InlineData("beta-3\tbeta\tLib/Box.cs\trefuse\tlock (gate)\\n        {\\n\t\tr", "does not parse")]
    [InlineData("beta-3\tgamma\tLib/Box.cs\trefuse\tqueue\tx\tr", "code base 'gamma' is not in the manifest")]
    [InlineData("beta-3\tbeta\tLib/Gone.cs\trefuse\tqueue\tx\tr", "file 'Lib/Gone.cs' is not in")]
    [InlineData("beta-3\tbeta\tLib/Box.cs\tbogus\tqueue\tx\tr", "kind 'bogus' is not one of drain, refuse, lock, idle, latch")]
    [InlineData("beta-3\tbeta\tLib/Box.cs\trefuse\ta\\qb\tx\tr", "only \\n, \\t and \\\\ are escapes")]
    [InlineData("beta-3\tbeta\tLib/Box.cs\trefuse\tqueue\tr", "expected 7 tab-separated columns")]
    public async Task A_bad_row_is_refused_before_anything_is_compiled_naming_its_line_and_id(string row, string expected)
    {
        var exit = await Run(MutantsFile(row));

        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Contains(expected, error.ToString(), StringComparison.Ordinal);
        Assert.Contains("line 2", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Escapes_stand_for_newline_tab_and_backslash()
    {
        Assert.Equal("a\nb\tc\\d", MutantFile.Unescape(@"a\nb\tc\\d", "here", "find"));
    }
}
