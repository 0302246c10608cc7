using System.Text.Json;

namespace TrackerRace.Analyzers.Tests;

/// <summary>
/// The rules run on src/Runtime in every build (it references the analyzer project). The compiler's
/// SARIF log of that build, written to src/Runtime/obj/dogfood.sarif, is the evidence: the reference
/// bugs are found and suppressed in source with a justification, the handshake fix is not flagged,
/// and nothing else is reported.
/// </summary>
public sealed class DogfoodTests
{
    private static readonly IReadOnlyList<Finding> Findings = ReadFindings();

    [Theory]
    [InlineData("LegacyIdlePolicy.cs", "TRK001")]
    [InlineData("LocalRecheckIdlePolicy.cs", "TRK003")]
    [InlineData("SkipIdleOnTaskTrackerNodePolicy.cs", "TRK001")]
    public void The_reference_bugs_are_flagged_and_suppressed_with_a_justification(string file, string rule)
    {
        var finding = Assert.Single(Findings, f => f.File == file);

        Assert.Equal(rule, finding.Rule);
        Assert.False(string.IsNullOrWhiteSpace(finding.Justification), $"{rule} in {file} is suppressed without a justification");
    }

    [Fact]
    public void The_owner_failing_undelivered_work_on_an_idle_report_is_flagged()
    {
        var finding = Assert.Single(Findings, f => f.Rule == "TRK005");

        Assert.Equal("TaskTracker.cs", finding.File);
    }

    [Fact]
    public void The_handshake_policy_is_not_flagged()
    {
        Assert.DoesNotContain(Findings, f => f.File == "IdleHandshakePolicy.cs");
    }

    [Fact]
    public void Every_finding_on_the_runtime_is_known_and_justified()
    {
        var found = Findings.Select(f => $"{f.Rule} {f.File}").Order().ToList();

        Assert.Equal(
            [
                "TRK001 LegacyIdlePolicy.cs",
                "TRK001 SkipIdleOnTaskTrackerNodePolicy.cs",
                "TRK001 TaskTracker.cs",
                "TRK003 LocalRecheckIdlePolicy.cs",
                "TRK005 TaskTracker.cs",
            ],
            found);
        Assert.All(Findings, f => Assert.False(string.IsNullOrWhiteSpace(f.Justification)));
    }

    private static List<Finding> ReadFindings()
    {
        var sarif = Path.Combine(Repository.Root(), "src", "Runtime", "obj", "dogfood.sarif");
        if (!File.Exists(sarif))
        {
            throw new FileNotFoundException($"The runtime's build did not write {sarif}; is <ErrorLog> still set in TrackerRace.Runtime.csproj?", sarif);
        }

        using var document = JsonDocument.Parse(File.ReadAllText(sarif));
        var findings = new List<Finding>();
        foreach (var result in document.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray())
        {
            var rule = result.GetProperty("ruleId").GetString()!;
            if (!rule.StartsWith("TRK", StringComparison.Ordinal) && rule != "AD0001")
            {
                continue;
            }

            var uri = result.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString()!;
            var justification = result.TryGetProperty("suppressions", out var suppressions) && suppressions.GetArrayLength() > 0
                && suppressions[0].TryGetProperty("justification", out var text) ? text.GetString() : null;
            findings.Add(new Finding(rule, Path.GetFileName(new Uri(uri).LocalPath), justification));
        }

        return findings;
    }

    private sealed record Finding(string Rule, string File, string? Justification);
}
