using TrackerRace.Runtime.Diagnostics;
using TrackerRace.Runtime.Jobs;
using TrackerRace.Runtime.Protocol;
using TrackerRace.Runtime.Transport;

namespace TrackerRace.Runtime.Tests.Transport;

/// <summary>The protocol's own recovery paths, driven by the transport's fault injection.</summary>
public sealed class FaultInjectionTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(10);

    [Fact]
    public async Task A_lost_final_report_is_resent_by_the_checker_and_the_job_succeeds()
    {
        var plan = new DropFirst(e => e.Message is TaskStatusReport { TaskId: "0", Status: Protocol.TaskStatus.Succeeded });
        await using var sim = new Simulation.Simulation(nodes: 1, delivery: plan);

        var result = sim.Run(JobDefinition.Standalone("lossy", (ctx, ct) => Task.FromResult(TaskOutcome.Success("done"))), Limit);

        Assert.Equal(1, plan.Dropped);
        Assert.True(result.Outcome == JobOutcome.Succeeded, result.FailureReason);
        Assert.Equal("done", result.Result);
        Assert.Single(sim.Events.Of(TrackerEventKind.MessageDropped));
    }

    /// <summary>
    /// A start request lost before the tracker existed: the tracker is never heard from, so the task is sent again after
    /// the unacknowledged-dispatch timeout (15 s, seen at the t=16 s status check), and the tracker, which never
    /// acknowledged anything, takes tasks again at once. The re-send counts (FailedCount 1, unlike PowerJob), so that
    /// re-sends are bounded by <see cref="TrackerOptions.MaxRedispatches"/> and a node that never answers cannot keep a
    /// job Running. Nothing takes the tracker for lost: silence counts from the dispatch, 60 s.
    /// </summary>
    [Fact]
    public async Task A_lost_first_start_request_is_sent_again_after_the_dispatch_timeout()
    {
        var plan = new DropFirst(e => e.Message is StartTask { TaskId: "0" });
        await using var sim = new Simulation.Simulation(nodes: 1, delivery: plan);

        var result = sim.Run(JobDefinition.Standalone("lost-start", (ctx, ct) => Task.FromResult(TaskOutcome.Success("done"))), Limit);

        Assert.True(result.Outcome == JobOutcome.Succeeded, result.FailureReason);
        Assert.True(1 == Assert.Single(result.Tasks).FailedCount, sim.Timeline());
        Assert.Empty(sim.Events.Of(TrackerEventKind.TrackerLost));
        Assert.Contains("unacknowledged for 16.0s", Assert.Single(sim.Events.Of(TrackerEventKind.TaskRequeued)).Detail);
        var dispatches = sim.Events.Of(TrackerEventKind.TaskDispatched).ToList();
        Assert.Equal(2, dispatches.Count);
        Assert.True(dispatches[1].Time - sim.Origin < TimeSpan.FromSeconds(22), sim.Timeline());
    }

    /// <summary>
    /// The same under PowerJob's rule (<see cref="TrackerOptions.UnheardTrackersTimeOutAtOnce"/>): a tracker dispatched
    /// to but never heard from counts as lost at the first status check (t=3 s), well before the dispatch timeout.
    /// </summary>
    [Fact]
    public async Task Under_PowerJob_s_rule_a_lost_first_start_request_makes_the_tracker_lost_at_the_first_check()
    {
        var plan = new DropFirst(e => e.Message is StartTask { TaskId: "0" });
        await using var sim = new Simulation.Simulation(nodes: 1, new TrackerOptions { UnheardTrackersTimeOutAtOnce = true }, delivery: plan);

        var result = sim.Run(JobDefinition.Standalone("lost-start", (ctx, ct) => Task.FromResult(TaskOutcome.Success("done"))), Limit);

        Assert.True(result.Outcome == JobOutcome.Succeeded, result.FailureReason);
        Assert.Equal(1, Assert.Single(result.Tasks).FailedCount);
        var lost = Assert.Single(sim.Events.Of(TrackerEventKind.TrackerLost));
        Assert.Contains("never heard from", lost.Detail);
        Assert.True(lost.Time - sim.Origin < TimeSpan.FromSeconds(4), sim.Timeline());
        Assert.Equal(2, sim.Events.Of(TrackerEventKind.TaskDispatched).Count());
    }

    [Fact]
    public async Task A_lost_start_request_to_a_live_tracker_is_dispatched_again_after_the_unacknowledged_timeout()
    {
        var plan = new DropFirst(e => e.Message is StartTask { TaskId: "0.1" });
        await using var sim = new Simulation.Simulation(nodes: 1, delivery: plan);
        var job = new JobDefinition
        {
            Name = "lost-sub-task",
            Kind = JobKind.Map,
            Process = async (ctx, ct) =>
            {
                if (ctx.IsRoot)
                {
                    await ctx.MapAsync(["a"], "part", ct);
                }

                return TaskOutcome.Success();
            },
        };

        var result = sim.Run(job, Limit);

        Assert.True(result.Outcome == JobOutcome.Succeeded, result.FailureReason);
        Assert.Equal(1, Assert.Single(result.Tasks, t => t.TaskId == "0.1").FailedCount);
        var requeued = Assert.Single(sim.Events.Of(TrackerEventKind.TaskRequeued));
        Assert.Contains("unacknowledged", requeued.Detail);
        Assert.Empty(sim.Events.Of(TrackerEventKind.TrackerLost));
    }

    /// <summary>
    /// Every message arrives twice. A duplicated start request finds the task already held by the tracker, which
    /// acknowledges it again instead of running it a second time; a duplicated result is accepted once.
    /// </summary>
    [Fact]
    public async Task Duplicated_messages_do_not_run_a_held_task_twice_and_the_job_still_succeeds()
    {
        await using var sim = new Simulation.Simulation(nodes: 2, delivery: new DuplicateAll());
        var runs = 0;
        var job = JobDefinition.MapReduce(
            "twice",
            async (ctx, ct) =>
            {
                if (ctx.IsRoot)
                {
                    await ctx.MapAsync(["x"], "part", ct);
                }
                else
                {
                    runs++;
                }

                return TaskOutcome.Success();
            },
            (ctx, results, ct) => Task.FromResult(TaskOutcome.Success(results.Count(r => r.TaskName == "part").ToString(System.Globalization.CultureInfo.InvariantCulture))));

        var result = sim.Run(job, Limit);

        Assert.True(result.Outcome == JobOutcome.Succeeded, result.FailureReason);
        Assert.Equal(1, runs);
        Assert.Equal("1", result.Result);
        Assert.Contains(sim.Events.Of(TrackerEventKind.TaskReceived), e => e.Detail.Contains("already held", StringComparison.Ordinal));
        Assert.Contains(sim.Events.Of(TrackerEventKind.StatusDropped), e => e.Detail.Contains("a result is accepted once", StringComparison.Ordinal));
    }

    /// <summary>
    /// A broadcast tracker that was only slow: its start request arrives after a status check counted it lost and failed
    /// its task, so its "received" and "processing" reports would move a failed task backwards. The status rule drops them
    /// with its reason (a late success may still finish the task: 6 &gt; 5); nothing is rewritten with a wrong one.
    /// PowerJob's rule (a tracker not heard from yet is lost at once) makes the first check count it lost.
    /// </summary>
    [Fact]
    public async Task Late_reports_of_a_broadcast_task_already_failed_as_lost_are_dropped_by_the_status_rule()
    {
        await using var sim = new Simulation.Simulation(nodes: 2, new TrackerOptions { UnheardTrackersTimeOutAtOnce = true }, delivery: new DelayStartTo("n1", TimeSpan.FromSeconds(15)));
        var job = new JobDefinition
        {
            Name = "broadcast-late",
            Kind = JobKind.Broadcast,
            Process = async (ctx, ct) =>
            {
                if (!ctx.IsRoot)
                {
                    await ctx.DelayAsync(TimeSpan.FromSeconds(ctx.NodeAddress == "n0" ? 20 : 1), ct);
                }

                return TaskOutcome.Success(ctx.NodeAddress);
            },
            Reduce = (ctx, results, ct) => Task.FromResult(TaskOutcome.Success("post-processed")),
        };

        var result = sim.Run(job, Limit);

        Assert.True(sim.Events.Of(TrackerEventKind.StatusDropped).Any(e => e.Detail.Contains("cannot go from 5 Failed to", StringComparison.Ordinal)), sim.Timeline());
        Assert.DoesNotContain(result.Tasks, t => t.Result?.Contains("could not be stored", StringComparison.Ordinal) == true);
        Assert.NotEqual(JobOutcome.Running, result.Outcome);
    }

    private sealed class DelayStartTo(string node, TimeSpan delay) : IDeliveryPlan
    {
        public DeliveryDecision Decide(Envelope envelope) =>
            envelope.Message is StartTask && envelope.To == node ? DeliveryDecision.After(delay) : DeliveryDecision.Deliver;
    }

    private sealed class DropFirst(Func<Envelope, bool> match) : IDeliveryPlan
    {
        public int Dropped { get; private set; }

        public DeliveryDecision Decide(Envelope envelope)
        {
            if (this.Dropped == 0 && match(envelope))
            {
                this.Dropped++;
                return DeliveryDecision.Drop;
            }

            return DeliveryDecision.Deliver;
        }
    }

    private sealed class DuplicateAll : IDeliveryPlan
    {
        public DeliveryDecision Decide(Envelope envelope) => DeliveryDecision.Duplicate();
    }
}
