using TrackerRace.Analyzers.Tests.Verification;
using Check = TrackerRace.Analyzers.Tests.Verification.AnalyzerCheck<TrackerRace.Analyzers.TeardownIgnoresPendingWorkAnalyzer>;

namespace TrackerRace.Analyzers.Tests;

public sealed class TeardownIgnoresPendingWorkAnalyzerTests
{
    [Fact]
    public async Task Flags_a_dispose_that_cancels_the_worker_loop_without_looking_at_the_queue_it_drains()
    {
        const string source = """
            using System;
            using System.Collections.Concurrent;
            using System.Threading;
            using System.Threading.Tasks;
            sealed class Worker : IDisposable
            {
                readonly ConcurrentQueue<Action> {|#3:queue|} = new();
                readonly CancellationTokenSource cts = new();
                public Worker() => Task.Run(Loop);
                public void Enqueue(Action work) => {|#2:queue.Enqueue(work)|};
                void Loop() { while (!cts.IsCancellationRequested) { if (queue.TryDequeue(out var work)) work(); } }
                public void {|#0:Dispose|}()
                {
                    {|#1:cts.Cancel()|};
                }
            }
            """;

        await Check.VerifyAsync(source, Check.Diagnostic("TRK001").WithLocation(0).WithLocation(1).WithLocation(2).WithLocation(3).WithArguments("Dispose", "cts.Cancel()", "queue"));
    }

    [Fact]
    public async Task Flags_an_async_stop_of_a_channel_loop()
    {
        const string source = """
            using System.Threading;
            using System.Threading.Channels;
            using System.Threading.Tasks;
            sealed class Dispatcher
            {
                readonly Channel<string> {|#3:work|} = Channel.CreateUnbounded<string>();
                readonly CancellationTokenSource stopping = new();
                Task loop = Task.CompletedTask;
                public void Post(string item) => {|#2:work.Writer.TryWrite(item)|};
                public void Start() => loop = Task.Run(async () => { await foreach (var item in work.Reader.ReadAllAsync(stopping.Token)) { } });
                public async Task {|#0:StopAsync|}()
                {
                    {|#1:stopping.Cancel()|};
                    await loop;
                }
            }
            """;

        await Check.VerifyAsync(source, Check.Diagnostic("TRK001").WithLocation(0).WithLocation(1).WithLocation(2).WithLocation(3).WithArguments("StopAsync", "stopping.Cancel()", "work"));
    }

    [Fact]
    public async Task Flags_the_one_path_that_skips_the_check_of_the_tasks_its_timer_runs()
    {
        const string source = """
            using System;
            using System.Collections.Generic;
            using System.Threading;
            sealed class ProcessorTracker
            {
                readonly Queue<System.Action> {|#3:pendingTasks|} = new();
                readonly Timer checker;
                public ProcessorTracker() => checker = new(_ => RunNext());
                public void Submit(System.Action task) => {|#2:pendingTasks.Enqueue(task)|};
                void RunNext() { if (pendingTasks.TryDequeue(out var task)) task(); }
                public void {|#0:Destroy|}(bool force)
                {
                    if (force)
                    {
                        {|#1:checker.Dispose()|};
                        return;
                    }
                    if (pendingTasks.Count > 0)
                    {
                        return;
                    }
                    checker.Dispose();
                }
            }
            """;

        await Check.VerifyAsync(source, Check.Diagnostic("TRK001").WithLocation(0).WithLocation(1).WithLocation(2).WithLocation(3).WithArguments("Destroy", "checker.Dispose()", "pendingTasks"));
    }

    [Fact]
    public async Task Does_not_flag_when_every_path_consults_the_pending_work_first()
    {
        const string source = """
            using System;
            using System.Collections.Generic;
            using System.Threading;
            sealed class ProcessorTracker
            {
                readonly Dictionary<long, string> inFlight = new();
                readonly Timer checker = new(_ => { });
                public void Destroy()
                {
                    if (inFlight.Count > 0)
                    {
                        throw new InvalidOperationException("work in flight");
                    }
                    checker.Dispose();
                }
            }
            """;

        await Check.VerifyAsync(source);
    }

