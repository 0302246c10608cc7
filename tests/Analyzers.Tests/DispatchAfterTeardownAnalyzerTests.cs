using Check = TrackerRace.Analyzers.Tests.Verification.AnalyzerCheck<TrackerRace.Analyzers.DispatchAfterTeardownAnalyzer>;

namespace TrackerRace.Analyzers.Tests;

public sealed class DispatchAfterTeardownAnalyzerTests
{
    [Fact]
    public async Task Flags_an_enqueue_that_never_checks_the_disposed_flag()
    {
        const string source = """
            using System;
            using System.Collections.Concurrent;
            sealed class Worker : IDisposable
            {
                readonly ConcurrentQueue<Action> queue = new();
                bool disposed;
                public void {|#0:Enqueue|}(Action work) => {|#1:queue.Enqueue(work)|};
                public void RunPending() { while ({|#3:queue.TryDequeue(out var work)|}) work(); }
                public void {|#2:Dispose|}() => disposed = true;
            }
            """;

        await Check.VerifyAsync(source, Check.Diagnostic("TRK004").WithLocation(0).WithLocation(1).WithLocation(2).WithLocation(3)
            .WithArguments("Enqueue", "queue", "no disposed or destroyed state is checked on this path"));
    }

    [Fact]
    public async Task Flags_a_check_made_before_taking_the_enqueue_lock()
    {
        const string source = """
            using System;
            using System.Collections.Generic;
            sealed class Worker : IDisposable
            {
                readonly object gate = new();
                readonly Queue<Action> queue = new();
                bool disposed;
                public void {|#0:Submit|}(Action work)
                {
                    if (disposed) throw new ObjectDisposedException(nameof(Worker));
                    lock (gate) { {|#1:queue.Enqueue(work)|}; }
                }
                public void RunNext() { Action work; lock (gate) { if (!{|#3:queue.TryDequeue(out work)|}) return; } work(); }
                public void {|#2:Dispose|}() { lock (gate) { disposed = true; } }
            }
            """;

        await Check.VerifyAsync(source, Check.Diagnostic("TRK004").WithLocation(0).WithLocation(1).WithLocation(2).WithLocation(3)
            .WithArguments("Submit", "queue", "the state is checked outside 'gate', the guard held while adding"));
    }

    [Fact]
    public async Task Does_not_flag_a_check_under_the_same_lock()
    {
        const string source = """
            using System;
            using System.Collections.Generic;
            sealed class Worker : IDisposable
            {
                readonly object gate = new();
                readonly Queue<Action> queue = new();
                bool disposed;
                public bool TrySubmit(Action work)
                {
                    lock (gate)
                    {
                        if (disposed) return false;
                        queue.Enqueue(work);
                        return true;
                    }
                }
                public void Dispose() { lock (gate) { disposed = true; } }
            }
            """;

        await Check.VerifyAsync(source);
    }

    [Fact]
    public async Task Accepts_a_cancelled_token_source_as_the_teardown_state()
    {
        const string source = """
            using System.Threading;
            using System.Threading.Channels;
            using System.Threading.Tasks;
            sealed class Dispatcher
            {
                readonly Channel<string> work = Channel.CreateUnbounded<string>();
                readonly CancellationTokenSource life = new();
                public ValueTask PostAsync(string item) => work.Writer.WriteAsync(item, life.Token);
                public void Stop() => life.Cancel();
            }
            """;

        await Check.VerifyAsync(source);
    }

    [Fact]
    public async Task Flags_a_dictionary_of_pending_requests_filled_after_stop()
    {
        const string source = """
            using System.Collections.Concurrent;
            using System.Threading;
            using System.Threading.Tasks;
            sealed class Client
            {
                readonly ConcurrentDictionary<long, TaskCompletionSource<string>> pendingRequests = new();
                readonly Timer heartbeat = new(_ => { });
                public Task<string> {|#0:SendAsync|}(long id)
                {
                    var reply = new TaskCompletionSource<string>();
                    {|#1:pendingRequests[id] = reply|};
                    return reply.Task;
                }
                public void OnReply(long id, string body) { if ({|#3:pendingRequests.TryRemove(id, out var reply)|}) reply.SetResult(body); }
                public void {|#2:Stop|}() => heartbeat.Dispose();
            }
            """;

        await Check.VerifyAsync(source, Check.Diagnostic("TRK004").WithLocation(0).WithLocation(1).WithLocation(2).WithLocation(3)
            .WithArguments("SendAsync", "pendingRequests", "its teardown records no state (flag, state field or cancelled token) that could be checked"));
    }

