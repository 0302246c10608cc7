using Microsoft.CodeAnalysis;
using TrackerRace.Analyzers.Tests.Verification;
using Teardown = TrackerRace.Analyzers.Tests.Verification.AnalyzerCheck<TrackerRace.Analyzers.TeardownIgnoresPendingWorkAnalyzer>;
using Dispatch = TrackerRace.Analyzers.Tests.Verification.AnalyzerCheck<TrackerRace.Analyzers.DispatchAfterTeardownAnalyzer>;

namespace TrackerRace.Analyzers.Tests;

/// <summary>
/// A member is pending work when the code shows it (issue 11): fed on a dispatch path and drained elsewhere with items
/// someone runs or waits on, or an owned hand-off it feeds or drains, or declared. Names alone never are; shapes that
/// are fed and drained but hold no work (caches, registries, signals, buffers, containers) are not either.
/// </summary>
public sealed class EvidenceTests
{
    [Fact]
    public async Task A_name_alone_is_never_pending_work()
    {
        const string source = """
            using System;
            using System.Collections.Generic;
            using System.Threading;
            sealed class Client : IDisposable
            {
                readonly List<string> pendingRequests = new();
                readonly Queue<Action> retryQueue = new();
                readonly CancellationTokenSource life = new();
                public int Waiting => pendingRequests.Count + retryQueue.Count;
                public void Dispose() => life.Cancel();
            }
            """;

        await Teardown.VerifyAsync(source);
    }

    [Fact]
    public async Task An_lru_cache_that_cycles_its_entries_between_queues_holds_no_work()
    {
        const string source = """
            using System;
            using System.Collections.Concurrent;
            using System.Threading;
            sealed class Entry { public string Key = ""; public bool Accessed; }
            sealed class LruCache : IDisposable
            {
                readonly ConcurrentDictionary<string, Entry> entries = new();
                readonly ConcurrentQueue<Entry> hot = new();
                readonly ConcurrentQueue<Entry> cold = new();
                readonly Timer trimmer;
                public LruCache() => trimmer = new Timer(_ => Trim());
                public void Add(string key) { var e = new Entry { Key = key }; entries[key] = e; hot.Enqueue(e); }
                void Trim()
                {
                    while (hot.TryDequeue(out var e)) { if (e.Accessed) hot.Enqueue(e); else cold.Enqueue(e); }
                    while (cold.TryDequeue(out var e)) entries.TryRemove(e.Key, out _);
                }
                public void Dispose() => trimmer.Dispose();
            }
            """;

        await Dispatch.VerifyAsync(source);
        await Teardown.VerifyAsync(source);
    }

    [Fact]
    public async Task A_registry_that_forgets_or_closes_what_it_removes_holds_no_work()
    {
        const string source = """
            using System;
            using System.Collections.Concurrent;
            sealed class Session : IDisposable { public Action? OnMessage; public void Close() { } public void Dispose() { } }
            sealed class Gateway : IDisposable
            {
                readonly ConcurrentDictionary<string, Session> sessions = new();
                bool disposed;
                public void OnConnected(string id, Session session) => sessions[id] = session;
                public void OnDisconnected(string id) { if (sessions.TryRemove(id, out var session)) session.Close(); }
                public void Forget(string id) => sessions.TryRemove(id, out _);
                public void Dispose() => disposed = true;
                public bool IsDisposed => disposed;
            }
            """;

        await Dispatch.VerifyAsync(source);
    }

    [Fact]
    public async Task A_channel_of_wake_up_signals_holds_no_work()
    {
        const string source = """
            using System.Threading;
            using System.Threading.Channels;
            using System.Threading.Tasks;
            sealed class Pump
            {
                readonly Channel<bool> wakeUp = Channel.CreateBounded<bool>(1);
                readonly CancellationTokenSource life = new();
                public void Poke() => wakeUp.Writer.TryWrite(true);
                public async Task RunAsync() { while (await wakeUp.Reader.WaitToReadAsync(life.Token)) { wakeUp.Reader.TryRead(out _); } }
                public void Stop() => life.Cancel();
            }
            """;

        await Dispatch.VerifyAsync(source);
        await Teardown.VerifyAsync(source);
    }

    [Fact]
    public async Task A_buffer_filled_and_emptied_in_one_call_holds_no_work()
    {
        const string source = """
            using System;
            using System.Collections.Generic;
            using System.Threading;
            sealed class Batcher : IDisposable
            {
                readonly List<Action> scratch = new();
                readonly CancellationTokenSource life = new();
                public void RunAll(IEnumerable<Action> work)
                {
                    foreach (var w in work) scratch.Add(w);
                    foreach (var w in scratch) w();
                    scratch.Clear();
                }
                public void Dispose() => life.Cancel();
            }
            """;

        await Dispatch.VerifyAsync(source);
        await Teardown.VerifyAsync(source);
    }

