using TrackerRace.Runtime.Diagnostics;
using TrackerRace.Runtime.Jobs;

namespace TrackerRace.Runtime.Tests.Hosting;

/// <summary>Idle means "waiting on timers only": what a simulator needs before it moves time on.</summary>
public sealed class ActivityCounterTests
{
    [Fact]
    public async Task A_task_waiting_in_its_delay_leaves_the_runtime_idle_and_its_wake_up_counts_again()
    {
        await using var sim = new Simulation.Simulation(nodes: 1);
        var job = JobDefinition.Standalone("sleeper", async (ctx, ct) =>
        {
            await ctx.DelayAsync(TimeSpan.FromSeconds(30), ct);
            return TaskOutcome.Success();
        });
        var submitted = sim.Scheduler.Start(() => sim.Cluster.SubmitAsync(job));

        sim.RunUntil(() => sim.Events.Of(TrackerEventKind.TaskStarted).Any(), TimeSpan.FromSeconds(1));

        Assert.Single(sim.Events.Of(TrackerEventKind.TaskStarted));
        Assert.Equal(0, sim.Cluster.PendingWork);
        Assert.True(sim.Cluster.WhenIdleAsync().IsCompleted);

        // At the wake-up the timer counts the task before it runs again, so the runtime is busy at once.
        sim.Fake.Advance(TimeSpan.FromSeconds(30));
        Assert.True(sim.Cluster.PendingWork > 0);
        var idle = sim.Cluster.WhenIdleAsync();
        Assert.False(idle.IsCompleted);
        sim.Scheduler.RunUntilIdle();
        Assert.True(idle.IsCompleted);

        Assert.True(submitted.IsCompleted);
        var handle = await submitted;
        sim.RunUntil(() => handle.Completion.IsCompleted, TimeSpan.FromMinutes(1));
        Assert.Equal(JobOutcome.Succeeded, (await handle.Completion).Outcome);
        Assert.Equal(0, sim.Cluster.PendingWork);
    }
}
