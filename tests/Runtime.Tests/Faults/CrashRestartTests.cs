using TrackerRace.Runtime.Diagnostics;
using TrackerRace.Runtime.Faults;
using TrackerRace.Runtime.Jobs;
using TrackerRace.Runtime.Store;

namespace TrackerRace.Runtime.Tests.Faults;

/// <summary>Nodes and ProcessorTrackers dying mid-job (TrackerCluster.CrashNode, RestartNode, RestartProcessorTracker, crash points).</summary>
public sealed class CrashRestartTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(15);

    [Fact]
    public async Task A_worker_node_that_crashes_mid_task_and_never_returns_costs_a_resend_not_the_job()
    {
        var jobs = new CountingJobs();
        await using var sim = new Simulation.Simulation(nodes: 2);
        var handle = sim.Submit(jobs.MapReduce(longSeconds: 40));
        sim.Advance(TimeSpan.FromSeconds(10));

        sim.Cluster.CrashNode("n1");
        var result = sim.Finish(handle, Limit);

        Assert.True(result.Outcome == JobOutcome.Succeeded, result.FailureReason + sim.Timeline());
        Assert.Equal("0s on n0,40s on n0", result.Result);
        Assert.Equal(2, jobs.RunsOf("0.2"));
        Assert.Equal(1, jobs.Reduces);
        Assert.Contains(sim.Events.Of(TrackerEventKind.TrackerLost), e => e.Detail.Contains("PT@n1", StringComparison.Ordinal));
        Assert.False(sim.Cluster.IsUp("n1"));
    }

    [Fact]
    public async Task A_task_whose_node_never_returns_fails_naming_the_node_once_re_sends_are_exhausted()
    {
        var jobs = new CountingJobs();
        await using var sim = new Simulation.Simulation(nodes: 2, new TrackerOptions { MaxRedispatches = 0 });
        var handle = sim.Submit(jobs.MapReduce(longSeconds: 40));
        sim.Advance(TimeSpan.FromSeconds(10));

        sim.Cluster.CrashNode("n1");
        var result = sim.Finish(handle, Limit);

        Assert.Equal(JobOutcome.Failed, result.Outcome);
        Assert.Contains("task work(0.2) failed: SYSTEM: PT@n1 lost (silent for over 60s); sent 1 times, retries exhausted", result.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_worker_node_restarted_empty_gets_work_again()
    {
        var jobs = new CountingJobs();
        await using var sim = new Simulation.Simulation(nodes: 2);
        var handle = sim.Submit(jobs.MapReduce(longSeconds: 40));
        sim.Advance(TimeSpan.FromSeconds(10));

        sim.Cluster.CrashNode("n1");
        sim.Advance(TimeSpan.FromSeconds(5));
        var resumed = sim.Await(() => sim.Cluster.RestartNode("n1"));
        var result = sim.Finish(handle, Limit);

        Assert.Empty(resumed);
        Assert.True(result.Outcome == JobOutcome.Succeeded, result.FailureReason + sim.Timeline());
        Assert.Equal(1, jobs.Reduces);
        Assert.Single(sim.Events.Of(TrackerEventKind.NodeRestarted));
    }

    [Fact]
    public async Task The_task_tracker_node_crashing_with_an_in_memory_table_fails_the_job_naming_the_crash()
    {
        var jobs = new CountingJobs();
        await using var sim = new Simulation.Simulation(nodes: 2);
        var handle = sim.Submit(jobs.MapReduce(longSeconds: 40));
        sim.Advance(TimeSpan.FromSeconds(10));

        sim.Cluster.CrashNode("n0", "killed by the test");

        Assert.True(handle.Completion.IsCompleted, "the handle must not stay Running when nothing can resume the job");
        var result = await handle.Completion;
        Assert.Equal(JobOutcome.Failed, result.Outcome);
        Assert.Contains("TaskTracker node n0 killed by the test", result.FailureReason, StringComparison.Ordinal);
        Assert.Contains("in memory", result.FailureReason, StringComparison.Ordinal);
    }

    /// <summary>
    /// Nobody can stop the workers once the TaskTracker's node is gone for good; n1's tracker even holds a result it can
    /// no longer deliver. It goes by itself once its TaskTracker has been silent for the orphan timeout (300 s here).
    /// </summary>
    [Fact]
    public async Task Workers_of_a_task_tracker_whose_node_never_returns_go_away_by_themselves()
    {
        var jobs = new CountingJobs();
        await using var sim = new Simulation.Simulation(nodes: 2);
        var handle = sim.Submit(jobs.MapReduce(longSeconds: 40));
        sim.Advance(TimeSpan.FromSeconds(10));

        sim.Cluster.CrashNode("n0");
        sim.RunUntil(() => sim.Cluster.ProcessorTrackers().Count == 0, Limit);

        Assert.Equal(JobOutcome.Failed, (await handle.Completion).Outcome);
        Assert.Empty(sim.Cluster.ProcessorTrackers());
        var orphaned = Assert.Single(sim.Events.Of(TrackerEventKind.ProcessorTrackerDestroying), e => e.Node == "n1");
        Assert.Contains("orphaned: TT@n0 silent for 30", orphaned.Detail, StringComparison.Ordinal);
        Assert.Contains("1 undeliverable report(s)", orphaned.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_task_tracker_node_restarted_on_a_durable_table_resumes_keeps_finished_results_and_reduces_once()
    {
        var jobs = new CountingJobs();
        await using var sim = new Simulation.Simulation(nodes: 2, new TrackerOptions { TaskStores = new DurableInMemoryTaskStores() });
        var handle = sim.Submit(jobs.MapReduce(longSeconds: 40));
        sim.Advance(TimeSpan.FromSeconds(10));

        sim.Cluster.CrashNode("n0");
        Assert.Equal(JobOutcome.Running, handle.Status);
        sim.Advance(TimeSpan.FromSeconds(5));
        var resumed = sim.Await(() => sim.Cluster.RestartNode("n0"));
        var result = sim.Finish(handle, Limit);

        Assert.Same(handle, Assert.Single(resumed));
        Assert.True(result.Outcome == JobOutcome.Succeeded, result.FailureReason + sim.Timeline());
        Assert.Equal("0s on n0,40s on n1", result.Result);
        Assert.Equal(1, jobs.RunsOf("0.1"));
        Assert.Equal(1, jobs.RunsOf("0.2"));
        Assert.Equal(1, jobs.Reduces);
        Assert.Single(sim.Events.Of(TrackerEventKind.JobResumed));
    }

    [Fact]
    public async Task A_job_cancelled_while_its_task_tracker_node_is_down_ends_cancelled_and_is_not_resumed()
    {
        var jobs = new CountingJobs();
        await using var sim = new Simulation.Simulation(nodes: 2, new TrackerOptions { TaskStores = new DurableInMemoryTaskStores() });
        var handle = sim.Submit(jobs.MapReduce(longSeconds: 40));
        sim.Advance(TimeSpan.FromSeconds(10));
        sim.Cluster.CrashNode("n0");

        await handle.CancelAsync();
        var resumed = sim.Await(() => sim.Cluster.RestartNode("n0"));

        var result = await handle.Completion;
        Assert.Equal(JobOutcome.Cancelled, result.Outcome);
        Assert.Contains("while its TaskTracker node n0 was down", result.FailureReason, StringComparison.Ordinal);
        Assert.Empty(resumed);
        Assert.Equal(0, jobs.Reduces);
    }

    [Fact]
    public async Task A_restarted_processor_tracker_s_lost_task_is_sent_again_once_its_successor_reports()
    {
        var runs = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        var job = new JobDefinition
        {
            Name = "two-level",
            Kind = JobKind.Map,
            Process = async (ctx, ct) =>
            {
                runs.AddOrUpdate(ctx.TaskId, 1, (_, n) => n + 1);
                if (ctx.IsRoot)
                {
                    await ctx.MapAsync(["first", "long"], "level1", ct);
                }
                else if (ctx.Content == "first")
                {
                    await ctx.DelayAsync(TimeSpan.FromSeconds(20), ct);
                    await ctx.MapAsync(["a", "b"], "level2", ct);
                }
                else if (ctx.Content == "long")
                {
                    await ctx.DelayAsync(TimeSpan.FromSeconds(100), ct);
                }

                return TaskOutcome.Success();
            },
        };
        await using var sim = new Simulation.Simulation(nodes: 2);
        var handle = sim.Submit(job);
        sim.Advance(TimeSpan.FromSeconds(10));

        Assert.True(sim.Cluster.RestartProcessorTracker("n1", handle.InstanceId));
        var result = sim.Finish(handle, Limit);

        Assert.True(result.Outcome == JobOutcome.Succeeded, result.FailureReason + sim.Timeline());
        Assert.Equal(2, runs["0.2"]);
        var noticed = Assert.Single(sim.Events.Of(TrackerEventKind.TrackerLost));
        Assert.Contains("does not hold", noticed.Detail, StringComparison.Ordinal);
        Assert.True(noticed.Time - sim.Origin < TimeSpan.FromSeconds(60), "the successor's heartbeat, not the 60 s heartbeat timeout, must reveal the loss:" + Environment.NewLine + sim.Timeline());
    }

    [Fact]
    public async Task A_crash_after_the_map_is_stored_and_before_the_reply_does_not_map_twice()
    {
        var jobs = new CountingJobs();
        var crashes = new CrashOnce("n0", CrashPoint.TaskTrackerAfterWriteBeforeReply);
        await using var sim = new Simulation.Simulation(nodes: 2, new TrackerOptions { TaskStores = new DurableInMemoryTaskStores() }, crashPoints: crashes);
        var handle = sim.Submit(jobs.MapReduce(longSeconds: 10));
        sim.RunUntil(() => crashes.Crashed, Limit);

        Assert.False(sim.Cluster.IsUp("n0"));
        sim.Await(() => sim.Cluster.RestartNode("n0"));
        var result = sim.Finish(handle, Limit);

        Assert.True(result.Outcome == JobOutcome.Succeeded, result.FailureReason + sim.Timeline());
        Assert.Equal(2, jobs.RunsOf("0"));
        Assert.Equal(3, result.Tasks.Count(t => t.TaskName != Protocol.TaskNames.Last));
        Assert.Contains(sim.Events.Of(TrackerEventKind.TasksCreated), e => e.Detail.Contains("already stored", StringComparison.Ordinal));
        Assert.Equal(1, jobs.Reduces);
    }

    [Fact]
    public async Task Crash_and_restart_refuse_a_node_in_the_wrong_state_by_name()
    {
        await using var sim = new Simulation.Simulation(nodes: 2);

        Assert.Contains("'n9' is not a node of this cluster", Assert.Throws<ArgumentException>(() => sim.Cluster.CrashNode("n9")).Message, StringComparison.Ordinal);
        Assert.Contains("Node 'n1' is up", (await Assert.ThrowsAsync<InvalidOperationException>(() => sim.Cluster.RestartNode("n1"))).Message, StringComparison.Ordinal);
        sim.Cluster.CrashNode("n1");
        Assert.Contains("already down", Assert.Throws<InvalidOperationException>(() => sim.Cluster.CrashNode("n1")).Message, StringComparison.Ordinal);
        var refused = sim.Await(() => sim.Cluster.SubmitAsync(JobDefinition.Standalone("on-a-dead-node", (ctx, ct) => Task.FromResult(TaskOutcome.Success())), "n1"));
        Assert.Equal(JobOutcome.Failed, refused.Status);
        Assert.Contains("'n1' is down", (await refused.Completion).FailureReason, StringComparison.Ordinal);
    }

    private sealed class CrashOnce(string node, CrashPoint point) : ICrashPoints
    {
        public bool Crashed { get; private set; }

        public bool CrashHere(string at, CrashPoint reached)
        {
            if (this.Crashed || at != node || reached != point)
            {
                return false;
            }

            this.Crashed = true;
            return true;
        }
    }
}
