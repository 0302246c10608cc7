using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using TrackerRace.Analyzers.Tests.Verification;

namespace TrackerRace.Analyzers.Tests;

/// <summary>
/// Issue 18: a tier is earned by harm and by the code's own intent, not by what the items are. Work the component has
/// accepted (the caller's payload went in and the call returned) and drops at teardown is a Warning whatever its type;
/// the type's own beliefs (a sibling drained, a disposed check elsewhere, an async teardown that drains) make the
/// strongest case; leases, durable caches and loud refusals are not pending work. Every case is written the way plain
/// C# is written, without the package's attributes.
/// </summary>
public sealed class HarmAndIntentTests
{
    private static readonly DiagnosticAnalyzer[] AllRules =
    [
        new TeardownIgnoresPendingWorkAnalyzer(), new IdleDecidedByTimeAloneAnalyzer(), new CheckThenTeardownNotAtomicAnalyzer(),
        new DispatchAfterTeardownAnalyzer(), new UndeliveredWorkFailedAnalyzer(), new TeardownAbandonsPromisesAnalyzer(),
    ];

    // "TRK002 Warning" for each finding, in source order; only what a build shows unless asked.
    private static async Task<string[]> Findings(string source, bool allTiers = false) =>
        (await AnalyzerRun.DiagnosticsAsync(source, analyzers: AllRules))
            .Where(d => allTiers || d.Severity >= DiagnosticSeverity.Warning)
            .Select(d => $"{d.Id} {d.Severity} {Member(d)}")
            .ToArray();

    // The first quoted name of the message: the method (or teardown) the finding is about.
    private static string Member(Diagnostic diagnostic) => diagnostic.GetMessage(CultureInfo.InvariantCulture).Split('\'') is { Length: > 1 } parts ? parts[1] : "";

    private const string Worker = """
        using System;
        using System.Collections.Concurrent;
        using System.Collections.Generic;
        using System.Diagnostics;
        using System.Threading;
        using System.Threading.Tasks;
        public sealed record TaskRequest(long Id, string Payload);
        public interface IOwner { void ReportIdle(string id); }
        """;

    [Theory]
    [InlineData("TimeSpan.FromTicks(DateTime.UtcNow.Ticks - lastActiveTicks) > MaxIdle", "long lastActiveTicks = DateTime.UtcNow.Ticks;", "lastActiveTicks = DateTime.UtcNow.Ticks;")]
    [InlineData("Environment.TickCount64 - lastActive > 120_000", "long lastActive = Environment.TickCount64;", "lastActive = Environment.TickCount64;")]
    [InlineData("idleWatch.Elapsed > MaxIdle", "readonly Stopwatch idleWatch = Stopwatch.StartNew();", "idleWatch.Restart();")]
    [InlineData("time.GetElapsedTime(lastActivity) > MaxIdle", "long lastActivity; readonly TimeProvider time = TimeProvider.System;", "lastActivity = time.GetTimestamp();")]
    [InlineData("DateTime.UtcNow - lastActiveUtc > MaxIdle", "DateTime lastActiveUtc = DateTime.UtcNow;", "lastActiveUtc = DateTime.UtcNow;")]
    public async Task The_seed_a_timer_reaper_deciding_idleness_by_time_alone_is_a_warning_however_it_measures_time(string test, string clock, string touch)
    {
        // PowerJob #1033 in plain C#: accepted requests wait in the queue; the checker destroys the tracker on time alone.
        // Nothing in the type drains the queue (a pool elsewhere does): the accepted work is the evidence.
        var source = Worker + $$"""
            public sealed class ProcessorTracker
            {
                static readonly TimeSpan MaxIdle = TimeSpan.FromSeconds(120);
                readonly ConcurrentQueue<TaskRequest> queue = new();
                readonly IOwner owner;
                readonly string id;
                readonly Timer checker;
                {{clock}}
                public ProcessorTracker(IOwner owner, string id)
                {
                    this.owner = owner;
                    this.id = id;
                    checker = new Timer(_ => CheckIdle(), null, 10_000, 10_000);
                }
                public ConcurrentQueue<TaskRequest> Queue => queue;
                public void Submit(TaskRequest request) { queue.Enqueue(request); {{touch}} }
                void CheckIdle()
                {
                    if ({{test}})
                    {
                        owner.ReportIdle(id);
                        Destroy();
                    }
                }
                public void Destroy() => checker.Dispose();
            }
            """;

        Assert.Contains("TRK002 Warning Destroy", await Findings(source));
    }

