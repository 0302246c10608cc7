using TrackerRace.Runtime.Protocol;
using TrackerRace.Runtime.Store;
using TaskStatus = TrackerRace.Runtime.Protocol.TaskStatus;

namespace TrackerRace.Runtime.Tests.Store;

/// <summary>What every <see cref="ITaskStore"/> must do; each store's test class runs these against a fresh store of its kind.</summary>
public abstract class TaskStoreContract
{
    /// <summary>A fresh, empty store that refuses results over <paramref name="maxResultLength"/> characters.</summary>
    protected abstract ITaskStore NewStore(int maxResultLength = 1 << 20);

    protected static TaskRecord Task(string id, TaskStatus status = TaskStatus.WaitingDispatch, string? address = null, string name = "map") =>
        new() { TaskId = id, TaskName = name, Status = status, Address = address, CreatedTime = 1, LastModifiedTime = 1 };

    [Fact]
    public void Inserted_tasks_come_back_whole_and_in_creation_order()
    {
        var store = this.NewStore();
        var rich = Task("0.2") with { Content = "payload", Result = null, FailedCount = 2, LastReportTime = 7, EverReceived = true };

        Assert.True(store.Insert([Task("0"), Task("0.1"), rich]).Succeeded);

        Assert.Equal(["0", "0.1", "0.2"], store.Snapshot().Select(t => t.TaskId));
        Assert.Equal(rich, store.Find("0.2"));
        Assert.Equal(3, store.Count);
    }

    [Fact]
    public void A_duplicate_id_fails_the_whole_batch_and_stores_none_of_it()
    {
        var store = this.NewStore();
        store.Insert([Task("0")]);

        var result = store.Insert([Task("0.1"), Task("0")]);

        Assert.False(result.Succeeded);
        Assert.Contains("task id '0' already exists", result.Error);
        Assert.Null(store.Find("0.1"));
        Assert.Equal(1, store.Count);
    }

    [Fact]
    public void Queries_by_status_address_and_finished_results_match_the_rows()
    {
        var store = this.NewStore();
        store.Insert([
            Task("0", TaskStatus.Succeeded), Task("0.1", TaskStatus.WorkerProcessing, "n1"), Task("0.2", TaskStatus.DispatchedUnchecked, "N1"),
            Task("0.3", TaskStatus.Failed, "n1"), Task("0.4"), Task("0.5"), Task(TaskNames.LastTaskId, TaskStatus.Succeeded, "n0", TaskNames.Last)]);

        Assert.Equal(["0.4"], store.GetByStatus(TaskStatus.WaitingDispatch, 1).Select(t => t.TaskId));
        Assert.Equal(["0.1", "0.2"], store.GetUnfinishedByAddress("n1").Select(t => t.TaskId));
        Assert.Equal(["0", "0.3"], store.GetFinishedResults().Select(t => t.TaskId));
        var counts = store.CountByStatus();
        Assert.Equal(2, counts[TaskStatus.Succeeded]);
        Assert.Equal(2, counts[TaskStatus.WaitingDispatch]);
        Assert.Equal(0, counts[TaskStatus.WorkerReceived]);
    }

    [Theory]
    [InlineData(TaskStatus.WaitingDispatch, TaskStatus.DispatchedUnchecked, 0, true)]
    [InlineData(TaskStatus.DispatchedUnchecked, TaskStatus.Succeeded, 0, true)]
    [InlineData(TaskStatus.WorkerProcessing, TaskStatus.WaitingDispatch, 0, true)]
    [InlineData(TaskStatus.Failed, TaskStatus.WaitingDispatch, 1, true)]
    [InlineData(TaskStatus.Failed, TaskStatus.Succeeded, 0, true)]
    [InlineData(TaskStatus.Failed, TaskStatus.WorkerProcessing, 0, false)]
    [InlineData(TaskStatus.WorkerProcessing, TaskStatus.WorkerReceived, 0, false)]
    [InlineData(TaskStatus.Succeeded, TaskStatus.WorkerProcessing, 0, false)]
    [InlineData(TaskStatus.Succeeded, TaskStatus.Failed, 0, false)]
    [InlineData(TaskStatus.Succeeded, TaskStatus.WaitingDispatch, 1, false)]
    [InlineData(TaskStatus.Failed, TaskStatus.WaitingDispatch, 0, false)]
    public void The_store_enforces_the_monotonic_status_rule(TaskStatus from, TaskStatus to, int addedFailures, bool allowed)
    {
        var store = this.NewStore();
        store.Insert([Task("0.1", from)]);

        var result = store.Update(Task("0.1", to) with { FailedCount = addedFailures });

        Assert.Equal(allowed, result.Succeeded);
        Assert.Equal(allowed ? to : from, store.Find("0.1")!.Status);
        if (!allowed)
        {
            Assert.Contains($"cannot go from {(int)from} {from} to {(int)to} {to}", result.Error);
        }
    }

    [Fact]
    public void Updating_a_task_that_does_not_exist_fails_and_creates_nothing()
    {
        var store = this.NewStore();

        var result = store.Update(Task("0.9", TaskStatus.Succeeded));

        Assert.False(result.Succeeded);
        Assert.Contains("task id '0.9' does not exist", result.Error);
        Assert.Equal(0, store.Count);
    }

    [Fact]
    public void An_oversized_result_is_refused_with_the_limit_and_the_row_is_unchanged()
    {
        var store = this.NewStore(maxResultLength: 300);
        store.Insert([Task("0.1", TaskStatus.WorkerProcessing)]);

        var result = store.Update(Task("0.1", TaskStatus.Succeeded) with { Result = new string('x', 301) });

        Assert.False(result.Succeeded);
        Assert.Contains("has 301 characters; the store accepts at most 300", result.Error);
        Assert.Equal(TaskStatus.WorkerProcessing, store.Find("0.1")!.Status);
    }

    [Fact]
    public void Concurrent_writers_and_readers_lose_no_task_and_see_no_half_written_batch()
    {
        var store = this.NewStore();
        var batches = Enumerable.Range(0, 20).Select(b => Enumerable.Range(0, 10).Select(i => Task($"0.{b}.{i}")).ToList()).ToList();
        var torn = 0;

        Parallel.Invoke(
            () => Parallel.ForEach(batches, new ParallelOptions { MaxDegreeOfParallelism = 4 }, batch => Assert.True(store.Insert(batch).Succeeded)),
            () =>
            {
                for (var read = 0; read < 50; read++)
                {
                    if (store.Snapshot().Count % 10 != 0)
                    {
                        Interlocked.Increment(ref torn);
                    }
                }
            });

        Assert.Equal(200, store.Count);
        Assert.Equal(0, torn);
    }
}
