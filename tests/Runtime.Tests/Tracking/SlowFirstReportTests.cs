using TrackerRace.Runtime.Diagnostics;
using TrackerRace.Runtime.Jobs;
using TrackerRace.Runtime.Tests.Faults;
using TrackerRace.Runtime.Transport;

namespace TrackerRace.Runtime.Tests.Tracking;

/// <summary>
/// A healthy ProcessorTracker whose reports reach the TaskTracker 14 s late (a loaded node, a slow link): within every
/// timeout, so it must not be taken for lost. PowerJob counts a tracker dispatched to and not heard from yet as timed
/// out at once (its last report time is -1), so the next status check took it for lost and sent its tasks again - under
/// load 0.9 % of the tasks ran twice (eng/DuplicateRate). Silence now counts from the dispatch.
/// </summary>
public sealed class SlowFirstReportTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(15);

    [Fact]
    public async Task A_tracker_not_heard_from_yet_is_not_lost_before_the_heartbeat_timeout()
    {
        var jobs = new CountingJobs();
        await using var sim = new Simulation.Simulation(nodes: 2, delivery: new DelayFrom("n1", TimeSpan.FromSeconds(14)));

        var result = sim.Run(jobs.MapReduce(longSeconds: 40), Limit);

        Assert.True(result.Outcome == JobOutcome.Succeeded, result.FailureReason + sim.Timeline());
        Assert.Empty(sim.Events.Of(TrackerEventKind.TrackerLost));
        Assert.Empty(sim.Events.Of(TrackerEventKind.TaskRequeued));
        Assert.Equal(1, jobs.RunsOf("0.2"));
    }

    [Fact]
    public async Task PowerJob_s_rule_kept_as_an_option_takes_the_same_tracker_for_lost_and_sends_its_task_again()
    {
        var jobs = new CountingJobs();
        await using var sim = new Simulation.Simulation(nodes: 2, new TrackerOptions { UnheardTrackersTimeOutAtOnce = true }, delivery: new DelayFrom("n1", TimeSpan.FromSeconds(14)));

        var result = sim.Run(jobs.MapReduce(longSeconds: 40), Limit);

        Assert.Contains(sim.Events.Of(TrackerEventKind.TrackerLost), e => e.Detail.Contains("PT@n1 dispatched to but never heard from", StringComparison.Ordinal));
        Assert.NotEmpty(sim.Events.Of(TrackerEventKind.TaskRequeued));
        Assert.Equal(JobOutcome.Succeeded, result.Outcome);
    }

    [Theory]
    [InlineData(0, 60)]
    [InlineData(100, 70)]
    [InlineData(500, 110)]
    public void The_heartbeat_timeout_grows_with_the_tracker_s_queue(int queued, int seconds)
    {
        var options = new TrackerOptions();

        Assert.Equal(TimeSpan.FromSeconds(seconds), options.TimeoutFor(options.HeartbeatTimeout, queued));
    }

    [Fact]
    public void A_negative_allowance_per_queued_task_is_refused_naming_the_option()
    {
        var refused = Assert.Throws<ArgumentException>(() => new TrackerOptions { TimeoutPerQueuedTask = TimeSpan.FromMilliseconds(-1) }.Validate());

        Assert.Contains("TrackerOptions.TimeoutPerQueuedTask must not be negative", refused.Message, StringComparison.Ordinal);
    }

    private sealed class DelayFrom(string node, TimeSpan delay) : IDeliveryPlan
    {
        public DeliveryDecision Decide(Envelope envelope) => envelope.From == node ? DeliveryDecision.After(delay) : DeliveryDecision.Deliver;
    }
}