    [Fact]
    public async Task The_seed_with_the_idle_check_also_requiring_an_empty_queue_is_clean()
    {
        var source = Worker + """
            public sealed class ProcessorTracker
            {
                static readonly TimeSpan MaxIdle = TimeSpan.FromSeconds(120);
                readonly ConcurrentQueue<TaskRequest> queue = new();
                readonly object gate = new();
                readonly IOwner owner;
                readonly Timer checker;
                DateTime lastActiveUtc = DateTime.UtcNow;
                bool destroyed;
                public ProcessorTracker(IOwner owner) { this.owner = owner; checker = new Timer(_ => CheckIdle(), null, 10_000, 10_000); }
                public bool Submit(TaskRequest request)
                {
                    lock (gate) { if (destroyed) return false; queue.Enqueue(request); lastActiveUtc = DateTime.UtcNow; return true; }
                }
                public void Run() { while (queue.TryDequeue(out var request)) Console.WriteLine(request.Payload); }
                void CheckIdle()
                {
                    lock (gate)
                    {
                        if (DateTime.UtcNow - lastActiveUtc > MaxIdle && queue.IsEmpty)
                        {
                            destroyed = true;
                        }
                    }

                    if (destroyed) { owner.ReportIdle("pt"); checker.Dispose(); }
                }
            }
            """;

        Assert.Empty(await Findings(source));
    }

    [Fact]
    public async Task A_flag_write_after_an_await_is_a_teardown_whose_empty_check_went_stale()
    {
        var source = Worker + """
            public interface IAsyncOwner { Task ReportIdleAsync(string id); }
            public sealed class Worker
            {
                readonly ConcurrentQueue<TaskRequest> queue = new();
                readonly IAsyncOwner owner;
                volatile bool destroyed;
                public Worker(IAsyncOwner owner) => this.owner = owner;
                public bool Submit(TaskRequest request)
                {
                    if (destroyed) return false;
                    queue.Enqueue(request);
                    return true;
                }
                public void RunNext() { if (queue.TryDequeue(out var request)) Console.WriteLine(request.Payload); }
                public async Task CheckIdleAsync()
                {
                    if (queue.IsEmpty)
                    {
                        await owner.ReportIdleAsync("w1");
                        destroyed = true;
                    }
                }
            }
            """;

        Assert.Contains("TRK003 Warning CheckIdleAsync", await Findings(source));
    }

    [Fact]
    public async Task Plain_values_a_shutdown_abandons_in_the_queue_are_pending_work()
    {
        var source = Worker + """
            public interface ITransport { void Write(string line); }
            public sealed class LineSender
            {
                readonly Queue<string> queue = new();
                readonly object gate = new();
                readonly ITransport transport;
                bool running = true;
                public LineSender(ITransport transport) => this.transport = transport;
                public void Send(string line) { lock (gate) { if (!running) throw new InvalidOperationException("stopped"); queue.Enqueue(line); } }
                public void Pump()
                {
                    while (true)
                    {
                        string line;
                        lock (gate) { if (!running || queue.Count == 0) return; line = queue.Dequeue(); }
                        transport.Write(line);
                    }
                }
                public void Shutdown() { lock (gate) { running = false; } }
            }
            """;

        Assert.Contains("TRK001 Warning Shutdown", await Findings(source));
    }

