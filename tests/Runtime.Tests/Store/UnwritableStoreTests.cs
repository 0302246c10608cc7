using TrackerRace.Runtime.Jobs;
using TrackerRace.Runtime.Store.Sqlite;
using TrackerRace.TestSupport;

namespace TrackerRace.Runtime.Tests.Store;

/// <summary>
/// A task store the process cannot write, on real file systems: refused when opened, or, when the disk fills mid-job,
/// the job fails and its <see cref="JobHandle"/> carries the <see cref="TaskStoreFileException"/>. Never Running for
/// ever, never only a log line (the default has no logger).
/// </summary>
public sealed class UnwritableStoreTests : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(30);
    private readonly TempFolder folder = new();

    public void Dispose() => this.folder.Dispose();

    [RootFact]
    public void An_immutable_file_is_refused_when_opened_though_SQLite_would_open_it_read_only()
    {
        var file = this.folder.File("n0.tasks.db");
        SqliteTaskDatabase.Open(file).Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        ChildProcess.Run("chattr", "+i", file);
        try
        {
            var refused = Assert.Throws<TaskStoreFileException>(() => SqliteTaskDatabase.Open(file));

            Assert.Equal(TaskStoreFileProblem.NotWritable, refused.Problem);
            Assert.Equal(file, refused.FilePath);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            ChildProcess.Run("chattr", "-i", file);
        }
    }

    [RootFact]
    public void A_store_on_a_file_system_remounted_read_only_is_refused_when_opened()
    {
        using var disk = new Tmpfs(this.folder.File("ro"), kilobytes: 4096);
        var file = Path.Combine(disk.Path, "n0.tasks.db");
        SqliteTaskDatabase.Open(file).Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        disk.RemountReadOnly();

        var refused = Assert.Throws<TaskStoreFileException>(() => SqliteTaskDatabase.Open(file));

        Assert.Equal(TaskStoreFileProblem.NotWritable, refused.Problem);
        Assert.Contains("read-only", refused.Message, StringComparison.Ordinal);
    }

    [RootFact]
    public async Task A_disk_that_fills_mid_job_fails_the_job_and_the_handle_carries_the_store_error()
    {
        using var disk = new Tmpfs(this.folder.File("full"), kilobytes: 512);
        using var stores = new SqliteTaskStores(disk.Path);
        await using var sim = new Simulation.Simulation(nodes: 2, new TrackerOptions { TaskStores = stores });

        // 300 results of 4 KB: over twice what the disk holds, whatever SQLite reuses of its WAL.
        var handle = sim.Submit(BigResults(tasks: 300, resultBytes: 4096));
        var result = sim.Finish(handle, Limit);

        Assert.True(result.Outcome == JobOutcome.Failed, $"{result.Outcome}: {result.FailureReason}\n{sim.Timeline()}");
        var error = Assert.IsType<TaskStoreFileException>(result.Error);
        Assert.Equal(TaskStoreFileProblem.Unavailable, error.Problem);
        Assert.StartsWith("the task store cannot be written: ", result.FailureReason, StringComparison.Ordinal);
        Assert.Contains("disk is full", result.FailureReason, StringComparison.Ordinal);
    }

    [RootFact]
    public async Task A_submit_on_a_read_only_file_system_fails_the_job_with_the_store_error()
    {
        using var disk = new Tmpfs(this.folder.File("ro-submit"), kilobytes: 4096);
        disk.RemountReadOnly();
        using var stores = new SqliteTaskStores(disk.Path);
        await using var sim = new Simulation.Simulation(nodes: 2, new TrackerOptions { TaskStores = stores });

        var result = sim.Run(BigResults(tasks: 2, resultBytes: 16), Limit);

        Assert.Equal(JobOutcome.Failed, result.Outcome);
        Assert.Equal(TaskStoreFileProblem.NotWritable, Assert.IsType<TaskStoreFileException>(result.Error).Problem);
        Assert.Contains("read-only", result.FailureReason, StringComparison.Ordinal);
    }

    private static JobDefinition BigResults(int tasks, int resultBytes) => JobDefinition.MapReduce(
        "big-results",
        process: async (ctx, ct) =>
        {
            if (ctx.IsRoot)
            {
                await ctx.MapAsync(Enumerable.Range(0, tasks).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), "part", ct);
                return TaskOutcome.Success();
            }

            return TaskOutcome.Success(new string('x', resultBytes));
        },
        reduce: (ctx, results, ct) => Task.FromResult(TaskOutcome.Success(results.Count.ToString(System.Globalization.CultureInfo.InvariantCulture))));
}