    [Fact]
    public async Task A_container_of_its_own_type_parameter_leaves_the_meaning_of_its_items_to_its_owner()
    {
        const string source = """
            using System;
            using System.Collections.Concurrent;
            sealed class AsyncQueue<T> : IDisposable
            {
                readonly ConcurrentQueue<T> items = new();
                bool disposed;
                public void Enqueue(T item) => items.Enqueue(item);
                public bool TryDequeue(out T item) => items.TryDequeue(out item!);
                public void Dispose() => disposed = true;
                public bool IsDisposed => disposed;
            }
            """;

        await Dispatch.VerifyAsync(source);
    }

    [Fact]
    public async Task A_channel_the_type_creates_and_feeds_is_pending_work_even_without_its_consumer_in_sight()
    {
        const string source = """
            using System.Threading.Channels;
            sealed record Job(string Name);
            sealed class Producer
            {
                readonly Channel<Job> jobs = Channel.CreateUnbounded<Job>();
                bool stopped;
                public ChannelReader<Job> Reader => jobs.Reader;
                public void {|#0:Submit|}(Job job) => {|#1:jobs.Writer.TryWrite(job)|};
                public void {|#2:Stop|}() => stopped = true;
                public bool IsStopped => stopped;
            }
            """;

        await Dispatch.VerifyAsync(source, Dispatch.Diagnostic("TRK004").WithLocation(0).WithLocation(1).WithLocation(2)
            .WithArguments("Submit", "jobs", "no disposed or destroyed state is checked on this path"));
    }

    [Fact]
    public async Task A_channel_handed_in_from_outside_is_only_a_suggestion_its_owner_decides()
    {
        const string source = """
            using System.Threading.Channels;
            sealed record Job(string Name);
            sealed class Producer(Channel<Job> jobs)
            {
                readonly Channel<Job> jobs = jobs;
                bool stopped;
                public void {|#0:Submit|}(Job job) => {|#1:jobs.Writer.TryWrite(job)|};
                public void {|#2:Stop|}() => stopped = true;
                public bool IsStopped => stopped;
            }
            """;

        await Dispatch.VerifyAsync(source, Dispatch.Diagnostic("TRK004").WithLocation(0).WithLocation(1).WithLocation(2)
            .WithSeverity(DiagnosticSeverity.Info)
            .WithArguments("Submit", "jobs", "no disposed or destroyed state is checked on this path"));
    }

    [Fact]
    public async Task Messages_a_caller_handed_in_and_a_consumer_hands_on_are_pending_work_whatever_their_type()
    {
        // The caller's message went in and Post returned: the outbox accepted it, and Flush hands it on one by one. A string
        // is as much work as a delegate (issue 18); an LRU list of keys never hands its items on, so it stays out.
        const string source = """
            using System;
            using System.Collections.Concurrent;
            sealed class Outbox : IDisposable
            {
                readonly ConcurrentQueue<string> queue = new();
                bool disposed;
                public void {|#0:Post|}(string message) => {|#1:queue.Enqueue(message)|};
                public void Flush() { while ({|#3:queue.TryDequeue(out var message)|}) Console.WriteLine(message); }
                public void {|#2:Dispose|}() => disposed = true;
                public bool IsDisposed => disposed;
            }
            """;

        await Dispatch.VerifyAsync(source, Dispatch.Diagnostic("TRK004").WithLocation(0).WithLocation(1).WithLocation(2).WithLocation(3)
            .WithSeverity(DiagnosticSeverity.Warning)
            .WithArguments("Post", "queue", "no disposed or destroyed state is checked on this path"));
    }

    [Fact]
    public async Task Reports_a_private_add_helper_once_at_the_helper_for_every_caller_that_skips_the_check()
    {
        const string source = """
            using System;
            using System.Collections.Concurrent;
            sealed class Channel : IDisposable
            {
                readonly ConcurrentQueue<Action> continuations = new();
                bool disposed;
                public void Open() => {|#2:Enqueue(() => { })|};
                public void Reset() => {|#3:Enqueue(() => { })|};
                public void Flush() => {|#4:Enqueue(() => { })|};
                void {|#0:Enqueue|}(Action k) => {|#1:continuations.Enqueue(k)|};
                public void Pump() { while ({|#6:continuations.TryDequeue(out var k)|}) k(); }
                public void {|#5:Dispose|}() => disposed = true;
                public bool IsDisposed => disposed;
            }
            """;

        // One warning, at the helper, with its unchecked callers among the explanation.
        var test = Dispatch.Diagnostic("TRK004").WithLocation(0).WithLocation(1)
            .WithLocation(2).WithLocation(3).WithLocation(4).WithLocation(5).WithLocation(6)
            .WithArguments("Enqueue", "continuations", "no disposed or destroyed state is checked on this path");
        await Dispatch.VerifyAsync(source, test);
    }