    [Fact]
    public async Task A_log_buffer_that_reported_success_and_drops_its_events_at_dispose_is_a_warning()
    {
        var source = Worker + """
            public sealed record LogEvent(DateTime At, string Text);
            public interface ISink { void Write(LogEvent e); }
            public sealed class BufferedLogger : IDisposable
            {
                readonly List<LogEvent> buffer = new();
                readonly object gate = new();
                readonly ISink sink;
                readonly Timer flusher;
                public BufferedLogger(ISink sink) { this.sink = sink; flusher = new Timer(_ => Flush(), null, 1000, 1000); }
                public void Log(LogEvent e) { lock (gate) buffer.Add(e); }
                void Flush()
                {
                    LogEvent[] batch;
                    lock (gate) { batch = buffer.ToArray(); buffer.Clear(); }
                    foreach (var e in batch) sink.Write(e);
                }
                public void Dispose() => flusher.Dispose();
            }
            """;

        Assert.Contains("TRK001 Warning Dispose", await Findings(source));
    }

    [Fact]
    public async Task A_dispose_that_skips_the_drain_its_async_twin_does_breaks_the_types_own_rule()
    {
        var source = Worker + """
            public interface ISender { Task SendAsync(string message); void Send(string message); }
            public sealed class Outbox : IDisposable, IAsyncDisposable
            {
                readonly ConcurrentQueue<string> messages = new();
                readonly ISender sender;
                readonly CancellationTokenSource stopping = new();
                public Outbox(ISender sender) => this.sender = sender;
                public void Post(string message) => messages.Enqueue(message);
                public async Task PumpAsync() { while (!stopping.IsCancellationRequested && messages.TryDequeue(out var m)) await sender.SendAsync(m); }
                public async ValueTask DisposeAsync()
                {
                    stopping.Cancel();
                    while (messages.TryDequeue(out var m)) await sender.SendAsync(m);
                }
                public void Dispose() => stopping.Cancel();
            }
            """;

        var found = await Findings(source);

        Assert.Contains("TRK001 Warning Dispose", found);
        Assert.DoesNotContain("TRK001 Warning DisposeAsync", found);
    }

    [Fact]
    public async Task A_drain_that_runs_before_the_latch_leaves_a_window_for_late_adds()
    {
        var source = Worker + """
            public interface ISink { void Write(string e); }
            public sealed class Batcher : IDisposable
            {
                readonly ConcurrentQueue<string> items = new();
                readonly ISink sink;
                volatile bool disposed;
                public Batcher(ISink sink) => this.sink = sink;
                public void Add(string item)
                {
                    if (disposed) throw new ObjectDisposedException(nameof(Batcher));
                    items.Enqueue(item);
                }
                public void Flush() { while (items.TryDequeue(out var item)) sink.Write(item); }
                public void Dispose()
                {
                    Flush();
                    disposed = true;
                }
            }
            """;

        Assert.Contains("TRK003 Warning Dispose", await Findings(source));
    }

    [Fact]
    public async Task An_add_entry_that_skips_the_disposed_check_its_siblings_make_is_a_warning()
    {
        var source = Worker + """
            public sealed class Dispatcher : IDisposable
            {
                readonly ConcurrentQueue<string> work = new();
                bool disposed;
                public void Post(string item) { if (disposed) throw new ObjectDisposedException(nameof(Dispatcher)); work.Enqueue(item); }
                public void PostMany(string[] items) { foreach (var item in items) work.Enqueue(item); }
                public void Run(Action<string> handle) { while (work.TryDequeue(out var item)) handle(item); }
                public void Dispose() { disposed = true; while (work.TryDequeue(out var item)) Console.WriteLine("dropped " + item); }
            }
            """;

        var found = await Findings(source);

        Assert.Contains("TRK004 Warning PostMany", found);
        Assert.DoesNotContain("TRK004 Warning Post", found);
    }

