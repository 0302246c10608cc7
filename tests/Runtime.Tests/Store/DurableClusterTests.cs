using TrackerRace.Runtime.Jobs;
using TrackerRace.Runtime.Protocol;
using TrackerRace.Runtime.Store.Sqlite;
using TrackerRace.Runtime.Tests.Simulation;
using TaskStatus = TrackerRace.Runtime.Protocol.TaskStatus;

namespace TrackerRace.Runtime.Tests.Store;

/// <summary>A cluster whose TaskTrackers keep their tables in a file per node (TrackerOptions.TaskStores).</summary>
public sealed class DurableClusterTests : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(10);
    private readonly TempFolder folder = new();

    public void Dispose() => this.folder.Dispose();

    [Fact]
    public async Task A_map_reduce_job_leaves_its_whole_table_in_the_task_tracker_node_s_file()
    {
        var stores = new SqliteTaskStores(this.folder.Path);
        await using var sim = new Simulation.Simulation(nodes: 2, new TrackerOptions { TaskStores = stores });

        var result = sim.Run(TestJobs.LongMapPhase(TimeSpan.FromSeconds(30)), Limit);

        Assert.True(result.Outcome == JobOutcome.Succeeded, result.FailureReason);
        var table = SqliteTaskDatabase.Open(stores.FileOf("n0"), new() { CreateIfMissing = false }).ForInstance(result.InstanceId).Snapshot();
        Assert.Equal(result.Tasks.Select(t => t.TaskId).Order(), table.Select(t => t.TaskId).Order());
        Assert.All(table, t => Assert.Equal(TaskStatus.Succeeded, t.Status));
        Assert.Contains(table, t => t.TaskName == TaskNames.Last);
        Assert.False(File.Exists(stores.FileOf("n1")), "n1 ran no TaskTracker, so it needs no file");
    }

    [Fact]
    public async Task A_new_cluster_on_the_same_files_numbers_its_instances_after_the_ones_stored()
    {
        long first;
        await using (var before = new Simulation.Simulation(nodes: 1, new TrackerOptions { TaskStores = new SqliteTaskStores(this.folder.Path) }))
        {
            first = before.Run(JobDefinition.Standalone("before", (ctx, ct) => Task.FromResult(TaskOutcome.Success("1"))), Limit).InstanceId;
        }

        await using var after = new Simulation.Simulation(nodes: 1, new TrackerOptions { TaskStores = new SqliteTaskStores(this.folder.Path) });
        var result = after.Run(JobDefinition.Standalone("after", (ctx, ct) => Task.FromResult(TaskOutcome.Success("2"))), Limit);

        Assert.True(result.Outcome == JobOutcome.Succeeded, result.FailureReason);
        Assert.True(result.InstanceId > first, $"instance {result.InstanceId} reuses an id at or below {first}, which the file already holds");
    }
}