    [Fact]
    public async Task Follows_a_helper_that_drains_the_queue()
    {
        const string source = """
            using System;
            using System.Collections.Concurrent;
            using System.Threading;
            sealed class Worker : IDisposable
            {
                readonly BlockingCollection<Action> backlog = new();
                readonly Timer timer = new(_ => { });
                public void Dispose()
                {
                    Drain();
                    timer.Dispose();
                }
                void Drain()
                {
                    while (backlog.TryTake(out var work)) { work(); }
                }
            }
            """;

        await Check.VerifyAsync(source);
    }

    [Fact]
    public async Task Does_not_flag_types_without_evident_pending_work()
    {
        const string source = """
            using System;
            using System.Collections.Generic;
            using System.Threading;
            sealed class Poller : IDisposable
            {
                readonly List<string> names = new();
                readonly Timer timer = new(_ => { });
                public void Dispose() => timer.Dispose();
            }
            """;

        await Check.VerifyAsync(source);
    }

    [Fact]
    public async Task Flags_a_decision_that_returns_a_teardown_value_without_asking_the_context()
    {
        const string source = """
            using System.Threading.Tasks;
            using TrackerRace.Annotations;
            enum Verdict { Stay, [Teardown] Leave }
            interface IWorkerView { [PendingWork] bool {|#2:HasWork|} { get; } bool IsLocal { get; } }
            sealed class TimeOnly
            {
                public Task<Verdict> {|#0:DecideAsync|}(IWorkerView view) => Task.FromResult(view.IsLocal ? Verdict.Stay : {|#1:Verdict.Leave|});
            }
            sealed class Careful
            {
                public Verdict Decide(IWorkerView view) => view.HasWork ? Verdict.Stay : Verdict.Leave;
            }
            """;

        await Check.VerifyAsync(source, Check.Diagnostic("TRK001").WithLocation(0).WithLocation(1).WithLocation(2).WithArguments("DecideAsync", "Verdict.Leave", "HasWork"));
    }

    [Fact]
    public async Task Honours_editorconfig_teardown_names_and_pending_work_types()
    {
        const string source = """
            using System.Threading;
            sealed class WorkTable { public int Rows; }
            sealed class Node
            {
                readonly WorkTable {|#2:table|} = new();
                readonly CancellationTokenSource life = new();
                public void {|#0:Retire|}() => {|#1:life.Cancel()|};
            }
            """;

        await Check.VerifyAsync(
            source,
            "trackerrace.teardown_methods = Retire\ntrackerrace.pending_work_types = WorkTable",
            Check.Diagnostic("TRK001").WithLocation(0).WithLocation(1).WithLocation(2).WithArguments("Retire", "life.Cancel()", "table"));
    }

    [Fact]
    public async Task Honours_marker_attributes()
    {
        const string source = """
            using System.Threading;
            using TrackerRace.Annotations;
            sealed class Node
            {
                [PendingWork] readonly object {|#2:outstanding|} = new();
                readonly CancellationTokenSource life = new();
                [Teardown] public void {|#0:Evict|}() => {|#1:life.Cancel()|};
            }
            """;

        await Check.VerifyAsync(source, Check.Diagnostic("TRK001").WithLocation(0).WithLocation(1).WithLocation(2).WithArguments("Evict", "life.Cancel()", "outstanding"));
    }

    [Fact]
    public async Task Does_not_flag_a_check_and_teardown_under_a_lock()
    {
        const string source = """
            using System.Collections.Generic;
            using System.Threading;
            sealed class Worker
            {
                readonly object gate = new();
                readonly Queue<string> queue = new();
                readonly Timer timer = new(_ => { });
                bool stopped;
                public void Stop()
                {
                    lock (gate)
                    {
                        if (queue.Count > 0) return;
                        stopped = true;
                    }
                    timer.Dispose();
                }
            }
            """;

        await Check.VerifyAsync(source);
    }

