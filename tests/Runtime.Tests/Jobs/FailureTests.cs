using TrackerRace.Runtime.Jobs;
using TrackerRace.Runtime.Protocol;

namespace TrackerRace.Runtime.Tests.Jobs;

/// <summary>User code that fails ends the job with a reason that names the task and the error.</summary>
public sealed class FailureTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(10);

    [Fact]
    public async Task A_failing_sub_task_fails_the_job_after_reduce_ran_and_names_the_task()
    {
        await using var sim = new Simulation.Simulation(nodes: 2);
        IReadOnlyList<TaskResult>? seen = null;
        var job = JobDefinition.MapReduce(
            "one-bad-part",
            async (ctx, ct) =>
            {
                if (ctx.IsRoot)
                {
                    await ctx.MapAsync(["ok", "bad", "ok"], "part", ct);
                    return TaskOutcome.Success();
                }

                return ctx.Content == "bad" ? throw new FormatException("cannot parse 'bad'") : TaskOutcome.Success("fine");
            },
            (ctx, results, ct) =>
            {
                seen = results;
                return Task.FromResult(TaskOutcome.Success("reduced"));
            });

        var result = sim.Run(job, Limit);

        Assert.Equal(JobOutcome.Failed, result.Outcome);
        Assert.Contains("task part(0.2) failed: process threw FormatException: cannot parse 'bad'", result.FailureReason);
        Assert.True(result.ReduceRan, "reduce runs even after a map failure (PowerJob #787)");
        Assert.Contains(seen!, r => !r.Succeeded && r.TaskId == "0.2");
    }

    [Fact]
    public async Task A_throwing_map_fails_the_root_with_the_exception()
    {
        await using var sim = new Simulation.Simulation(nodes: 2);
        var job = JobDefinition.MapReduce(
            "bad-map",
            (ctx, ct) => throw new InvalidOperationException("no input"),
            (ctx, results, ct) => Task.FromResult(TaskOutcome.Success()));

        var result = sim.Run(job, Limit);

        Assert.Equal(JobOutcome.Failed, result.Outcome);
        Assert.StartsWith("task OMS_ROOT_TASK(0) failed: map threw InvalidOperationException: no input", result.FailureReason);
    }

    [Fact]
    public async Task A_throwing_reduce_fails_the_job_as_a_reduce_failure()
    {
        await using var sim = new Simulation.Simulation(nodes: 2);
        var job = JobDefinition.MapReduce(
            "bad-reduce",
            (ctx, ct) => Task.FromResult(TaskOutcome.Success()),
            (ctx, results, ct) => throw new InvalidOperationException("sum overflow"));

        var result = sim.Run(job, Limit);

        Assert.Equal(JobOutcome.Failed, result.Outcome);
        Assert.Equal("reduce failed: reduce threw InvalidOperationException: sum overflow", result.FailureReason);
        Assert.True(result.ReduceRan);
    }

    [Fact]
    public async Task A_result_too_long_to_store_fails_the_task_with_the_stores_reason()
    {
        var max = TrackerOptions.MinMaxResultLength;
        await using var sim = new Simulation.Simulation(nodes: 1, new TrackerOptions { MaxResultLength = max });

        var result = sim.Run(JobDefinition.Standalone("big", (ctx, ct) => Task.FromResult(TaskOutcome.Success(new string('x', max + 1)))), Limit);

        Assert.Equal(JobOutcome.Failed, result.Outcome);
        Assert.Equal($"root task failed: SYSTEM: result could not be stored: {max + 1} characters, MaxResultLength is {max}", result.FailureReason);
    }

    [Fact]
    public async Task A_job_over_its_instance_timeout_fails_and_the_reason_names_the_timeout()
    {
        await using var sim = new Simulation.Simulation(nodes: 1);
        var job = JobDefinition.Standalone("slow", async (ctx, ct) =>
        {
            await ctx.DelayAsync(TimeSpan.FromMinutes(5), ct);
            return TaskOutcome.Success();
        }) with { InstanceTimeout = TimeSpan.FromSeconds(30) };

        var result = sim.Run(job, Limit);

        Assert.Equal(JobOutcome.Failed, result.Outcome);
        // PowerJob's order: the ProcessorTracker's own timeout check interrupts the task first, so the
        // status check sees a failed root before its own timeout check; the reason says why either way.
        Assert.Contains("instance timeout 00:00:30 exceeded", result.FailureReason);
        Assert.InRange(result.FinishedAt - result.StartedAt, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(45));
    }

    [Fact]
    public async Task Cancelling_a_job_ends_it_cancelled_and_stops_its_processor_trackers()
    {
        await using var sim = new Simulation.Simulation(nodes: 2);
        var job = JobDefinition.Standalone("forever", async (ctx, ct) =>
        {
            await ctx.DelayAsync(TimeSpan.FromDays(1), ct);
            return TaskOutcome.Success();
        });
        var submitted = sim.Scheduler.Start(() => sim.Cluster.SubmitAsync(job));
        sim.RunUntil(() => sim.Cluster.ProcessorTrackers().Count > 0, TimeSpan.FromSeconds(5));
        Assert.True(submitted.IsCompleted);
        var handle = await submitted;

        var cancelling = sim.Scheduler.Start(async () => { await handle.CancelAsync(); return true; });
        sim.RunUntil(() => handle.Completion.IsCompleted && sim.Cluster.ProcessorTrackers().Count == 0, TimeSpan.FromSeconds(5));

        Assert.True(cancelling.IsCompleted);
        Assert.Equal(JobOutcome.Cancelled, (await handle.Completion).Outcome);
        Assert.Empty(sim.Cluster.ProcessorTrackers());
    }
}