    [Fact]
    public async Task An_add_whose_disposed_exception_is_caught_and_handed_on_is_refused()
    {
        const string source = """
            using System;
            using System.Collections.Concurrent;
            using System.Threading;
            sealed class InlineContext : SynchronizationContext, IDisposable
            {
                readonly ConcurrentQueue<(SendOrPostCallback Callback, object? State)> queue = new();
                readonly SemaphoreSlim signal = new(0);
                public void RunOne() { if (queue.TryDequeue(out var item)) item.Callback(item.State); }
                public override void Post(SendOrPostCallback callback, object? state)
                {
                    try { queue.Enqueue((callback, state)); signal.Release(); }
                    catch (ObjectDisposedException) { base.Post(callback, state); }
                }
                public void Dispose() => signal.Dispose();
            }
            """;

        await Dispatch.VerifyAsync(source);
    }

    [Fact]
    public async Task A_disposed_check_inherited_from_the_base_class_refuses_work()
    {
        const string source = """
            using System;
            using System.Collections.Concurrent;
            abstract class Disposable : IDisposable
            {
                bool disposed;
                protected void ThrowIfDisposed() { if (disposed) throw new ObjectDisposedException(GetType().Name); }
                public void Dispose() { disposed = true; OnDispose(); }
                protected virtual void OnDispose() { }
            }
            sealed class Client : Disposable
            {
                readonly ConcurrentQueue<Action> outgoing = new();
                public void Send(Action packet) { ThrowIfDisposed(); outgoing.Enqueue(packet); }
                public void Pump() { while (outgoing.TryDequeue(out var packet)) packet(); }
                protected override void OnDispose() { }
            }
            """;

        await Dispatch.VerifyAsync(source);
    }

    [Fact]
    public async Task A_pump_that_seeds_itself_before_running_adds_nothing_a_teardown_can_strand()
    {
        const string source = """
            using System;
            using System.Collections.Generic;
            sealed class Runner : IDisposable
            {
                readonly Queue<Action> items = new();
                bool done;
                public void Run(Action first)
                {
                    items.Enqueue(first);
                    while (!done && items.TryDequeue(out var item)) item();
                }
                public void Dispose() => done = true;
            }
            """;

        await Dispatch.VerifyAsync(source);
    }

    [Fact]
    public async Task Disposing_a_diagnostics_timer_no_producer_or_consumer_uses_strands_nothing()
    {
        const string source = """
            using System;
            using System.Collections.Generic;
            using System.Threading;
            sealed class ReaderWriterLock : IDisposable
            {
                readonly object gate = new();
                readonly Queue<Action> waitingWriters = new();
                Timer? deadlockCheck = new Timer(_ => Console.WriteLine("still waiting"));
                public void EnterWrite(Action granted) { lock (gate) { waitingWriters.Enqueue(granted); } }
                public void Release() { Action? next; lock (gate) { waitingWriters.TryDequeue(out next); } next?.Invoke(); }
                public void Dispose() { var t = deadlockCheck; deadlockCheck = null; t?.Dispose(); }
            }
            """;

        await Teardown.VerifyAsync(source);
    }

    [Fact]
    public async Task A_channel_completed_through_a_local_writer_in_a_stop_hook_has_its_own_way_out()
    {
        const string source = """
            using System;
            using System.Threading;
            using System.Threading.Channels;
            using System.Threading.Tasks;
            sealed class Worker : IDisposable
            {
                readonly Channel<Action> work = Channel.CreateUnbounded<Action>();
                readonly CancellationTokenSource life = new();
                public void Post(Action a) => work.Writer.TryWrite(a);
                public async Task RunAsync() { await foreach (var a in work.Reader.ReadAllAsync(life.Token)) a(); }
                public Task StopAsync() { var writer = work.Writer; writer.TryComplete(); return Task.CompletedTask; }
                public void Dispose() => life.Cancel();
            }
            """;

        await Teardown.VerifyAsync(source);
    }
}
