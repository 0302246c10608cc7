using Microsoft.CodeAnalysis;

namespace TrackerRace.CorpusScan.Tests;

[Collection(ScannedFixtureDefinition.Name)]
public sealed class ScannerTests(ScannedFixture fixture)
{
    private CodeBaseResult Alpha => Assert.Single(fixture.Result.CodeBases);

    private ProjectResult Project(string path) => Assert.Single(Alpha.Projects, p => p.Path == path);

    [Fact]
    public void Reports_each_component_that_accepts_work_after_teardown_at_its_dispatch_method()
    {
        var findings = fixture.Result.Findings;

        Assert.Equal(
            ["Inbox", "Mailbox", "Outbox"],
            findings.Select(f => Path.GetFileNameWithoutExtension(f.Position.Path)).ToArray());
        Assert.All(findings, f =>
        {
            Assert.Equal("TRK004", f.RuleId);
            Assert.Equal(FixtureCorpus.CodeBase, f.CodeBase);
            Assert.Equal(FixtureCorpus.Commit, f.Commit);
            Assert.Equal("src/Core/Core.csproj", f.Project);
            Assert.Equal(FixtureCorpus.PostLine, f.Position.Line);
            Assert.Equal(DiagnosticSeverity.Warning, f.Severity);
            Assert.Contains("'Post' adds work to 'queue'", f.Message, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Explains_a_finding_with_its_additional_locations_relative_to_the_code_base()
    {
        var finding = fixture.Result.Findings.Single(f => f.Position.Path == FixtureCorpus.File("Mailbox"));

        Assert.Equal(
            [("work added", FixtureCorpus.EnqueueLine), ("teardown", FixtureCorpus.DisposeLine), ("work taken", FixtureCorpus.DequeueLine)],
            finding.Related.Select(r => (r.Label, r.Position.Line)).ToArray());
        Assert.All(finding.Related, r => Assert.Equal(FixtureCorpus.File("Mailbox"), r.Position.Path));
    }

    [Fact]
    public void Compiles_a_referenced_project_first_so_internals_visible_to_binds()
    {
        // App uses Core's internal Secret and implicit usings; any gap in references or usings is a compiler error.
        Assert.Equal(0, Project("src/App/App.csproj").CompilerErrors);
        Assert.Equal(0, Project("src/Core/Core.csproj").CompilerErrors);
    }

    [Fact]
    public void Reports_every_project_file_of_the_code_base_with_its_source_files()
    {
        Assert.Equal(["src/App/App.csproj", "src/Core/Core.csproj"], Alpha.Projects.Select(p => p.Path).ToArray());
        Assert.Equal(1, Project("src/App/App.csproj").Files);
        Assert.Equal(4, Project("src/Core/Core.csproj").Files);
        Assert.Equal(3, Project("src/Core/Core.csproj").Findings);
    }

    [Fact]
    public void Counts_a_package_missing_from_the_nuget_cache_without_failing_the_scan()
    {
        Assert.Equal([FixtureCorpus.MissingPackage + " 1.0.0"], Project("src/Core/Core.csproj").MissingPackages);
        Assert.Empty(Project("src/App/App.csproj").MissingPackages);
        Assert.Equal(1, Alpha.MissingPackages);
    }

    [Fact]
    public void Reads_the_commit_from_the_COMMIT_file()
    {
        Assert.Equal(FixtureCorpus.Commit, Alpha.CodeBase.Commit);
        Assert.Equal("COMMIT", Alpha.CodeBase.CommitSource);
    }

    [Fact]
    public void Times_each_rule_and_the_compiler_in_every_project()
    {
        Assert.Equal(AnalyzerUnderTest.DeclaredRuleIds(), fixture.Result.RuleIds);
        Assert.All(Alpha.Projects, p =>
        {
            Assert.Equal(fixture.Result.RuleNames.Order(), p.RuleTimes.Keys.Order());
            Assert.NotNull(p.BindingTime);
            Assert.Empty(p.AnalyzerCrashes);
        });
    }
}