    [Fact]
    public async Task Flags_a_teardown_under_a_semaphore_that_never_reads_the_in_flight_table_its_replies_complete()
    {
        const string source = """
            using System.Collections.Concurrent;
            using System.Threading;
            using System.Threading.Tasks;
            sealed class Client
            {
                readonly SemaphoreSlim mutex = new(1, 1);
                readonly ConcurrentDictionary<long, TaskCompletionSource<string>> {|#3:inFlight|} = new();
                readonly CancellationTokenSource life = new();
                public Task<string> SendAsync(long id)
                {
                    var reply = new TaskCompletionSource<string>();
                    {|#2:inFlight[id] = reply|};
                    return reply.Task;
                }
                public void OnReply(long id, string body)
                {
                    if (!life.IsCancellationRequested && inFlight.TryRemove(id, out var reply)) reply.SetResult(body);
                }
                public async Task {|#0:CloseAsync|}()
                {
                    await mutex.WaitAsync();
                    try { {|#1:life.Cancel()|}; }
                    finally { mutex.Release(); }
                }
            }
            """;

        await Check.VerifyAsync(source, Check.Diagnostic("TRK001").WithLocation(0).WithLocation(1).WithLocation(2).WithLocation(3).WithArguments("CloseAsync", "life.Cancel()", "inFlight"));
    }

    [Fact]
    public async Task Flags_the_switch_arm_that_decides_teardown_without_looking()
    {
        const string source = """
            using TrackerRace.Annotations;
            enum Verdict { Stay, [Teardown] Leave }
            enum Mode { Strict, Lenient }
            interface IView { [PendingWork] int {|#2:QueuedForMe|} { get; } }
            sealed class Policy
            {
                public Verdict {|#0:Decide|}(IView view, Mode mode)
                {
                    switch (mode)
                    {
                        case Mode.Strict:
                            return view.QueuedForMe == 0 ? Verdict.Leave : Verdict.Stay;
                        default:
                            return {|#1:Verdict.Leave|};
                    }
                }
            }
            """;

        await Check.VerifyAsync(source, Check.Diagnostic("TRK001").WithLocation(0).WithLocation(1).WithLocation(2).WithArguments("Decide", "Verdict.Leave", "QueuedForMe"));
    }

    [Fact]
    public async Task Flags_an_explicit_interface_dispose()
    {
        const string source = """
            using System;
            using System.Collections.Concurrent;
            using System.Threading;
            using System.Threading.Tasks;
            sealed class Worker : IDisposable
            {
                readonly ConcurrentQueue<Action> {|#3:queue|} = new();
                readonly CancellationTokenSource cts = new();
                public Worker() => Task.Run(Loop);
                public void Enqueue(Action work) => {|#2:queue.Enqueue(work)|};
                void Loop() { while (!cts.IsCancellationRequested) { if (queue.TryDequeue(out var work)) work(); } }
                void IDisposable.{|#0:Dispose|}() => {|#1:cts.Cancel()|};
            }
            """;

        await Check.VerifyAsync(source, Check.Diagnostic("TRK001").WithLocation(0).WithLocation(1).WithLocation(2).WithLocation(3).WithArguments("System.IDisposable.Dispose", "cts.Cancel()", "queue"));
    }

    [Fact]
    public async Task Reports_the_dispose_pattern_once_on_the_method_that_tears_down()
    {
        const string source = """
            using System;
            using System.Collections.Concurrent;
            using System.Threading;
            class Worker : IDisposable
            {
                readonly ConcurrentQueue<Action> {|#3:queue|} = new();
                readonly CancellationTokenSource cts = new();
                public void Enqueue(Action work) => {|#2:queue.Enqueue(work)|};
                public void RunPending() { while (!cts.IsCancellationRequested && queue.TryDequeue(out var work)) work(); }
                public void Dispose()
                {
                    Dispose(true);
                    GC.SuppressFinalize(this);
                }
                protected virtual void {|#0:Dispose|}(bool disposing)
                {
                    if (disposing) {|#1:cts.Cancel()|};
                }
            }
            """;

        await Check.VerifyAsync(source, Check.Diagnostic("TRK001").WithLocation(0).WithLocation(1).WithLocation(2).WithLocation(3).WithArguments("Dispose", "cts.Cancel()", "queue"));
    }

