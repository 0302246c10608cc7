using Check = TrackerRace.Analyzers.Tests.Verification.AnalyzerCheck<TrackerRace.Analyzers.CheckThenTeardownNotAtomicAnalyzer>;

namespace TrackerRace.Analyzers.Tests;

public sealed class CheckThenTeardownNotAtomicAnalyzerTests
{
    [Fact]
    public async Task Flags_an_await_between_the_check_and_the_teardown()
    {
        const string source = """
            using System.Collections.Concurrent;
            using System.Threading;
            using System.Threading.Tasks;
            sealed class ProcessorTracker
            {
                readonly ConcurrentQueue<System.Action> pending = new();
                readonly CancellationTokenSource life = new();
                public void Submit(System.Action task) => {|#2:pending.Enqueue(task)|};
                public void RunOnce() { if (!life.IsCancellationRequested && pending.TryDequeue(out var task)) task(); }
                public async Task CheckIdleAsync()
                {
                    if ({|#1:pending|}.IsEmpty)
                    {
                        await Task.Delay(10);
                        {|#0:life.Cancel()|};
                    }
                }
            }
            """;

        await Check.VerifyAsync(source, Check.Diagnostic("TRK003").WithLocation(0).WithLocation(1).WithLocation(2)
            .WithArguments("CheckIdleAsync", "life.Cancel()", "pending", "an await between them lets a dispatcher add work"));
    }

    [Fact]
    public async Task Flags_a_check_outside_the_lock_that_enqueue_takes()
    {
        const string source = """
            using System.Collections.Generic;
            using System.Threading;
            sealed class ProcessorTracker
            {
                readonly object gate = new();
                readonly Queue<System.Action> queue = new();
                readonly Timer checker;
                public ProcessorTracker() => checker = new(_ => RunNext());
                public void Submit(System.Action task)
                {
                    lock (gate) { {|#2:queue.Enqueue(task)|}; }
                }
                void RunNext() { lock (gate) { if (queue.TryDequeue(out var task)) task(); } }
                public void StopIfIdle()
                {
                    if ({|#1:queue|}.Count == 0)
                    {
                        lock (gate) { {|#0:checker.Dispose()|}; }
                    }
                }
            }
            """;

        await Check.VerifyAsync(source, Check.Diagnostic("TRK003").WithLocation(0).WithLocation(1).WithLocation(2)
            .WithArguments("StopIfIdle", "checker.Dispose()", "queue", "it is read outside 'gate', the guard held where work is added"));
    }

    [Fact]
    public async Task Does_not_flag_a_check_and_teardown_under_the_enqueue_lock()
    {
        const string source = """
            using System.Collections.Generic;
            using System.Threading;
            sealed class ProcessorTracker
            {
                readonly object gate = new();
                readonly Queue<string> queue = new();
                readonly Timer checker = new(_ => { });
                bool stopped;
                public void Submit(string task)
                {
                    lock (gate) { if (stopped) return; queue.Enqueue(task); }
                }
                public void StopIfIdle()
                {
                    lock (gate)
                    {
                        if (queue.Count > 0) return;
                        stopped = true;
                    }
                    checker.Dispose();
                }
            }
            """;

        await Check.VerifyAsync(source);
    }

    [Fact]
    public async Task Flags_a_semaphore_released_before_the_teardown_when_the_guard_is_named()
    {
        const string source = """
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;
            using TrackerRace.Annotations;
            sealed class Dispatcher
            {
                readonly SemaphoreSlim mutex = new(1, 1);
                [GuardedBy(nameof(mutex))] readonly Dictionary<long, System.Action> inFlight = new();
                readonly CancellationTokenSource life = new();
                public async Task AddAsync(long id, System.Action work) { await mutex.WaitAsync(); try { {|#2:inFlight.Add(id, work)|}; } finally { mutex.Release(); } }
                public void Complete(long id) { if (!life.IsCancellationRequested && inFlight.Remove(id, out var work)) work(); }
                public async Task StopWhenDrainedAsync()
                {
                    await mutex.WaitAsync();
                    bool idle;
                    try { idle = {|#1:inFlight|}.Count == 0; }
                    finally { mutex.Release(); }
                    if (idle)
                    {
                        await Task.Yield();
                        {|#0:life.Cancel()|};
                    }
                }
            }
            """;

        await Check.VerifyAsync(source, Check.Diagnostic("TRK003").WithLocation(0).WithLocation(1).WithLocation(2)
            .WithArguments("StopWhenDrainedAsync", "life.Cancel()", "inFlight", "'mutex', the guard held where work is added, is released between them"));
    }