    [Fact]
    public async Task Follows_a_throw_if_disposed_helper_and_ignores_types_without_teardown()
    {
        const string source = """
            using System;
            using System.Collections.Generic;
            sealed class Worker : IDisposable
            {
                readonly Queue<Action> queue = new();
                int state;
                public void Enqueue(Action work) { ThrowIfDisposed(); queue.Enqueue(work); }
                void ThrowIfDisposed() { if (state == 1) throw new ObjectDisposedException(nameof(Worker)); }
                public void Dispose() => state = 1;
            }
            sealed class Buffer
            {
                readonly Queue<string> queue = new();
                public void Add(string item) => queue.Enqueue(item);
            }
            """;

        await Check.VerifyAsync(source);
    }

    [Fact]
    public async Task Flags_a_check_made_before_waiting_on_the_semaphore()
    {
        const string source = """
            using System;
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;
            sealed class Dispatcher : IAsyncDisposable
            {
                readonly SemaphoreSlim mutex = new(1, 1);
                readonly Dictionary<long, System.Action> inFlight = new();
                bool disposed;
                public async Task {|#0:DispatchAsync|}(long id, System.Action work)
                {
                    if (disposed) throw new ObjectDisposedException(nameof(Dispatcher));
                    await mutex.WaitAsync();
                    try { {|#1:inFlight.Add(id, work)|}; }
                    finally { mutex.Release(); }
                }
                public void OnDone(long id) { if ({|#3:inFlight.Remove(id, out var work)|}) work(); }
                public async ValueTask {|#2:DisposeAsync|}()
                {
                    await mutex.WaitAsync();
                    try { disposed = true; } finally { mutex.Release(); }
                }
            }
            """;

        await Check.VerifyAsync(source, Check.Diagnostic("TRK004").WithLocation(0).WithLocation(1).WithLocation(2).WithLocation(3)
            .WithArguments("DispatchAsync", "inFlight", "the state is checked outside 'mutex', the guard held while adding"));
    }

    [Fact]
    public async Task Checks_private_methods_only_when_marked_as_dispatch()
    {
        // EnqueueLocked is a helper its callers reach with the lock held and the flag checked: they are the ones judged.
        const string source = """
            using System;
            using System.Collections.Generic;
            using TrackerRace.Annotations;
            sealed class Worker : IDisposable
            {
                readonly Queue<System.Action> queue = new();
                readonly object gate = new();
                bool disposed;
                void Refill() => queue.Enqueue(() => { });
                void EnqueueLocked(System.Action item) => queue.Enqueue(item);
                public bool TryPost(System.Action item)
                {
                    lock (gate)
                    {
                        if (disposed) return false;
                        EnqueueLocked(item);
                        return true;
                    }
                }
                [Dispatch] void {|#0:Hand|}(System.Action item) => {|#1:queue.Enqueue(item)|};
                public void Pump() { lock (gate) { while ({|#3:queue.TryDequeue(out var item)|}) item(); } }
                public void {|#2:Dispose|}() { lock (gate) { disposed = true; } }
            }
            """;

        await Check.VerifyAsync(source, Check.Diagnostic("TRK004").WithLocation(0).WithLocation(1).WithLocation(2).WithLocation(3)
            .WithArguments("Hand", "queue", "no disposed or destroyed state is checked on this path"));
    }

