using Check = TrackerRace.Analyzers.Tests.Verification.AnalyzerCheck<TrackerRace.Analyzers.UndeliveredWorkFailedAnalyzer>;

namespace TrackerRace.Analyzers.Tests;

public sealed class UndeliveredWorkFailedAnalyzerTests
{
    private const string Store = """
        using System.Collections.Generic;
        enum TaskStatus { Waiting, Dispatched, Running, Succeeded, Failed }
        sealed record TaskRow(string Id, TaskStatus Status);
        interface ITaskStore { void Insert(TaskRow row); IReadOnlyList<TaskRow> GetUnfinishedByAddress(string address); IReadOnlyList<TaskRow> All(); }
        static class TaskStores { public static ITaskStore Create() => null!; }
        """;

    [Fact]
    public async Task Flags_failing_everything_addressed_to_a_tracker_that_went_idle_from_the_task_store_it_declares()
    {
        // A task row is data: only the user can say that the table holds work (#1033's TaskTracker does, in src/Runtime).
        const string source = Store + """
            sealed class TaskTracker
            {
                [TrackerRace.Annotations.PendingWork] readonly ITaskStore store = TaskStores.Create();
                public void Submit(TaskRow task) => {|#3:store.Insert(task)|};
                void OnIdle(string address)
                {
                    var unfinished = {|#1:store.GetUnfinishedByAddress(address)|};
                    foreach (var task in {|#2:unfinished|})
                    {
                        UpdateStatus(task.Id, {|#0:TaskStatus.Failed|});
                    }
                }
                void UpdateStatus(string id, TaskStatus status) { }
            }
            """;

        await Check.VerifyAsync(source, Check.Diagnostic("TRK005").WithLocation(0).WithLocation(2).WithLocation(3)
            .WithArguments("OnIdle", "store.GetUnfinishedByAddress(address)"));
    }

    [Fact]
    public async Task Flags_failing_pending_replies_of_one_peer_from_the_store_it_fills()
    {
        const string source = """
            using System;
            using System.Collections.Generic;
            using System.Threading.Tasks;
            sealed class RequestStore
            {
                public void Add(string peer, TaskCompletionSource<string> reply) { }
                public IEnumerable<TaskCompletionSource<string>> For(string peer) => Array.Empty<TaskCompletionSource<string>>();
            }
            sealed class Router
            {
                readonly RequestStore replies = new();
                public Task<string> AskAsync(string peer)
                {
                    var reply = new TaskCompletionSource<string>();
                    {|#2:replies.Add(peer, reply)|};
                    return reply.Task;
                }
                public void OnPeerGone(string peer)
                {
                    foreach (var reply in {|#1:replies.For(peer)|})
                    {
                        {|#0:reply.TrySetException(new InvalidOperationException(peer + " left"))|};
                    }
                }
            }
            """;

        await Check.VerifyAsync(source, Check.Diagnostic("TRK005").WithLocation(0).WithLocation(1).WithLocation(2)
            .WithArguments("OnPeerGone", "replies.For(peer)"));
    }

    [Fact]
    public async Task Does_not_flag_when_delivered_and_undelivered_work_are_told_apart()
    {
        const string source = Store + """
            sealed class TaskTracker
            {
                readonly ITaskStore store = null!;
                void OnIdle(string address)
                {
                    foreach (var task in store.GetUnfinishedByAddress(address))
                    {
                        if (task.Status == TaskStatus.Waiting) { Requeue(task.Id); continue; }
                        UpdateStatus(task.Id, TaskStatus.Failed);
                    }
                }
                void Requeue(string id) { }
                void UpdateStatus(string id, TaskStatus status) { }
            }
            """;

        await Check.VerifyAsync(source);
    }

    [Fact]
    public async Task Does_not_flag_a_failure_that_is_only_one_branch()
    {
        const string source = Store + """
            sealed class TaskTracker
            {
                readonly ITaskStore store = null!;
                bool retry;
                void OnLost(string address)
                {
                    foreach (var task in store.GetUnfinishedByAddress(address))
                    {
                        Write(retry ? task with { Status = TaskStatus.Waiting } : task with { Status = TaskStatus.Failed });
                    }
                }
                void Write(TaskRow row) { }
            }
            """;

        await Check.VerifyAsync(source);
    }

    [Fact]
    public async Task Does_not_flag_teardown_members_or_unaddressed_queries()
    {
        const string source = Store + """
            sealed class TaskTracker : System.IDisposable
            {
                readonly ITaskStore store = null!;
                public void Dispose()
                {
                    foreach (var task in store.GetUnfinishedByAddress("any")) { Fail(task.Id); }
                }
                void OnShutdownRequested()
                {
                    foreach (var task in store.All()) { Fail(task.Id); }
                }
                void Fail(string id) { }
            }
            """;

        await Check.VerifyAsync(source);
    }

    [Fact]
    public async Task Follows_an_extension_lookup_with_a_fallback_into_the_table_it_fills_and_drains()
    {
        const string source = """
            using System.Collections.Generic;
            sealed class Owner
            {
                readonly Dictionary<string, List<System.Action>> pendingByWorker = new();
                public void Assign(string worker, List<System.Action> tasks) => {|#2:pendingByWorker[worker] = tasks|};
                public void OnWorkerDone(string worker)
                {
                    if (pendingByWorker.Remove(worker, out var tasks)) foreach (var task in tasks) task();
                }
                public void OnWorkerIdle(string worker)
                {
                    foreach (var task in {|#1:pendingByWorker.GetValueOrDefault(worker) ?? new List<System.Action>()|})
                    {
                        {|#0:MarkFailed(task)|};
                    }
                }
                void MarkFailed(System.Action task) { }
            }
            """;

        await Check.VerifyAsync(source, Check.Diagnostic("TRK005").WithLocation(0).WithLocation(1).WithLocation(2)
            .WithArguments("OnWorkerIdle", "pendingByWorker.GetValueOrDefault(worker)"));
    }
}
