using TrackerRace.CoyoteTests.Exploration;
using TrackerRace.CoyoteTests.Tracing;
using TrackerRace.Runtime.Policies;

namespace TrackerRace.CoyoteTests.Tests;

public sealed class FailureTraceTests
{
    [Fact]
    public void A_replayed_failure_is_written_as_a_timeline_and_a_sequence_diagram_that_show_the_race_in_order()
    {
        var options = CommandLineOptions.Parse(["explore"]);
        var found = ExplorationRunner.Explore(options.Scenario(), IdlePolicies.Legacy, ExplorationStrategy.Random, 60, seed: 1);
        Assert.True(found.BugFound);
        var basePath = Path.Combine(Path.GetTempPath(), $"trackerrace-{Guid.NewGuid():N}");

        // The recorder is attached only for the replay: it must not change the schedule.
        var (replayed, timeline) = FailureTrace.Write(options, IdlePolicies.Legacy, found.ReproducibleTrace!, basePath);

        Assert.True(replayed.BugFound);
        Assert.Equal(found.BugReport, replayed.BugReport);
        var created = timeline.IndexOf("OMS_LAST_TASK created for PT@n0", StringComparison.Ordinal);
        var idle = timeline.IndexOf("IDLE report -> TT@n0", StringComparison.Ordinal);
        var failed = timeline.IndexOf("OMS_LAST_TASK marked FAILED", StringComparison.Ordinal);
        Assert.True(created >= 0 && created < idle && idle < failed, timeline);
        Assert.DoesNotContain("dispatch OMS_LAST_TASK", timeline);
        Assert.Equal(timeline, File.ReadAllText(basePath + ".timeline.txt"));
        Assert.Equal(found.ReproducibleTrace, File.ReadAllText(basePath + ".trace"));
        var diagram = File.ReadAllText(basePath + ".mmd");
        Assert.StartsWith("sequenceDiagram", diagram);
        Assert.Contains("-)TT_at_n0: t=", diagram);
        Assert.DoesNotContain("as PT#", diagram);
    }
}