    [Fact]
    public async Task Sees_a_teardown_through_a_local_copy_an_interlocked_exchange_or_a_primary_constructor_parameter()
    {
        const string source = """
            using System;
            using System.Collections.Concurrent;
            using System.Threading;
            sealed class Worker : IDisposable
            {
                readonly ConcurrentQueue<System.Action> {|#8:queue|} = new();
                CancellationTokenSource cts = new();
                Timer timer;
                public Worker() => timer = new Timer(_ => Drain());
                public void Post(System.Action s) => {|#9:queue.Enqueue(s)|};
                void Drain() { while (!cts.IsCancellationRequested && queue.TryDequeue(out var s)) s(); }
                public void {|#0:Stop|}()
                {
                    var c = cts;
                    {|#1:c?.Cancel()|};
                }
                public void {|#2:Shutdown|}() { {|#3:Interlocked.Exchange(ref cts, null)?.Cancel()|}; }
                public void {|#4:Dispose|}()
                {
                    var t = timer;
                    timer = null;
                    {|#5:t?.Dispose()|};
                }
            }
            sealed class Pump(CancellationTokenSource life)
            {
                readonly ConcurrentQueue<System.Action> {|#10:queue|} = new();
                public void Post(System.Action s) => {|#11:queue.Enqueue(s)|};
                public void Drain() { while (!life.IsCancellationRequested && queue.TryDequeue(out var s)) s(); }
                public void {|#6:Stop|}() => {|#7:life.Cancel()|};
            }
            """;

        await Check.VerifyAsync(
            source,
            Check.Diagnostic("TRK001").WithLocation(0).WithLocation(1).WithLocation(9).WithLocation(8).WithArguments("Stop", "c?.Cancel()", "queue"),
            Check.Diagnostic("TRK001").WithLocation(2).WithLocation(3).WithLocation(9).WithLocation(8).WithArguments("Shutdown", "Interlocked.Exchange(ref cts, null)?.Cancel()", "queue"),
            Check.Diagnostic("TRK001").WithLocation(4).WithLocation(5).WithLocation(9).WithLocation(8).WithArguments("Dispose", "t?.Dispose()", "queue"),
            Check.Diagnostic("TRK001").WithLocation(6).WithLocation(7).WithLocation(11).WithLocation(10).WithArguments("Stop", "life.Cancel()", "queue"));
    }

    [Fact]
    public async Task Reports_a_private_teardown_helper_at_the_entry_that_calls_it_and_a_public_one_only_on_itself()
    {
        // StopLoopAsync is private: DisposeAsync is the teardown users call, and it is reported there. Shutdown calls the
        // public, already reported Stop and then frees a semaphore: one bug, one warning.
        const string source = """
            using System;
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;
            sealed class StateManager : IAsyncDisposable
            {
                readonly Queue<Action> {|#5:workQueue|} = new();
                readonly CancellationTokenSource shutdown = new();
                readonly SemaphoreSlim signal = new(0);
                public void Post(Action a) { lock (workQueue) { {|#4:workQueue.Enqueue(a)|}; } signal.Release(); }
                public bool TryTake(out Action a) { lock (workQueue) { return !shutdown.IsCancellationRequested & workQueue.TryDequeue(out a); } }
                private async Task StopLoopAsync() { shutdown.Cancel(); await Task.Yield(); }
                public async ValueTask {|#0:DisposeAsync|}() { await {|#1:StopLoopAsync()|}; signal.Dispose(); }
                public void {|#2:Stop|}() => {|#3:shutdown.Cancel()|};
                public void Shutdown() { Stop(); signal.Dispose(); }
            }
            """;

        await Check.VerifyAsync(
            source,
            Check.Diagnostic("TRK001").WithLocation(0).WithLocation(1).WithLocation(4).WithLocation(5).WithArguments("DisposeAsync", "StopLoopAsync()", "workQueue"),
            Check.Diagnostic("TRK001").WithLocation(2).WithLocation(3).WithLocation(4).WithLocation(5).WithArguments("Stop", "shutdown.Cancel()", "workQueue"));
    }

