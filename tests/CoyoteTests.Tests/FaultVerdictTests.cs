using TrackerRace.Coyote;
using TrackerRace.Runtime.Policies;
using TrackerRace.Scenarios;
using TrackerRace.Scenarios.Exploration;

namespace TrackerRace.CoyoteTests.Tests;

/// <summary>What the other policies do under faults, each verdict pinned with a trace that replays it.</summary>
public sealed class FaultVerdictTests
{
    [Fact]
    public void PowerJob_5_1_1_leaks_the_task_tracker_nodes_tracker_when_a_fault_eats_its_stop_request()
    {
        var found = ExplorationRunner.Explore(FaultExploration.Crash, IdlePolicies.SkipIdleOnTaskTrackerNode, ExplorationStrategy.Random, 300, seed: 1, outputDirectory: Output.Folder());

        Assert.True(found.BugFound, "L2 did not fire although a lost stop request leaves the TaskTracker node's tracker alive under 5.1.1's fix");
        Assert.Contains("Still expected: L2: PT#", found.Bug);
        Assert.Contains("@n0 is destroyed after its job", found.Bug);
        AssertReplays(FaultExploration.Crash, IdlePolicies.SkipIdleOnTaskTrackerNode, found);
    }

    [Fact]
    public void Legacy_loses_the_reduce_phase_when_faults_stretch_the_map_phase_past_the_idle_limit()
    {
        var found = ExplorationRunner.Explore(FaultExploration.Crash, IdlePolicies.Legacy, ExplorationStrategy.Random, 1_000, seed: 1, outputDirectory: Output.Folder());

        Assert.True(found.BugFound, "#1033 not reached through faults within 1,000 iterations");
        Assert.StartsWith("F1: under Legacy with faults [", found.Bug, StringComparison.Ordinal);
        Assert.Contains("reduce never ran", found.Bug);
        var timeline = File.ReadAllText(found.TimelinePath!);
        Assert.Matches(@"(?m)^t=\s*\d+\.\d{3}s FAULT\s+#1 ", timeline);
        AssertReplays(FaultExploration.Crash, IdlePolicies.Legacy, found);
    }

    [Theory]
    [InlineData("Legacy")]
    [InlineData("LocalRecheck")]
    [InlineData("SkipIdleOnTaskTrackerNode")]
    [InlineData("IdleHandshake")]
    public void Without_faults_both_fault_scenarios_are_clean_under_every_policy(string policy)
    {
        foreach (var scenario in new[] { new FaultScenario { Faults = 0 }, new FaultScenario { Faults = 0, RestartTaskTracker = true } })
        {
            var result = ExplorationRunner.Explore(scenario, IdlePolicies.Parse(policy), ExplorationStrategy.Random, 30, seed: 1);

            Assert.False(result.BugFound, result.Bug);
            Assert.Equal(0, result.PerIteration.GetValueOrDefault(ExplorationReport.FaultsInjected));
        }
    }

    private static void AssertReplays(FaultScenario scenario, IIdlePolicy policy, ExplorationResult found)
    {
        var replayed = ExplorationRunner.Replay(scenario, policy, found.TracePath!, Output.Folder());

        Assert.True(replayed.Replayed);
        Assert.Equal(found.Bug, replayed.Bug);
        Assert.Equal(found.Timeline, replayed.Timeline);
    }
}
