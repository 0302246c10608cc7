using Microsoft.Data.Sqlite;
using TrackerRace.Runtime.Diagnostics;
using TrackerRace.Runtime.Jobs;
using TrackerRace.Runtime.Store.Sqlite;
using TrackerRace.Runtime.Tests.Faults;

namespace TrackerRace.Runtime.Tests.Store;

/// <summary>
/// A process restart on real files: one cluster stops mid-job (its process "exits"), a new one on the same folder
/// resumes the job from the TaskTracker node's SQLite file with <see cref="TrackerCluster.ResumeAsync"/>.
/// </summary>
public sealed class RestartFromFileTests : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(15);
    private readonly TempFolder folder = new();

    public void Dispose() => this.folder.Dispose();

    [Fact]
    public async Task A_new_process_resumes_the_job_from_the_file_keeps_finished_results_and_reduces_once()
    {
        var jobs = new CountingJobs();
        long instance;
        await using (var before = new Simulation.Simulation(nodes: 2, new TrackerOptions { TaskStores = new SqliteTaskStores(this.folder.Path) }))
        {
            var running = before.Submit(jobs.MapReduce(longSeconds: 40));
            before.Advance(TimeSpan.FromSeconds(15));
            Assert.Equal(JobOutcome.Running, running.Status);
            instance = running.InstanceId;
        }

        SqliteConnection.ClearAllPools();
        await using var after = new Simulation.Simulation(nodes: 2, new TrackerOptions { TaskStores = new SqliteTaskStores(this.folder.Path, new() { CreateIfMissing = false }) });
        var resumed = after.Await(() => after.Cluster.ResumeAsync([jobs.MapReduce(longSeconds: 40)]));
        var result = after.Finish(Assert.Single(resumed), Limit);

        Assert.Equal(instance, result.InstanceId);
        Assert.True(result.Outcome == JobOutcome.Succeeded, result.FailureReason + after.Timeline());
        Assert.Equal(1, jobs.RunsOf("0"));
        Assert.Equal(1, jobs.RunsOf("0.1"));
        Assert.Equal(2, jobs.RunsOf("0.2"));
        Assert.Equal(1, jobs.Reduces);
        Assert.Single(after.Events.Of(TrackerEventKind.JobResumed));
        Assert.Empty(new SqliteTaskStores(this.folder.Path).UnfinishedInstances("n0"));
    }

    [Fact]
    public async Task Resuming_without_an_instance_s_job_names_it_and_resumes_nothing()
    {
        var jobs = new CountingJobs();
        await using (var before = new Simulation.Simulation(nodes: 2, new TrackerOptions { TaskStores = new SqliteTaskStores(this.folder.Path) }))
        {
            before.Submit(jobs.MapReduce(longSeconds: 40, name: "nightly-report"));
            before.Advance(TimeSpan.FromSeconds(15));
        }

        SqliteConnection.ClearAllPools();
        await using var after = new Simulation.Simulation(nodes: 2, new TrackerOptions { TaskStores = new SqliteTaskStores(this.folder.Path) });

        var refused = await Assert.ThrowsAsync<ArgumentException>(() => after.Cluster.ResumeAsync([jobs.MapReduce(longSeconds: 40, name: "other")]));

        Assert.Contains("instance 1 on n0 (job 'nightly-report')", refused.Message, StringComparison.Ordinal);
        Assert.Contains("nothing was resumed", refused.Message, StringComparison.Ordinal);
        Assert.Single(new SqliteTaskStores(this.folder.Path).UnfinishedInstances("n0"));
    }

    [Fact]
    public void A_schema_1_file_is_upgraded_in_place_and_keeps_its_unfinished_instance_for_resume()
    {
        var path = Path.Combine(this.folder.Path, "n0.tasks.db");
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = """
                CREATE TABLE tasks (seq INTEGER PRIMARY KEY AUTOINCREMENT, instance_id INTEGER NOT NULL, task_id TEXT NOT NULL, task_name TEXT NOT NULL,
                    content TEXT, address TEXT, status INTEGER NOT NULL, result TEXT, failed_count INTEGER NOT NULL, created_time INTEGER NOT NULL,
                    last_modified_time INTEGER NOT NULL, last_report_time INTEGER NOT NULL, ever_received INTEGER NOT NULL, UNIQUE (instance_id, task_id));
                INSERT INTO tasks (instance_id, task_id, task_name, status, failed_count, created_time, last_modified_time, last_report_time, ever_received)
                    VALUES (3, '0', 'ROOT_TASK', 6, 0, 1000, 1000, 1000, 1), (4, '0', 'ROOT_TASK', 2, 0, 2000, 2000, -1, 0);
                PRAGMA user_version = 1;
                """;
            command.ExecuteNonQuery();
        }

        var stores = new SqliteTaskStores(this.folder.Path);
        var unfinished = stores.UnfinishedInstances("n0");

        var only = Assert.Single(unfinished);
        Assert.Equal(4, only.InstanceId);
        Assert.Equal(string.Empty, only.JobName);
        Assert.Equal(4, stores.HighestInstanceId("n0"));
        Assert.Equal(4L, ReadVersionAndCount(path, "instances"));
    }

    private static long ReadVersionAndCount(string path, string table)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var version = connection.CreateCommand();
        version.CommandText = "PRAGMA user_version";
        Assert.Equal(2L, (long)version.ExecuteScalar()!);
        using var count = connection.CreateCommand();
        count.CommandText = $"SELECT count(*) + 2 FROM {table}";
        return (long)count.ExecuteScalar()!;
    }
}