    [Fact]
    public async Task Does_not_flag_an_await_while_the_semaphore_is_held()
    {
        const string source = """
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;
            sealed class Dispatcher
            {
                readonly SemaphoreSlim mutex = new(1, 1);
                readonly Dictionary<long, string> inFlight = new();
                readonly CancellationTokenSource life = new();
                public async Task AddAsync(long id, string work)
                {
                    await mutex.WaitAsync();
                    try { inFlight.Add(id, work); } finally { mutex.Release(); }
                }
                public async Task StopWhenDrainedAsync()
                {
                    await mutex.WaitAsync();
                    try
                    {
                        if (inFlight.Count > 0) return;
                        await Task.Yield();
                        life.Cancel();
                    }
                    finally { mutex.Release(); }
                }
            }
            """;

        await Check.VerifyAsync(source);
    }

    [Fact]
    public async Task Flags_a_decision_made_on_a_snapshot()
    {
        const string source = """
            using System.Threading.Tasks;
            using TrackerRace.Annotations;
            enum Verdict { Stay, [Teardown] Leave }
            interface IWorkerView { [PendingWork(IsSnapshot = true)] bool HasLocalWork { get; } [PendingWork] Task<bool> AskOwnerAsync(); }
            sealed class LocalRecheck
            {
                public Verdict Decide(IWorkerView view) => {|#1:view.HasLocalWork|} ? Verdict.Stay : {|#0:Verdict.Leave|};
            }
            sealed class Handshake
            {
                public async Task<Verdict> DecideAsync(IWorkerView view)
                {
                    if (view.HasLocalWork) return Verdict.Stay;
                    return await view.AskOwnerAsync() ? Verdict.Leave : Verdict.Stay;
                }
            }
            """;

        await Check.VerifyAsync(source, Check.Diagnostic("TRK003").WithLocation(0).WithLocation(1)
            .WithArguments("Decide", "Verdict.Leave", "view.HasLocalWork", "'HasLocalWork' is only a snapshot ([PendingWork(IsSnapshot = true)]) and work can arrive right after it"));
    }

    [Fact]
    public async Task Does_not_flag_a_timer_callback_that_checks_and_tears_down_in_one_step()
    {
        const string source = """
            using System.Collections.Concurrent;
            using System.Threading;
            sealed class Worker
            {
                readonly ConcurrentQueue<string> queue = new();
                readonly Timer timer;
                public Worker() => timer = new Timer(OnTick, null, 0, 10_000);
                void OnTick(object? state)
                {
                    if (queue.IsEmpty) { timer.Dispose(); }
                }
            }
            """;

        await Check.VerifyAsync(source);
    }

    [Fact]
    public async Task Flags_a_channel_loop_stopped_after_an_awaited_flush()
    {
        const string source = """
            using System.Threading;
            using System.Threading.Channels;
            using System.Threading.Tasks;
            sealed class Pump
            {
                readonly Channel<string> work = Channel.CreateUnbounded<string>();
                readonly CancellationTokenSource life = new();
                public bool Post(string item) => {|#2:work.Writer.TryWrite(item)|};
                public Task RunAsync() => Task.Run(async () => { await foreach (var item in work.Reader.ReadAllAsync(life.Token)) System.Console.WriteLine(item); });
                public async Task StopWhenDrainedAsync(Task flush)
                {
                    if ({|#1:work.Reader|}.Count == 0)
                    {
                        await flush;
                        {|#0:life.Cancel()|};
                    }
                }
            }
            """;

        await Check.VerifyAsync(source, Check.Diagnostic("TRK003").WithLocation(0).WithLocation(1).WithLocation(2)
            .WithArguments("StopWhenDrainedAsync", "life.Cancel()", "work.Reader", "an await between them lets a dispatcher add work"));
    }

    [Fact]
    public async Task Does_not_flag_the_await_of_the_pending_work_question_itself()
    {
        const string source = """
            using System.Threading;
            using System.Threading.Tasks;
            using TrackerRace.Annotations;
            interface IOwner { [PendingWork] Task<bool> HasWorkForAsync(string node); }
            sealed class Member
            {
                readonly CancellationTokenSource life = new();
                public async Task LeaveIfReleasedAsync(IOwner owner)
                {
                    if (!await owner.HasWorkForAsync("me"))
                    {
                        life.Cancel();
                    }
                }
            }
            """;

        await Check.VerifyAsync(source);
    }