    [Fact]
    public async Task Flags_a_channel_writer_that_ignores_the_cancelled_token()
    {
        const string source = """
            using System.Threading;
            using System.Threading.Channels;
            sealed class Dispatcher
            {
                readonly Channel<string> work = Channel.CreateUnbounded<string>();
                readonly CancellationTokenSource life = new();
                public bool {|#0:Post|}(string item) => {|#1:work.Writer.TryWrite(item)|};
                public void {|#2:Stop|}() => life.Cancel();
            }
            """;

        await Check.VerifyAsync(source, Check.Diagnostic("TRK004").WithLocation(0).WithLocation(1).WithLocation(2)
            .WithArguments("Post", "work", "no disposed or destroyed state is checked on this path"));
    }

    [Fact]
    public async Task Flags_a_public_post_that_reaches_the_queue_through_a_private_helper()
    {
        const string source = """
            using System;
            using System.Collections.Generic;
            sealed class Worker : IDisposable
            {
                readonly Queue<System.Action> queue = new();
                bool disposed;
                public void {|#0:Post|}(System.Action item) => {|#1:EnqueueCore(item)|};
                void EnqueueCore(System.Action item) => queue.Enqueue(item);
                public void Pump() { while ({|#3:queue.TryDequeue(out var item)|}) item(); }
                public void {|#2:Dispose|}() => disposed = true;
            }
            """;

        await Check.VerifyAsync(source, Check.Diagnostic("TRK004").WithLocation(0).WithLocation(1).WithLocation(2).WithLocation(3)
            .WithArguments("Post", "queue", "no disposed or destroyed state is checked on this path"));
    }

    [Fact]
    public async Task Flags_an_explicit_implementation_of_a_dispatch_the_interface_declares()
    {
        const string source = """
            using System.Collections.Concurrent;
            using TrackerRace.Annotations;
            interface IWorker
            {
                [Dispatch] void Hand(System.Action item);
                [Teardown] void Park();
            }
            sealed class Worker : IWorker
            {
                readonly ConcurrentQueue<System.Action> queue = new();
                bool parked;
                void IWorker.{|#0:Hand|}(System.Action item) => {|#1:queue.Enqueue(item)|};
                public void Pump() { while ({|#3:queue.TryDequeue(out var item)|}) item(); }
                void IWorker.{|#2:Park|}()
                {
                    if (!queue.IsEmpty) return;
                    parked = true;
                }
            }
            """;

        await Check.VerifyAsync(source, Check.Diagnostic("TRK004").WithLocation(0).WithLocation(1).WithLocation(2).WithLocation(3)
            .WithArguments("IWorker.Hand", "queue", "no disposed or destroyed state is checked on this path"));
    }

    [Fact]
    public async Task Flags_a_state_check_outside_the_lock_a_private_enqueue_helper_takes()
    {
        const string source = """
            using System;
            using System.Collections.Generic;
            sealed class Worker : IDisposable
            {
                readonly object gate = new();
                readonly Queue<System.Action> queue = new();
                bool disposed;
                public void {|#0:Post|}(System.Action s)
                {
                    if (disposed) throw new ObjectDisposedException(nameof(Worker));
                    {|#1:EnqueueCore(s)|};
                }
                public void Send(System.Action s) { lock (gate) { if (disposed) return; queue.Enqueue(s); } }
                private void EnqueueCore(System.Action s) { lock (gate) { queue.Enqueue(s); } }
                public void Pump() { lock (gate) { while ({|#3:queue.TryDequeue(out var s)|}) s(); } }
                public void {|#2:Dispose|}() { lock (gate) { disposed = true; } }
            }
            """;

        await Check.VerifyAsync(source, Check.Diagnostic("TRK004").WithLocation(0).WithLocation(1).WithLocation(2).WithLocation(3)
            .WithArguments("Post", "queue", "the state is checked outside 'gate', which 'EnqueueCore' takes to add"));
    }

