using System.Text.Json;
using TrackerRace.CorpusScan.Reporting;

namespace TrackerRace.CorpusScan.Tests;

[Collection(ScannedFixtureDefinition.Name)]
public sealed class SarifLogTests(ScannedFixture fixture)
{
    private JsonElement Run()
    {
        using var stream = new MemoryStream();
        SarifLog.Write(stream, fixture.Result);
        var log = JsonDocument.Parse(stream.ToArray()).RootElement;
        Assert.Equal("2.1.0", log.GetProperty("version").GetString());
        Assert.Equal(SarifLog.Schema, log.GetProperty("$schema").GetString());
        return Assert.Single(log.GetProperty("runs").EnumerateArray());
    }

    [Fact]
    public void Names_the_tool_and_every_rule()
    {
        var driver = Run().GetProperty("tool").GetProperty("driver");

        Assert.Equal("TrackerRace.Analyzers", driver.GetProperty("name").GetString());
        Assert.Equal(
            AnalyzerUnderTest.DeclaredRuleIds(),
            driver.GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("id").GetString()!).ToArray());
        Assert.All(driver.GetProperty("rules").EnumerateArray(), r =>
        {
            Assert.False(string.IsNullOrEmpty(r.GetProperty("shortDescription").GetProperty("text").GetString()));
            Assert.Equal("warning", r.GetProperty("defaultConfiguration").GetProperty("level").GetString());
        });
    }

    [Fact]
    public void Writes_each_finding_as_a_result_located_relative_to_its_code_base()
    {
        var run = Run();
        var results = run.GetProperty("results").EnumerateArray().ToList();

        Assert.Equal(3, results.Count);
        var mailbox = Assert.Single(results, r => r.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString() == FixtureCorpus.File("Mailbox"));
        Assert.Equal("TRK004", mailbox.GetProperty("ruleId").GetString());
        Assert.Equal(3, mailbox.GetProperty("ruleIndex").GetInt32());
        Assert.Equal("warning", mailbox.GetProperty("level").GetString());
        Assert.StartsWith("'Post' adds work", mailbox.GetProperty("message").GetProperty("text").GetString(), StringComparison.Ordinal);
        var location = mailbox.GetProperty("locations")[0].GetProperty("physicalLocation");
        Assert.Equal(FixtureCorpus.CodeBase, location.GetProperty("artifactLocation").GetProperty("uriBaseId").GetString());
        Assert.Equal(FixtureCorpus.PostLine, location.GetProperty("region").GetProperty("startLine").GetInt32());
        Assert.EndsWith("/corpus/alpha/", run.GetProperty("originalUriBaseIds").GetProperty(FixtureCorpus.CodeBase).GetProperty("uri").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Carries_labels_as_related_location_messages_and_the_code_base_and_tier_as_properties()
    {
        var result = Run().GetProperty("results")[0];

        var related = result.GetProperty("relatedLocations").EnumerateArray().ToList();
        Assert.Equal(
            [("work added", FixtureCorpus.EnqueueLine), ("teardown", FixtureCorpus.DisposeLine), ("work taken", FixtureCorpus.DequeueLine)],
            related.Select(r => (
                r.GetProperty("message").GetProperty("text").GetString(),
                r.GetProperty("physicalLocation").GetProperty("region").GetProperty("startLine").GetInt32())).ToArray());
        var properties = result.GetProperty("properties");
        Assert.Equal(FixtureCorpus.CodeBase, properties.GetProperty("codebase").GetString());
        Assert.Equal(FixtureCorpus.Commit, properties.GetProperty("commit").GetString());
        Assert.Equal("evidence", properties.GetProperty("confidence").GetString());
    }
}