    // Serilog's async sink (mutant serilog-async-1): Dispose closes the queue and disposes the wrapped sink; events Emit
    // accepted are flushed only if Dispose waits for the pump first. Closing the queue reads it, but is no look at the work.
    [Theory]
    [InlineData("", "TRK001 Warning Dispose")]
    [InlineData("worker.Wait();", "")]
    [InlineData("var pump = worker; pump?.Wait();", "")]
    [InlineData("while (queue.TryTake(out var rest)) inner.Emit(rest);", "")]
    public async Task A_dispose_that_closes_the_queue_and_disposes_the_sink_without_waiting_for_the_pump_loses_what_was_accepted(string wait, string expected)
    {
        var source = Worker + $$"""
            public interface ISink { void Emit(string e); }
            public sealed class BackgroundSink : IDisposable
            {
                readonly ISink inner;
                readonly BlockingCollection<string> queue = new(100);
                readonly Task worker;
                public BackgroundSink(ISink inner) { this.inner = inner; worker = Task.Factory.StartNew(Pump, TaskCreationOptions.LongRunning); }
                public void Emit(string e) { if (!queue.IsAddingCompleted) queue.TryAdd(e); }
                public void Dispose()
                {
                    queue.CompleteAdding();
                    {{wait}}
                    (inner as IDisposable)?.Dispose();
                }
                void Pump() { foreach (var next in queue.GetConsumingEnumerable()) inner.Emit(next); }
            }
            """;

        var found = await Findings(source);

        Assert.Equal(expected.Length == 0 ? [] : [expected], found);
    }

    [Fact]
    public async Task A_dispose_that_completes_the_channel_and_awaits_its_reader_is_clean()
    {
        var source = Worker + """
            public sealed class Executor : IAsyncDisposable
            {
                readonly System.Threading.Channels.Channel<Func<Task>> channel = System.Threading.Channels.Channel.CreateUnbounded<Func<Task>>();
                readonly SemaphoreSlim limit = new(1);
                readonly Task reader;
                public Executor() => reader = Task.Run(ReadAsync);
                public ValueTask Push(Func<Task> work) => channel.Writer.WriteAsync(work);
                async Task ReadAsync() { await foreach (var work in channel.Reader.ReadAllAsync()) { await limit.WaitAsync(); try { await work(); } finally { limit.Release(); } } }
                public async ValueTask DisposeAsync()
                {
                    channel.Writer.Complete();
                    await reader;
                    limit.Dispose();
                }
            }
            """;

        Assert.Empty(await Findings(source));
    }

    // vs-threading's AsyncSemaphore (mutant vs-threading-5): the waiters are promises callers await, handed out by EnterAsync
    // and completed by Release; Dispose faults them under the lock. A disposed check outside that lock lets a waiter in
    // after Dispose faulted the rest: it is never released nor faulted.
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Waiters_handed_out_and_completed_by_the_type_are_pending_work_for_the_check_under_the_lock(bool checkInsideLock)
    {
        var check = "if (disposed) return Task.FromException(new ObjectDisposedException(nameof(Gate)));";
        var source = Worker + $$"""
            public sealed class Gate : IDisposable
            {
                sealed class Waiter { public TaskCompletionSource<bool> Trigger { get; } = new(); }
                readonly object sync = new();
                readonly LinkedList<Waiter> waiters = new();
                bool disposed;
                int free;
                public Task EnterAsync()
                {
                    {{(checkInsideLock ? string.Empty : check)}}
                    lock (sync)
                    {
                        {{(checkInsideLock ? check : string.Empty)}}
                        if (free > 0) { free--; return Task.CompletedTask; }
                        var waiter = new Waiter();
                        waiters.AddLast(waiter);
                        return waiter.Trigger.Task;
                    }
                }
                public void Release()
                {
                    lock (sync)
                    {
                        if (waiters.First is { } head) { waiters.RemoveFirst(); head.Value.Trigger.TrySetResult(true); }
                        else free++;
                    }
                }
                public void Dispose()
                {
                    lock (sync)
                    {
                        disposed = true;
                        while (waiters.First is { } head) { head.Value.Trigger.TrySetException(new ObjectDisposedException(nameof(Gate))); waiters.RemoveFirst(); }
                    }
                }
            }
            """;

        var found = await Findings(source);

        Assert.Equal(checkInsideLock ? [] : ["TRK004 Warning EnterAsync"], found);
    }