    [Fact]
    public async Task Judges_a_private_destroy_in_the_idle_check_that_calls_it()
    {
        // The ProcessorTracker of #1033 with its Destroy private: the idle check is where the component goes away.
        const string source = """
            using System;
            using System.Collections.Concurrent;
            using System.Threading;
            sealed class ProcessorTracker
            {
                readonly ConcurrentQueue<Action> {|#3:pendingTasks|} = new();
                readonly Timer idleTimer;
                long lastActiveTime;
                bool destroyed;
                public ProcessorTracker() { idleTimer = new Timer(_ => CheckIdle(), null, 1000, 1000); }
                public void SubmitTask(Action task) { {|#2:pendingTasks.Enqueue(task)|}; lastActiveTime = Environment.TickCount64; }
                public void RunOnce() { if (!destroyed && pendingTasks.TryDequeue(out var task)) { task(); lastActiveTime = Environment.TickCount64; } }
                void {|#0:CheckIdle|}()
                {
                    if (Environment.TickCount64 - lastActiveTime > 120_000) {|#1:Destroy()|};
                }
                void Destroy() { destroyed = true; idleTimer.Dispose(); }
                public bool IsDestroyed => destroyed;
            }
            """;

        await Check.VerifyAsync(source, Check.Diagnostic("TRK001").WithLocation(0).WithLocation(1).WithLocation(2).WithLocation(3).WithArguments("CheckIdle", "Destroy()", "pendingTasks"));
    }

    [Fact]
    public async Task Does_not_take_a_producer_removing_its_own_entry_for_a_draining_consumer()
    {
        // The finally belongs to SendAsync cleaning up after itself; nothing fails what is left when the loop stops.
        const string source = """
            using System;
            using System.Collections.Concurrent;
            using System.Threading;
            using System.Threading.Tasks;
            sealed class Client : IAsyncDisposable
            {
                readonly ConcurrentDictionary<long, TaskCompletionSource<string>> {|#3:pendingRequests|} = new();
                readonly CancellationTokenSource cts = new();
                Task receiveLoop = Task.CompletedTask;
                long next;
                public async Task<string> SendAsync(string body)
                {
                    var id = Interlocked.Increment(ref next);
                    var tcs = new TaskCompletionSource<string>();
                    {|#2:pendingRequests.TryAdd(id, tcs)|};
                    try { return await tcs.Task; }
                    finally { pendingRequests.TryRemove(id, out _); }
                }
                public void Start() => receiveLoop = Task.Run(async () =>
                {
                    while (!cts.IsCancellationRequested)
                    {
                        await Task.Delay(10);
                        if (pendingRequests.TryRemove(1, out var reply)) reply.TrySetResult("pong");
                    }
                });
                public async ValueTask {|#0:DisposeAsync|}()
                {
                    {|#1:cts.Cancel()|};
                    await receiveLoop;
                }
            }
            """;

        await Check.VerifyAsync(source, Check.Diagnostic("TRK001").WithLocation(0).WithLocation(1).WithLocation(2).WithLocation(3).WithArguments("DisposeAsync", "cts.Cancel()", "pendingRequests"));
    }

    [Fact]
    public async Task Does_not_count_reading_an_event_record_as_consulting_the_work()
    {
        const string source = """
            using System;
            using System.Collections.Concurrent;
            using System.Threading;
            sealed class Worker : IDisposable
            {
                readonly ConcurrentQueue<Action> {|#3:pendingTasks|} = new();
                readonly ConcurrentQueue<string> auditQueue = new();
                readonly CancellationTokenSource cts = new();
                public void Submit(Action task) { {|#2:pendingTasks.Enqueue(task)|}; auditQueue.Enqueue("submit"); }
                public void RunOnce() { if (!cts.IsCancellationRequested && pendingTasks.TryDequeue(out var task)) task(); }
                public string[] Audit() => auditQueue.ToArray();
                public void {|#0:Dispose|}() { Console.WriteLine(auditQueue.Count); {|#1:cts.Cancel()|}; }
            }
            """;

        await Check.VerifyAsync(source, Check.Diagnostic("TRK001").WithLocation(0).WithLocation(1).WithLocation(2).WithLocation(3).WithArguments("Dispose", "cts.Cancel()", "pendingTasks"));
    }
}