    [Fact]
    public async Task Flags_a_dispatch_that_also_removes_its_own_entry_on_timeout()
    {
        // Taking from the same member (cleanup on timeout) does not make OnConnectedAsync a consumer: it still adds work
        // that nothing completes once Dispose has run.
        const string source = """
            using System;
            using System.Collections.Generic;
            using System.Threading.Tasks;
            sealed class EndPoint : IDisposable
            {
                readonly List<TaskCompletionSource<string>> pendingConnectionMonitors = new();
                bool disposed;
                public async Task<string> {|#0:OnConnectedAsync|}(TimeSpan timeout)
                {
                    var tcs = new TaskCompletionSource<string>();
                    lock (pendingConnectionMonitors) { {|#1:pendingConnectionMonitors.Add(tcs)|}; }
                    if (await Task.WhenAny(tcs.Task, Task.Delay(timeout)) != tcs.Task)
                    {
                        lock (pendingConnectionMonitors) { pendingConnectionMonitors.Remove(tcs); }
                    }
                    return await tcs.Task;
                }
                public void OnConnected()
                {
                    lock (pendingConnectionMonitors)
                    {
                        {|#3:foreach (var tcs in pendingConnectionMonitors) tcs.TrySetResult("connected");|}
                        pendingConnectionMonitors.Clear();
                    }
                }
                public void {|#2:Dispose|}() { disposed = true; }
                public bool IsDisposed => disposed;
            }
            """;

        await Check.VerifyAsync(source, Check.Diagnostic("TRK004").WithLocation(0).WithLocation(1).WithLocation(2).WithLocation(3)
            .WithArguments("OnConnectedAsync", "pendingConnectionMonitors", "no disposed or destroyed state is checked on this path"));
    }

    [Fact]
    public async Task Counts_swapping_the_list_for_a_new_one_as_taking_the_batch()
    {
        const string source = """
            using System;
            using System.Collections.Generic;
            sealed class Batcher : IDisposable
            {
                readonly object gate = new();
                List<System.Action> pendingTasks = new();
                bool disposed;
                public void {|#0:Submit|}(System.Action task) { lock (gate) { {|#1:pendingTasks.Add(task)|}; } }
                public void Flush()
                {
                    System.Action[] batch;
                    lock (gate) { batch = {|#3:pendingTasks.ToArray()|}; pendingTasks = new List<System.Action>(); }
                    foreach (var task in batch) task();
                }
                public void {|#2:Dispose|}() { disposed = true; }
                public bool IsDisposed => disposed;
            }
            """;

        await Check.VerifyAsync(source, Check.Diagnostic("TRK004").WithLocation(0).WithLocation(1).WithLocation(2).WithLocation(3)
            .WithArguments("Submit", "pendingTasks", "no disposed or destroyed state is checked on this path"));
    }

    [Fact]
    public async Task Does_not_take_a_final_flush_in_dispose_for_an_in_band_stop()
    {
        // Dispose puts the last batch into the send queue, not a stop command: Post and Flush still accept work afterwards.
        const string source = """
            using System;
            using System.Collections.Concurrent;
            using System.Collections.Generic;
            sealed class Sender : IDisposable
            {
                readonly ConcurrentQueue<Action[]> sendQueue = new();
                readonly List<Action> batch = new();
                readonly object gate = new();
                bool disposed;
                public void {|#0:Post|}(Action[] items) => {|#1:sendQueue.Enqueue(items)|};
                public void Pump() { while ({|#5:sendQueue.TryDequeue(out var b)|}) Array.ForEach(b, a => a()); }
                public void {|#2:Flush|}()
                {
                    Action[] items;
                    lock (gate) { items = batch.ToArray(); batch.Clear(); }
                    {|#3:sendQueue.Enqueue(items)|};
                }
                public void {|#4:Dispose|}() { Flush(); disposed = true; }
                public bool IsDisposed => disposed;
            }
            """;

        const string reason = "no disposed or destroyed state is checked on this path";
        await Check.VerifyAsync(
            source,
            Check.Diagnostic("TRK004").WithLocation(0).WithLocation(1).WithLocation(4).WithLocation(5).WithArguments("Post", "sendQueue", reason),
            Check.Diagnostic("TRK004").WithLocation(2).WithLocation(3).WithLocation(4).WithLocation(5).WithArguments("Flush", "sendQueue", reason));
    }
}