    [Fact]
    public async Task A_registry_of_loops_stopped_through_a_linked_token_holds_no_pending_work()
    {
        var source = Worker + """
            public sealed class StreamLoops : IDisposable
            {
                readonly ConcurrentDictionary<string, (CancellationTokenSource Cts, Task Loop)> loops = new();
                readonly CancellationTokenSource shutdown = new();
                public void Start(string stream)
                {
                    var cts = CancellationTokenSource.CreateLinkedTokenSource(shutdown.Token);
                    loops[stream] = (cts, Task.Run(() => RunAsync(stream, cts.Token)));
                }
                public async Task StopAsync(string stream)
                {
                    if (loops.TryRemove(stream, out var loop)) { loop.Cts.Cancel(); await loop.Loop; }
                }
                static async Task RunAsync(string stream, CancellationToken token) { while (!token.IsCancellationRequested) await Task.Delay(1000, token); }
                public void Dispose() => shutdown.Cancel();
            }
            """;

        Assert.Empty(await Findings(source, allTiers: true));
    }

    [Fact]
    public async Task A_buffer_of_messages_already_persisted_is_a_cache_not_pending_work()
    {
        var source = Worker + """
            public sealed record Message(Guid Id, string Body);
            public interface IStore { Task SaveAsync(Message m); Task MarkSentAsync(Guid id); }
            public interface ITransport { Task SendAsync(Message m); }
            public sealed class OutboxDispatcher : IDisposable
            {
                readonly ConcurrentQueue<Message> ready = new();
                readonly IStore store;
                readonly ITransport transport;
                readonly CancellationTokenSource stopping = new();
                public OutboxDispatcher(IStore store, ITransport transport) { this.store = store; this.transport = transport; }
                public async Task PublishAsync(Message message)
                {
                    await store.SaveAsync(message);
                    ready.Enqueue(message);
                }
                public async Task DispatchAsync()
                {
                    while (!stopping.IsCancellationRequested && ready.TryDequeue(out var message))
                    {
                        await transport.SendAsync(message);
                        await store.MarkSentAsync(message.Id);
                    }
                }
                public void Dispose() => stopping.Cancel();
            }
            """;

        Assert.Empty(await Findings(source));
    }

