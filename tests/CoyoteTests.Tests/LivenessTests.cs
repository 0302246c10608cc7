using TrackerRace.Coyote;
using TrackerRace.Scenarios.Exploration;
using TrackerRace.Scenarios;
using TrackerRace.Runtime.Policies;

namespace TrackerRace.CoyoteTests.Tests;

/// <summary>L2 and residual race R3 (trackers must idle out when stop requests are lost), and what a retry does and does not hide.</summary>
public sealed class LivenessTests
{
    private const int Budget = 10;

    [Fact]
    public void PowerJob_5_1_1_leaks_the_task_tracker_nodes_tracker_when_the_stop_request_is_lost()
    {
        var result = ExplorationRunner.Explore(new ControlScenario { LoseStopRequests = true }, IdlePolicies.SkipIdleOnTaskTrackerNode, ExplorationStrategy.Random, Budget, seed: 1);

        Assert.True(result.BugFound, "L2 did not fire although the TaskTracker node's tracker never idles out");
        Assert.Contains("Still expected: L2: PT#1@n0 is destroyed after its job", result.Bug);
        Assert.DoesNotContain("L1:", result.Bug);
    }

    [Theory]
    [InlineData("Legacy")]
    [InlineData("IdleHandshake")]
    public void Trackers_that_idle_out_are_released_even_when_the_stop_request_is_lost(string policy)
    {
        var result = ExplorationRunner.Explore(new ControlScenario { LoseStopRequests = true }, IdlePolicies.Parse(policy), ExplorationStrategy.Random, Budget, seed: 1);

        Assert.False(result.BugFound, result.Bug);
    }

    [Fact]
    public void One_task_retry_masks_the_last_task_race_from_the_job_outcome_but_not_from_the_protocol()
    {
        // The same budget and seed find #1033 with taskRetryNum = 0 (HarnessTests); one retry re-dispatches the failed last task.
        var outcomeOnly = ExplorationRunner.Explore(new LastTaskRaceScenario { TaskRetryNum = 1, CheckProtocol = false }, IdlePolicies.Legacy, ExplorationStrategy.Random, 60, seed: 1);
        var withProtocol = ExplorationRunner.Explore(new LastTaskRaceScenario { TaskRetryNum = 1 }, IdlePolicies.Legacy, ExplorationStrategy.Random, 60, seed: 1);

        Assert.False(outcomeOnly.BugFound, outcomeOnly.Bug);
        Assert.Equal(60, outcomeOnly.Iterations);
        Assert.True(withProtocol.BugFound, "with a retry the race still fails OMS_LAST_TASK before dispatch; S2 should see it");
        Assert.StartsWith("S2: under Legacy task 9999", withProtocol.Bug);
    }
}