    [Fact]
    public async Task Flags_a_check_made_under_the_guard_and_acted_on_after_releasing_it()
    {
        // The naive re-check of #1033: empty under the lock, torn down after the lock is gone.
        const string source = """
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;
            sealed class Worker
            {
                readonly object gate = new();
                readonly SemaphoreSlim sem = new(1, 1);
                readonly Queue<System.Action> queue = new();
                readonly List<System.Action> pendingItems = new();
                readonly CancellationTokenSource cts = new();
                public void Post(System.Action s) { lock (gate) { {|#4:queue.Enqueue(s)|}; } }
                public async Task PostAsync(System.Action s) { await sem.WaitAsync(); try { {|#5:pendingItems.Add(s)|}; } finally { sem.Release(); } }
                public void Pump()
                {
                    while (!cts.IsCancellationRequested)
                    {
                        lock (gate) { if (queue.TryDequeue(out var s)) s(); }
                        System.Action[] batch;
                        lock (sem) { batch = pendingItems.ToArray(); pendingItems.Clear(); }
                        foreach (var item in batch) item();
                    }
                }
                public void Stop()
                {
                    lock (gate)
                    {
                        if ({|#1:queue|}.Count > 0) return;
                    }
                    {|#0:cts.Cancel()|};
                }
                public async Task StopAsync()
                {
                    await sem.WaitAsync();
                    try
                    {
                        if ({|#3:pendingItems|}.Count > 0) return;
                    }
                    finally { sem.Release(); }
                    {|#2:cts.Cancel()|};
                }
            }
            """;

        await Check.VerifyAsync(
            source,
            Check.Diagnostic("TRK003").WithLocation(0).WithLocation(1).WithLocation(4).WithArguments("Stop", "cts.Cancel()", "queue", "'gate', the guard held where work is added, is released between them"),
            Check.Diagnostic("TRK003").WithLocation(2).WithLocation(3).WithLocation(5).WithArguments("StopAsync", "cts.Cancel()", "pendingItems", "'sem', the guard held where work is added, is released between them"));
    }

    [Fact]
    public async Task Does_not_flag_a_check_that_closes_the_door_before_releasing_the_guard()
    {
        const string source = """
            using System.Collections.Generic;
            using System.Threading;
            sealed class Worker
            {
                readonly object gate = new();
                readonly Queue<string> queue = new();
                readonly CancellationTokenSource cts = new();
                bool stopping;
                public void Post(string s) { lock (gate) { if (stopping) return; queue.Enqueue(s); } }
                public void Stop()
                {
                    lock (gate)
                    {
                        if (queue.Count > 0) return;
                        stopping = true;
                    }
                    cts.Cancel();
                }
            }
            """;

        await Check.VerifyAsync(source);
    }

    [Fact]
    public async Task Sees_the_lock_a_private_enqueue_helper_takes()
    {
        const string source = """
            using System.Collections.Generic;
            using System.Threading;
            sealed class Worker
            {
                readonly object gate = new();
                readonly Queue<System.Action> queue = new();
                readonly CancellationTokenSource cts = new();
                public void Post(System.Action s) => EnqueueCore(s);
                private void EnqueueCore(System.Action s) { lock (gate) { {|#2:queue.Enqueue(s)|}; } }
                public void Pump() { lock (gate) { while (!cts.IsCancellationRequested && queue.TryDequeue(out var s)) s(); } }
                public void Stop()
                {
                    if ({|#1:queue|}.Count == 0) { lock (gate) { {|#0:cts.Cancel()|}; } }
                }
            }
            """;

        await Check.VerifyAsync(source, Check.Diagnostic("TRK003").WithLocation(0).WithLocation(1).WithLocation(2)
            .WithArguments("Stop", "cts.Cancel()", "queue", "it is read outside 'gate', the guard held where work is added"));
    }

    [Fact]
    public async Task Does_not_flag_a_door_closed_by_reference_under_the_guard()
    {
        const string source = """
            using System;
            using System.Collections.Generic;
            using System.Threading;
            sealed class Worker : IDisposable
            {
                readonly object gate = new();
                readonly Queue<int> queue = new();
                readonly Timer timer = new(_ => { });
                int disposed;
                public bool TryPost(int x) { lock (gate) { if (disposed != 0) return false; queue.Enqueue(x); return true; } }
                public void Run() { lock (gate) { queue.TryDequeue(out _); } }
                public void Dispose()
                {
                    lock (gate)
                    {
                        if (queue.Count > 0) return;
                        Interlocked.Exchange(ref disposed, 1);
                    }
                    timer.Dispose();
                }
            }
            """;

        await Check.VerifyAsync(source);
    }
}