    [Fact]
    public async Task A_late_add_refused_loudly_by_a_disposed_semaphore_is_not_dispatch_after_teardown()
    {
        var source = Worker + """
            public sealed class Pump : IDisposable
            {
                readonly ConcurrentQueue<string> items = new();
                readonly SemaphoreSlim signal = new(0);
                public void Post(string item) { items.Enqueue(item); signal.Release(); }
                public async Task RunAsync(Action<string> handle)
                {
                    while (true) { await signal.WaitAsync(); if (items.TryDequeue(out var item)) handle(item); }
                }
                public void Dispose() { while (items.TryDequeue(out var item)) Console.WriteLine("dropped " + item); signal.Dispose(); }
            }
            """;

        Assert.DoesNotContain(await Findings(source), f => f.StartsWith("TRK004", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_hosted_service_that_keeps_its_own_loops_holds_no_pending_work()
    {
        var source = Worker + """
            public sealed class Poller : IDisposable
            {
                readonly List<Task> loops = new();
                readonly CancellationTokenSource stopping = new();
                public void Start(int workers)
                {
                    for (var i = 0; i < workers; i++) loops.Add(Task.Run(() => LoopAsync(stopping.Token)));
                }
                public async Task StopAsync() { stopping.Cancel(); foreach (var loop in loops) await loop; loops.Clear(); }
                static async Task LoopAsync(CancellationToken token) { while (!token.IsCancellationRequested) await Task.Delay(100, token); }
                public void Dispose() => stopping.Cancel();
            }
            """;

        Assert.Empty(await Findings(source));
    }

    [Fact]
    public async Task A_teardown_that_drains_one_collection_and_forgets_its_sibling_is_a_warning()
    {
        var source = Worker + """
            public interface ITransport { void Send(string m); }
            public sealed class Link : IDisposable
            {
                readonly ConcurrentQueue<string> outgoing = new();
                readonly ConcurrentQueue<string> retries = new();
                readonly ITransport transport;
                public Link(ITransport transport) => this.transport = transport;
                public void Send(string m) => outgoing.Enqueue(m);
                public void Retry(string m) => retries.Enqueue(m);
                public void Pump()
                {
                    while (outgoing.TryDequeue(out var m)) transport.Send(m);
                    while (retries.TryDequeue(out var r)) transport.Send(r);
                }
                public void Dispose()
                {
                    while (outgoing.TryDequeue(out var m)) transport.Send(m);
                }
            }
            """;

        var found = await Findings(source);

        Assert.Contains("TRK001 Warning Dispose", found);
        var diagnostic = (await AnalyzerRun.DiagnosticsAsync(source, analyzers: new TeardownIgnoresPendingWorkAnalyzer())).Single(d => d.Id == "TRK001");
        Assert.EndsWith("(retries)", diagnostic.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_teardown_that_drains_every_collection_it_accepts_work_into_is_clean()
    {
        var source = Worker + """
            public interface ITransport { void Send(string m); }
            public sealed class Link : IDisposable
            {
                readonly ConcurrentQueue<string> outgoing = new();
                readonly ConcurrentQueue<string> retries = new();
                readonly ITransport transport;
                public Link(ITransport transport) => this.transport = transport;
                public void Send(string m) => outgoing.Enqueue(m);
                public void Retry(string m) => retries.Enqueue(m);
                public void Pump()
                {
                    while (outgoing.TryDequeue(out var m)) transport.Send(m);
                    while (retries.TryDequeue(out var r)) transport.Send(r);
                }
                public void Dispose() => Pump();
            }
            """;

        Assert.Empty(await Findings(source));
    }

    [Fact]
    public async Task An_add_through_an_own_helper_that_checks_the_state_itself_is_refused_there()
    {
        var source = Worker + """
            public sealed class Rpc : IDisposable
            {
                readonly ConcurrentQueue<TaskCompletionSource<string>> waiting = new();
                bool open = true;
                public Task<string> CallAsync(string request) { var reply = new TaskCompletionSource<string>(); Enqueue(reply); return reply.Task; }
                public Task<string> PingAsync() => CallAsync("ping");
                void Enqueue(TaskCompletionSource<string> reply)
                {
                    if (!open) { reply.TrySetException(new ObjectDisposedException(nameof(Rpc))); return; }
                    waiting.Enqueue(reply);
                }
                public void OnReply(string text) { if (waiting.TryDequeue(out var reply)) reply.TrySetResult(text); }
                public void Dispose() { open = false; while (waiting.TryDequeue(out var reply)) reply.TrySetCanceled(); }
            }
            """;

        Assert.Empty(await Findings(source));
    }

    [Fact]
    public async Task A_registry_of_connections_forgotten_at_teardown_is_a_leak_not_dropped_work()
    {
        var source = Worker + """
            public sealed class Connection : IDisposable { public Connection(string host) { } public void Write(string s) { } public void Dispose() { } }
            public sealed class Servers : IDisposable
            {
                readonly ConcurrentQueue<Connection> idle = new();
                readonly CancellationTokenSource life = new();
                public void Return(string host) => idle.Enqueue(new Connection(host));
                public void Use(string line) { if (idle.TryDequeue(out var c)) c.Write(line); }
                public void Dispose() => life.Cancel();
            }
            """;

        Assert.Empty(await Findings(source));
    }

    [Fact]
    public async Task A_generic_queue_that_refuses_late_items_checks_outside_its_lock_at_its_peril()
    {
        var source = Worker + """
            public sealed class AsyncQueue<T>
            {
                readonly Queue<T> items = new();
                readonly Queue<TaskCompletionSource<T>> takers = new();
                readonly object gate = new();
                bool completed;
                public void Complete() { lock (gate) { completed = true; } }
                public bool TryEnqueue(T value)
                {
                    ObjectDisposedException.ThrowIf(completed, this);
                    lock (gate)
                    {
                        while (takers.TryDequeue(out var taker)) { if (taker.TrySetResult(value)) return true; }
                        items.Enqueue(value);
                    }

                    return true;
                }
                public bool TryDequeue(out T value) { lock (gate) { return items.TryDequeue(out value!); } }
            }
            """;

        Assert.Contains("TRK004 Warning TryEnqueue", await Findings(source));
    }
}
