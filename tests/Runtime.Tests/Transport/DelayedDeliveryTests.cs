using TrackerRace.Runtime.Diagnostics;
using TrackerRace.Runtime.Jobs;
using TrackerRace.Runtime.Protocol;
using TrackerRace.Runtime.Transport;

namespace TrackerRace.Runtime.Tests.Transport;

public sealed class DelayedDeliveryTests
{
    private static readonly TimeSpan Delay = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task A_delayed_message_is_not_pending_work_until_it_is_due_and_still_arrives()
    {
        await using var sim = new Simulation.Simulation(nodes: 1, delivery: new DelayStartTasks());
        var job = JobDefinition.Standalone("delayed", (ctx, ct) => Task.FromResult(TaskOutcome.Success("ok")));
        var submitted = sim.Scheduler.Start(() => sim.Cluster.SubmitAsync(job));

        // Run to just after the first dispatch (t=10 ms + jitter): the start request is now waiting out its delay.
        sim.RunUntil(() => sim.Events.Of(TrackerEventKind.TaskDispatched).Any(), TimeSpan.FromSeconds(1));
        Assert.Single(sim.Events.Of(TrackerEventKind.TaskDispatched));
        Assert.Empty(sim.Events.Of(TrackerEventKind.ProcessorTrackerCreated));
        Assert.Equal(0, sim.Cluster.PendingWork);

        Assert.True(submitted.IsCompleted);
        var handle = await submitted;
        sim.RunUntil(() => handle.Completion.IsCompleted, TimeSpan.FromMinutes(1));
        Assert.True(handle.Completion.IsCompleted, sim.Timeline());
        Assert.Equal(JobOutcome.Succeeded, (await handle.Completion).Outcome);
        var created = Assert.Single(sim.Events.Of(TrackerEventKind.ProcessorTrackerCreated));
        var dispatched = Assert.Single(sim.Events.Of(TrackerEventKind.TaskDispatched));
        Assert.True(created.Time - dispatched.Time >= Delay, $"start request arrived after {created.Time - dispatched.Time}");
    }

    private sealed class DelayStartTasks : IDeliveryPlan
    {
        public DeliveryDecision Decide(Envelope envelope) =>
            envelope.Message is StartTask ? DeliveryDecision.After(Delay) : DeliveryDecision.Deliver;
    }
}
