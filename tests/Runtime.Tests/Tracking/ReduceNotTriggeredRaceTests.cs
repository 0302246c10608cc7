using TrackerRace.Runtime.Diagnostics;
using TrackerRace.Runtime.Jobs;
using TrackerRace.Runtime.Policies;
using TrackerRace.Runtime.Protocol;
using TrackerRace.Runtime.Tests.Simulation;

namespace TrackerRace.Runtime.Tests.Tracking;

/// <summary>
/// PowerJob #1033 on a fake clock with PowerJob's constants. n0's ProcessorTracker finishes its
/// last work at about t=5 s, sees itself idle at its t=20 s tick, and destroys itself at the first tick
/// more than 120 s later: t=150 s. The status checks run at 3 + 13k s, so a map phase ending between
/// the t=133 s and t=146 s checks makes the t=146 s check create OMS_LAST_TASK for n0, and the
/// next dispatcher run (t=150 s, after the idle tick because the fixed-delay dispatcher drifts) is too late.
/// The long sub-task starts at about t=5 s, so sub-task durations of 128 to 141 s hit the window.
/// </summary>
public sealed class ReduceNotTriggeredRaceTests
{
    private static readonly TimeSpan InWindow = TimeSpan.FromSeconds(135);
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(10);

    [Fact]
    public async Task Legacy_policy_fails_the_last_task_as_unreceived_and_the_job_without_running_reduce()
    {
        await using var sim = new Simulation.Simulation(nodes: 2, new TrackerOptions { IdlePolicy = IdlePolicies.Legacy });
        var reduced = false;

        var result = sim.Run(TestJobs.LongMapPhase(InWindow, onReduce: () => reduced = true), Limit);

        Assert.Equal(JobOutcome.Failed, result.Outcome);
        Assert.False(reduced, "reduce ran although the race was hit:\n" + sim.Timeline());
        Assert.False(result.ReduceRan);
        Assert.Contains("reduce never ran", result.FailureReason);
        Assert.Contains(SystemResults.UnreceivedProcessResult, result.FailureReason);
        var last = Assert.Single(result.Tasks, t => t.TaskName == TaskNames.Last);
        Assert.Equal(Protocol.TaskStatus.Failed, last.Status);
        Assert.Equal(SystemResults.UnreceivedProcessResult, last.Result);
        Assert.False(last.EverReceived);

        // The order that makes it a race: created, then the idle destroy on n0, then no dispatch of it ever.
        var created = Assert.Single(sim.Events.Of(TrackerEventKind.LastTaskCreated));
        var idle = Assert.Single(sim.Events.Of(TrackerEventKind.IdleReported), e => e.Node == "n0");
        var failed = Assert.Single(sim.Events.Of(TrackerEventKind.TaskFailedByIdle), e => e.TaskId == TaskNames.LastTaskId);
        Assert.True(created.Time < idle.Time && idle.Time <= failed.Time, sim.Timeline());
        Assert.DoesNotContain(sim.Events.Of(TrackerEventKind.TaskDispatched), e => e.TaskId == TaskNames.LastTaskId);
    }

    [Fact]
    public async Task LocalRecheck_policy_is_still_racy_because_the_last_task_waits_in_the_task_trackers_table()
    {
        await using var sim = new Simulation.Simulation(nodes: 2, new TrackerOptions { IdlePolicy = IdlePolicies.LocalRecheck });

        var result = sim.Run(TestJobs.LongMapPhase(InWindow), Limit);

        Assert.Equal(JobOutcome.Failed, result.Outcome);
        Assert.Contains(SystemResults.UnreceivedProcessResult, result.FailureReason);
    }

