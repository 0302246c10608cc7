using TrackerRace.Coyote;
using TrackerRace.Scenarios.Exploration;
using TrackerRace.Scenarios;
using TrackerRace.Runtime.Policies;

namespace TrackerRace.CoyoteTests.Tests;

/// <summary>R1: PowerJob 5.1.1's fix protects only the TaskTracker's own node; the handshake protects every node.</summary>
public sealed class RemoteIdleRaceTests
{
    private const int Budget = 200;

    [Theory]
    [InlineData("SkipIdleOnTaskTrackerNode")]
    [InlineData("Legacy")]
    public void A_task_dispatched_to_a_remote_tracker_whose_idle_report_is_in_flight_is_failed_unreceived(string policy)
    {
        var result = ExplorationRunner.Explore(new RemoteIdleRaceScenario(), IdlePolicies.Parse(policy), ExplorationStrategy.Random, Budget, seed: 1);

        Assert.True(result.BugFound, $"R1 not found under {policy} in {Budget} iterations");
        Assert.Contains("S2: under " + policy, result.Bug);
        Assert.Contains("no ProcessorTracker had received it", result.Bug);
    }

    [Fact]
    public void The_handshake_never_fails_a_task_no_tracker_received()
    {
        var result = ExplorationRunner.Explore(new RemoteIdleRaceScenario(), IdlePolicies.IdleHandshake, ExplorationStrategy.Random, Budget, seed: 1);

        Assert.False(result.BugFound, result.Bug);
        Assert.Equal(Budget, result.Iterations);
    }

    [Theory]
    [InlineData("Legacy")]
    [InlineData("LocalRecheck")]
    [InlineData("SkipIdleOnTaskTrackerNode")]
    [InlineData("IdleHandshake")]
    public void Control_jobs_far_from_any_idle_window_succeed_under_every_policy(string policy)
    {
        var result = ExplorationRunner.Explore(new ControlScenario(), IdlePolicies.Parse(policy), ExplorationStrategy.Random, 20, seed: 1);

        Assert.False(result.BugFound, result.Bug);
    }
}