    [Theory]
    [InlineData("SkipIdleOnTaskTrackerNode")]
    [InlineData("IdleHandshake")]
    public async Task Fixed_policies_run_reduce_in_the_same_timeline(string policy)
    {
        await using var sim = new Simulation.Simulation(nodes: 2, new TrackerOptions { IdlePolicy = IdlePolicies.Parse(policy) });
        var reduced = false;

        var result = sim.Run(TestJobs.LongMapPhase(InWindow, onReduce: () => reduced = true), Limit);

        Assert.True(result.Outcome == JobOutcome.Succeeded, $"{result.FailureReason}\n{sim.Timeline()}");
        Assert.True(reduced);
        Assert.True(result.ReduceRan);
        Assert.Empty(sim.Events.Of(TrackerEventKind.TaskFailedByIdle));
    }

    [Fact]
    public async Task Default_options_run_reduce_in_the_race_window_because_the_default_policy_is_a_fixed_one()
    {
        await using var sim = new Simulation.Simulation(nodes: 2, new TrackerOptions());

        var result = sim.Run(TestJobs.LongMapPhase(InWindow), Limit);

        Assert.True(result.Outcome == JobOutcome.Succeeded, $"{result.FailureReason}\n{sim.Timeline()}");
        Assert.True(result.ReduceRan);
        Assert.Empty(sim.Events.Of(TrackerEventKind.TaskFailedByIdle));
    }

    [Fact]
    public async Task Handshake_refuses_the_idle_request_while_the_last_task_is_addressed_to_the_node()
    {
        await using var sim = new Simulation.Simulation(nodes: 2, new TrackerOptions { IdlePolicy = IdlePolicies.IdleHandshake });

        sim.Run(TestJobs.LongMapPhase(InWindow), Limit);

        Assert.Contains(sim.Events.Of(TrackerEventKind.IdleAnswered), e => e.Node == "n0" && e.Detail.Contains("rejected") && e.Detail.Contains(TaskNames.Last));
    }

    [Fact]
    public async Task Legacy_policy_with_one_retry_masks_the_race_by_redispatching_the_last_task()
    {
        await using var sim = new Simulation.Simulation(nodes: 2, new TrackerOptions { IdlePolicy = IdlePolicies.Legacy });

        var result = sim.Run(TestJobs.LongMapPhase(InWindow, taskRetryNum: 1), Limit);

        Assert.True(result.Outcome == JobOutcome.Succeeded, $"{result.FailureReason}\n{sim.Timeline()}");
        var last = Assert.Single(result.Tasks, t => t.TaskName == TaskNames.Last);
        Assert.Equal(1, last.FailedCount);

        // The race still happened; the retry hid it.
        Assert.Single(sim.Events.Of(TrackerEventKind.TaskFailedByIdle), e => e.TaskId == TaskNames.LastTaskId);
    }

    /// <summary>
    /// Far from the window the race cannot happen under any policy: with a 60 s map phase OMS_LAST_TASK
    /// is dispatched long before n0 idles out (t=150 s); with 300 s, n0's tracker is already gone when
    /// the last task is created, its IDLE report found nothing to fail, and the dispatch creates a new one.
    /// </summary>
    [Theory]
    [InlineData(60, "Legacy")]
    [InlineData(60, "LocalRecheck")]
    [InlineData(60, "SkipIdleOnTaskTrackerNode")]
    [InlineData(60, "IdleHandshake")]
    [InlineData(300, "Legacy")]
    [InlineData(300, "LocalRecheck")]
    [InlineData(300, "SkipIdleOnTaskTrackerNode")]
    [InlineData(300, "IdleHandshake")]
    public async Task Map_phases_far_from_the_idle_window_succeed_under_every_policy(int seconds, string policy)
    {
        await using var sim = new Simulation.Simulation(nodes: 2, new TrackerOptions { IdlePolicy = IdlePolicies.Parse(policy) });

        var result = sim.Run(TestJobs.LongMapPhase(TimeSpan.FromSeconds(seconds)), Limit);

        Assert.True(result.Outcome == JobOutcome.Succeeded, $"{result.FailureReason}\n{sim.Timeline()}");
        Assert.True(result.ReduceRan);
    }
}
