using TrackerRace.Analyzers.Tests.Verification;

namespace TrackerRace.Analyzers.Tests;

/// <summary>
/// Correct, everyday code that a careless rule would flag: each snippet must get no diagnostic from
/// any rule. False positives cost more than misses, because a noisy rule gets turned off.
/// </summary>
public sealed class OrdinaryCodeTests
{
    public static TheoryData<string, string> Snippets { get; } = new()
    {
        {
            "an observer that records events in a queue it only reads whole and resets",
            """
            using System; using System.Collections.Concurrent;
            public sealed class Observer : IObserver<string>, IDisposable
            {
                private readonly IDisposable subscription;
                private readonly ConcurrentQueue<string> events = new();
                public Observer(IObservable<string> source) => subscription = source.Subscribe(this);
                public string[] Events => events.ToArray();
                public int CountOf(string name) => System.Linq.Enumerable.Count(events, e => e == name);
                public void Reset() => events.Clear();
                public void Dispose() => subscription.Dispose();
                public void OnNext(string value) => events.Enqueue(value);
                public void OnError(Exception error) { }
                public void OnCompleted() { }
            }
            """
        },
        {
            "an enqueue helper that checks the disposed flag itself",
            """
            using System; using System.Collections.Concurrent;
            public sealed class Scheduler : IDisposable
            {
                private readonly ConcurrentQueue<Action> registrations = new();
                private volatile bool disposed;
                private void ThrowIfDisposed() { if (disposed) throw new ObjectDisposedException(nameof(Scheduler)); }
                private void ScheduleCore(Action action) { ThrowIfDisposed(); registrations.Enqueue(action); }
                public void Schedule(Action action) => ScheduleCore(action);
                public void Dispose() { disposed = true; while (registrations.TryDequeue(out var a)) a(); }
            }
            """
        },
        {
            "cancel, then await the processing loop that fails what is left on its way out",
            """
            using System.Collections.Concurrent; using System.Threading; using System.Threading.Tasks;
            public sealed class Shard : System.IAsyncDisposable
            {
                private readonly ConcurrentQueue<TaskCompletionSource> pendingOperations = new();
                private readonly CancellationTokenSource shutdown = new();
                private readonly Task processor;
                public Shard() => processor = Task.Run(ProcessAsync);
                private async Task ProcessAsync()
                {
                    try { while (true) { await Task.Delay(10, shutdown.Token); while (pendingOperations.TryDequeue(out var op)) op.TrySetResult(); } }
                    catch (System.OperationCanceledException) { }
                    finally { CancelQueued(); }
                }
                private void CancelQueued() { while (pendingOperations.TryDequeue(out var op)) op.TrySetCanceled(); }
                public async System.Threading.Tasks.ValueTask DisposeAsync() { shutdown.Cancel(); await processor; }
            }
            """
        },
        {
            "a deactivation that puts its stop command into the same serial queue",
            """
            using System; using System.Collections.Generic;
            public sealed class Activation
            {
                private readonly object gate = new();
                private readonly Queue<object> pendingOperations = new();
                private string state = "Valid";
                public void Rehydrate(string context) => ScheduleOperation(context);
                public void Deactivate() { lock (gate) { state = "Deactivating"; } ScheduleOperation("deactivate"); }
                private void ScheduleOperation(object operation) { lock (gate) { pendingOperations.Enqueue(operation); } }
                internal void ProcessNext()
                {
                    object op;
                    lock (gate) { if (!pendingOperations.TryDequeue(out op)) return; }
                    if (op is string s && s != "deactivate" && state != "Valid") Console.WriteLine("ignored " + s);
                }
            }
            """
        },
        {
            "a lifecycle hook, as a local function, completes the channel that TryKill writes to",
            """
            using System; using System.Threading; using System.Threading.Channels; using System.Threading.Tasks;
            public sealed class Lifecycle { public Func<Task> OnStop = () => Task.CompletedTask; }
            public sealed class MembershipManager
            {
                private readonly Channel<string> suspects = Channel.CreateBounded<string>(100);
                public void Participate(Lifecycle lifecycle)
                {
                    lifecycle.OnStop = OnStop;
                    Task OnStop() { suspects.Writer.TryComplete(); return Task.CompletedTask; }
                }
                public async Task<bool> TryKill(string silo) { await suspects.Writer.WriteAsync(silo); return true; }
                public async Task RunAsync() { await foreach (var s in suspects.Reader.ReadAllAsync()) Console.WriteLine(s); }
            }
            """
        },
        {
            "a private helper that stops watching for deadlocks once the waiters are gone",
            """
            using System; using System.Collections.Concurrent; using System.Threading;
            public sealed class LockQueue
            {
                private readonly ConcurrentQueue<Action> waitingWriters = new();
                private Timer deadlockCheckTimer;
                public void Release()
                {
                    if (waitingWriters.TryDequeue(out var next)) next();
                    if (waitingWriters.IsEmpty) StopDeadlockWatching();
                }
                public void Enqueue(Action writer) { waitingWriters.Enqueue(writer); deadlockCheckTimer ??= new Timer(_ => { }, null, 1000, -1); }
                private void StopDeadlockWatching() { deadlockCheckTimer?.Dispose(); deadlockCheckTimer = null; }
            }
            """
        },
        {
            "a map called queueData, which holds no queued work",
            """
            using System; using System.Collections.Generic;
            public sealed class StreamConsumers
            {
                private readonly Dictionary<Guid, string> queueData = new();
                private bool disposed;
                public void AddConsumer(Guid id, string consumer) => queueData.Add(id, consumer);
                public void DisposeAll() { foreach (var c in queueData.Values) Console.WriteLine(c); queueData.Clear(); disposed = true; }
                public bool IsDisposed => disposed;
            }
            """
        },
        {
            "a method that only builds a handler whose lambda enqueues",
            """
            using System; using System.Collections.Concurrent;
            public sealed class Connection : IDisposable
            {
                private readonly ConcurrentQueue<string> pendingAcks = new();
                private volatile bool closed;
                private Action<string> onMessage = _ => { };
                public void Connect() => onMessage = BuildHandler();
                public void Receive(string message) { if (closed) return; onMessage(message); }
                private Action<string> BuildHandler() => msg => pendingAcks.Enqueue(msg);
                public void Dispose() { closed = true; while (pendingAcks.TryDequeue(out _)) { } }
            }
            """
        },
        {
            "a consumer loop that moves what it reads into its in-flight batch",
            """
            using System; using System.Collections.Generic; using System.Threading.Channels; using System.Threading.Tasks;
            public class Connection : IAsyncDisposable
            {
                private readonly Channel<string> outgoing = Channel.CreateUnbounded<string>();
                private readonly List<string> inflight = new(4);
                public bool Send(string message) => outgoing.Writer.TryWrite(message);
                protected virtual Task RunAsync() => ProcessOutgoingAsync();
                private async Task ProcessOutgoingAsync()
                {
                    var reader = outgoing.Reader;
                    while (await reader.WaitToReadAsync())
                    {
                        while (inflight.Count < inflight.Capacity && reader.TryRead(out var message)) inflight.Add(message);
                        foreach (var m in inflight) Console.WriteLine(m);
                        inflight.Clear();
                    }
                }
                public ValueTask DisposeAsync() { outgoing.Writer.TryComplete(); return default; }
            }
            """
        },
        {
            "an activation that ends its tracing activity, and a directory that destroys duplicates elsewhere",
            """
            using System; using System.Collections.Concurrent; using System.Collections.Generic; using System.Diagnostics; using System.Threading.Tasks;
            public sealed class Activation
            {
                private readonly ConcurrentQueue<string> waitingRequests = new();
                private Activity activationActivity = new Activity("activate").Start();
                public async Task ActivateAsync()
                {
                    Console.WriteLine(waitingRequests.Count);
                    await Task.Delay(10);
                    activationActivity?.Dispose();
                    activationActivity = null;
                }
                public void Receive(string message) => waitingRequests.Enqueue(message);
                public bool TryTake(out string message) => waitingRequests.TryDequeue(out message);
            }
            public sealed class Directory
            {
                private readonly Queue<string> pendingRegistrations = new();
                public void Accept(string registration) { lock (pendingRegistrations) pendingRegistrations.Enqueue(registration); }
                public async Task ProcessAsync()
                {
                    var duplicates = new List<string>();
                    lock (pendingRegistrations) while (pendingRegistrations.Count > 0) duplicates.Add(pendingRegistrations.Dequeue());
                    await Task.Yield();
                    await DestroyDuplicatesAsync(duplicates);
                }
                private Task DestroyDuplicatesAsync(List<string> victims) { foreach (var v in victims) Console.WriteLine(v); return Task.CompletedTask; }
            }
            """
        },
        {
            "a Dispose pattern whose Dispose(bool) has nothing to free",
            """
            using System; using System.Collections.Generic;
            public class TaskContext : IDisposable
            {
                private readonly HashSet<object> pendingTasks = new();
                internal void OnTaskStarted(object task) { lock (pendingTasks) { pendingTasks.Add(task); } }
                internal void OnTaskCompleted(object task) { lock (pendingTasks) { pendingTasks.Remove(task); } }
                public void Dispose() { Dispose(true); GC.SuppressFinalize(this); }
                protected virtual void Dispose(bool disposing) { }
            }
            """
        },
        {
            "a decorator that forwards Shutdown to the job store it wraps",
            """
            using System.Threading; using System.Threading.Tasks;
            public interface IJobStore
            {
                ValueTask StoreJob(string job, CancellationToken cancellationToken = default);
                ValueTask Shutdown(CancellationToken cancellationToken = default);
            }
            public class DelegatingJobStore : IJobStore
            {
                private readonly IJobStore jobStore;
                public DelegatingJobStore(IJobStore inner) => jobStore = inner;
                public virtual ValueTask StoreJob(string job, CancellationToken cancellationToken = default) => jobStore.StoreJob(job, cancellationToken);
                public virtual ValueTask Shutdown(CancellationToken cancellationToken = default) => jobStore.Shutdown(cancellationToken);
            }
            """
        },
        {
            "a Dispose that completes the channel inside a lambda it runs at once",
            """
            using System; using System.Threading.Channels; using System.Threading.Tasks;
            public sealed class HostedClient : IDisposable
            {
                private readonly Channel<string> incoming = Channel.CreateUnbounded<string>();
                private readonly IDisposable scope;
                private Task pump = Task.CompletedTask;
                public HostedClient(IDisposable scope) => this.scope = scope;
                public void Start() => pump = Task.Run(async () => { await foreach (var m in incoming.Reader.ReadAllAsync()) Console.WriteLine(m); });
                public void Dispose()
                {
                    scope.Dispose();
                    SafeExecute(() => incoming.Writer.TryComplete());
                    SafeExecute(() => pump.GetAwaiter().GetResult());
                }
                private static void SafeExecute(Action action) { try { action(); } catch (InvalidOperationException) { } }
            }
            """
        },
        {
            "a deadline that aborts timed-out work items, not the component",
            """
            using System; using System.Collections.Generic;
            public sealed class CommitQueue
            {
                private readonly List<(Guid Id, DateTime WaitingSince)> pendingCommits = new();
                private readonly TimeSpan prepareTimeout = TimeSpan.FromSeconds(20);
                public void Add(Guid id) => pendingCommits.Add((id, DateTime.UtcNow));
                public void Check(DateTime now)
                {
                    if (pendingCommits.Count == 0) return;
                    var bottom = pendingCommits[0];
                    if (bottom.WaitingSince + prepareTimeout <= now) AbortCommits("PrepareTimeout");
                }
                private void AbortCommits(string status) { Console.WriteLine(status); pendingCommits.RemoveAll(_ => true); }
            }
            """
        },
        {
            "a recorder whose only stop-named method stops a stopwatch",
            """
            using System.Collections.Concurrent; using System.Diagnostics;
            public sealed class Recorder
            {
                private readonly ConcurrentQueue<int> samples = new();
                private readonly Stopwatch clock = Stopwatch.StartNew();
                public void Record(int sample) => samples.Enqueue(sample);
                public void StopClock() => clock.Stop();
            }
            """
        },
        {
            "wait in a while (true) loop until the queue is empty, then cancel",
            """
            using System.Collections.Generic; using System.Threading; using System.Threading.Tasks;
            public sealed class DrainingService
            {
                private readonly object _gate = new();
                private readonly Queue<string> _queue = new();
                private readonly CancellationTokenSource _cts = new();
                public void Post(string s) { lock (_gate) { if (_cts.IsCancellationRequested) return; _queue.Enqueue(s); } }
                public async Task StopAsync()
                {
                    while (true)
                    {
                        lock (_gate) { if (_queue.Count == 0) { _cts.Cancel(); break; } }
                        await Task.Delay(20);
                    }
                }
            }
            """
        },
        {
            "poll in a while (true) loop until the queue is empty, then cancel",
            """
            using System.Collections.Concurrent; using System.Threading; using System.Threading.Tasks;
            public sealed class PollingService
            {
                private readonly ConcurrentQueue<string> _queue = new();
                private readonly CancellationTokenSource _cts = new();
                public bool Post(string s) { if (_cts.IsCancellationRequested) return false; _queue.Enqueue(s); return true; }
                public async Task StopAsync()
                {
                    while (true)
                    {
                        if (_queue.IsEmpty) break;
                        await Task.Delay(20);
                    }

                    _cts.Cancel();
                }
            }
            """
        },
        {
            "the queue is asked through a local function",
            """
            using System.Collections.Concurrent; using System.Threading;
            public sealed class Worker
            {
                private readonly ConcurrentQueue<string> _queue = new();
                private readonly CancellationTokenSource _cts = new();
                public bool Post(string s) { if (_cts.IsCancellationRequested) return false; _queue.Enqueue(s); return true; }
                public void StopIfIdle()
                {
                    if (HasWork()) return;
                    _cts.Cancel();

                    bool HasWork() => !_queue.IsEmpty;
                }
            }
            """
        },
        {
            "a stopwatch stopped after the queue is drained is bookkeeping, not a teardown",
            """
            using System.Collections.Concurrent; using System.Diagnostics;
            public sealed class Meter
            {
                private readonly ConcurrentQueue<int> _queue = new();
                private readonly Stopwatch _busy = new();
                public void Post(int x) => _queue.Enqueue(x);
                public void Process() { _busy.Start(); while (_queue.TryDequeue(out _)) { } _busy.Stop(); }
            }
            """
        },
        {
            "a private enqueue helper called with the lock held and the flag checked",
            """
            using System.Collections.Generic;
            public sealed class Mailbox : System.IDisposable
            {
                private readonly object _gate = new();
                private readonly Queue<string> _queue = new();
                private bool _disposed;
                public bool TryPost(string s) { lock (_gate) { if (_disposed) return false; EnqueueLocked(s); return true; } }
                private void EnqueueLocked(string s) => _queue.Enqueue(s);
                public void Dispose() { lock (_gate) { _disposed = true; _queue.Clear(); } }
            }
            """
        },
        {
            "an idle check whose teardown re-checks the queue itself",
            """
            using System; using System.Collections.Concurrent; using System.Threading;
            public sealed class Tracker
            {
                private readonly ConcurrentQueue<string> _pending = new();
                private readonly Timer _checker;
                private long _lastActive;
                public Tracker() => _checker = new Timer(_ => Check(), null, 10_000, 10_000);
                private void Check()
                {
                    if (Environment.TickCount64 - _lastActive > 120_000) { Destroy(); }
                }
                private void Destroy()
                {
                    if (!_pending.IsEmpty) return;
                    _checker.Dispose();
                }
            }
            """
        },
        {
            "unacknowledged messages are a count, not a time",
            """
            public sealed class Session
            {
                private long _messagesSent, _messagesAcked;
                private const long MaxUnacked = 1000;
                public void OnAck() { _messagesAcked++; if (_messagesSent - _messagesAcked > MaxUnacked) { Close(); } }
                public void Close() { }
            }
            """
        },
        {
            "close the door under the lock, then drain outside it",
            """
            using System; using System.Collections.Generic; using System.Threading; using System.Threading.Tasks;
            public sealed class Worker
            {
                private readonly object _gate = new();
                private readonly Queue<Func<Task>> _pending = new();
                private readonly CancellationTokenSource _cts = new();
                private bool _stopped;
                public bool TryPost(Func<Task> f) { lock (_gate) { if (_stopped) return false; _pending.Enqueue(f); return true; } }
                public void Stop()
                {
                    lock (_gate) { _stopped = true; }
                    while (_pending.Count > 0) { _pending.Dequeue(); }
                    _cts.Cancel();
                }
            }
            """
        },
        {
            "idle eviction of cache entries",
            """
            using System; using System.Collections.Generic;
            public sealed class Entry : IDisposable { public DateTime LastAccess; public void Dispose() { } }
            public sealed class Cache
            {
                private readonly Dictionary<string, Entry> _entries = new();
                public void Sweep(TimeSpan ttl) { foreach (var e in _entries.Values) { if (DateTime.UtcNow - e.LastAccess > ttl) { e.Dispose(); } } }
            }
            """
        },
        {
            "complete the channel, let the consumer drain, then cancel",
            """
            using System; using System.Threading; using System.Threading.Channels; using System.Threading.Tasks;
            public sealed class Pipeline : IAsyncDisposable
            {
                private readonly Channel<int> _channel = Channel.CreateUnbounded<int>();
                private readonly CancellationTokenSource _cts = new();
                private readonly Task _consumer;
                public Pipeline() { _consumer = Task.Run(ConsumeAsync); }
                public bool TryPost(int item) => _channel.Writer.TryWrite(item);
                private async Task ConsumeAsync() { await foreach (var i in _channel.Reader.ReadAllAsync(_cts.Token)) { } }
                public async ValueTask DisposeAsync() { _channel.Writer.TryComplete(); await _consumer; _cts.Cancel(); _cts.Dispose(); }
            }
            """
        },
        {
            "an undo stack and a crawl frontier are data structures, not pending work",
            """
            using System; using System.Collections.Generic;
            public sealed class UndoManager : IDisposable
            {
                private readonly Stack<string> _undo = new();
                private readonly IDisposable _subscription;
                public UndoManager(IDisposable s) { _subscription = s; }
                public void Push(string c) { _undo.Push(c); }
                public void Dispose() { _subscription.Dispose(); }
            }
            public sealed class Crawler : IDisposable
            {
                private readonly Queue<Uri> _frontier = new();
                private readonly System.Net.Http.HttpClient _http = new();
                public void AddSeed(Uri u) => _frontier.Enqueue(u);
                public void Dispose() => _http.Dispose();
            }
            """
        },
        {
            "BlockingCollection refuses work after CompleteAdding by itself",
            """
            using System; using System.Collections.Concurrent; using System.Threading;
            public sealed class Logger : IDisposable
            {
                private readonly BlockingCollection<string> _queue = new();
                private readonly Thread _worker;
                public Logger() { _worker = new Thread(() => { foreach (var m in _queue.GetConsumingEnumerable()) Console.WriteLine(m); }); _worker.Start(); }
                public void Log(string message) => _queue.Add(message);
                public void Dispose() { _queue.CompleteAdding(); _worker.Join(); _queue.Dispose(); }
            }
            """
        },
        {
            "names that merely mention a queue",
            """
            using System; using System.Threading;
            public sealed class Config : IDisposable
            {
                private readonly string[] _queueNames = { "a", "b" };
                private readonly System.Collections.Generic.List<string> queueNames = new();
                private readonly Timer _refresh = new Timer(_ => { });
                public string First => _queueNames[0] + queueNames[0];
                public void Dispose() => _refresh.Dispose();
            }
            """
        },
        {
            "cancel the loop, then drain what is left",
            """
            using System; using System.Collections.Concurrent; using System.Threading;
            sealed class Worker : IDisposable
            {
                readonly ConcurrentQueue<Action> queue = new();
                readonly CancellationTokenSource cts = new();
                bool disposed;
                public void Enqueue(Action a) { if (Volatile.Read(ref disposed)) throw new ObjectDisposedException(nameof(Worker)); queue.Enqueue(a); }
                public void Dispose() { Volatile.Write(ref disposed, true); cts.Cancel(); while (queue.TryDequeue(out var a)) { } cts.Dispose(); }
            }
            """
        },
        {
            "a time test that closes a local resource, and arithmetic that is not time",
            """
            using System; using System.Diagnostics; using System.IO;
            public sealed class PooledConnection
            {
                private readonly Stopwatch _sw = new();
                public void Sweep(Stream stream, DateTime lastUsed, TimeSpan idle) { if (DateTime.UtcNow - lastUsed > idle) { stream.Close(); } }
                public void Measure(int total, int used) { if (total - used >= 0) { _sw.Stop(); } }
            }
            """
        },
        {
            "stores and channels that hold no work",
            """
            using System; using System.Net.Http; using System.Security.Cryptography.X509Certificates;
            public interface ISessionStore { string Get(string k); }
            public sealed class CertLoader : IDisposable { private readonly X509Store _certStore = new X509Store(StoreLocation.CurrentUser); public void Dispose() { _certStore.Close(); } }
            public sealed class Session : IDisposable
            {
                private readonly ISessionStore _store; private readonly HttpClient _http = new();
                public Session(ISessionStore store) { _store = store; }
                public string Get(string k) => _store.Get(k);
                public void Dispose() { _http.Dispose(); }
            }
            public class GrpcChannel : IDisposable { public void Dispose() { } }
            public sealed class GreeterClient : IDisposable { private readonly GrpcChannel _channel = new(); public void Dispose() => _channel.Dispose(); }
            """
        },
        {
            "stop every per-peer worker by completing its own channel: a part of a part of the entry is its machinery, not work",
            """
            using System.Collections.Concurrent; using System.Threading; using System.Threading.Channels; using System.Threading.Tasks;
            public sealed class MigrationWorkers
            {
                private readonly ConcurrentDictionary<string, (Task Pump, Channel<int> Items)> workers = new();
                private readonly CancellationTokenSource stopping = new();
                private readonly object gate = new();
                public ChannelWriter<int> GetOrCreate(string peer)
                {
                    if (!workers.TryGetValue(peer, out var entry))
                    {
                        lock (gate)
                        {
                            if (!workers.TryGetValue(peer, out entry))
                            {
                                var channel = Channel.CreateUnbounded<int>();
                                entry = (Task.Run(() => Pump(channel)), channel);
                                workers.TryAdd(peer, entry);
                            }
                        }
                    }
                    return entry.Items.Writer;
                }
                public void Remove(string peer)
                {
                    if (workers.TryRemove(peer, out var entry))
                    {
                        entry.Items.Writer.TryComplete();
                        while (entry.Items.Reader.TryRead(out var item)) System.Console.WriteLine(item);
                    }
                }
                public void Stop()
                {
                    foreach (var (_, value) in workers) value.Items.Writer.TryComplete();
                    stopping.Cancel();
                }
                private async Task Pump(Channel<int> items) { await foreach (var i in items.Reader.ReadAllAsync(stopping.Token)) System.Console.WriteLine(i); }
            }
            """
        },
        {
            "cancel pending requests on dispose, refuse new ones after",
            """
            using System; using System.Collections.Generic; using System.Threading; using System.Threading.Tasks;
            public sealed class Correlator : IDisposable
            {
                private readonly object _gate = new();
                private readonly Dictionary<int, TaskCompletionSource<string>> _pendingRequests = new();
                private readonly Timer _timer = new(_ => { }, null, 1000, 1000);
                private bool _disposed;
                public Task<string> Register(int id)
                {
                    var tcs = new TaskCompletionSource<string>();
                    lock (_gate) { if (_disposed) throw new ObjectDisposedException(nameof(Correlator)); _pendingRequests.Add(id, tcs); }
                    return tcs.Task;
                }
                public void Dispose()
                {
                    _timer.Dispose();
                    lock (_gate) { _disposed = true; foreach (var p in _pendingRequests.Values) p.TrySetCanceled(); _pendingRequests.Clear(); }
                }
            }
            """
        },
    };

    [Theory]
    [MemberData(nameof(Snippets))]
    public async Task No_rule_fires(string shape, string source)
    {
        Assert.False(string.IsNullOrEmpty(shape));
        // No expected diagnostics: any TRK diagnostic fails the test with its message.
        await new AllRulesTest(source).RunAsync();
    }

    [Theory]
    [InlineData("public int Stop(int x) { var s = {0}; cts.Cancel(); return s + queue.Count; }", " + ", "x")]
    [InlineData("public void Tick(long now, int x) { if (now - lastActive > 120 && {0} && queue.IsEmpty) { Destroy(); } }", " && ", "x > 0")]
    public async Task A_generated_100000_term_expression_does_not_overflow_the_stack(string method, string join, string term)
    {
        // A stack overflow cannot be caught: it would kill the compiler, not just report AD0001. The rules walk these trees
        // without reporting in them: Roslyn 4.8's own generated-code check of a reported location walks the syntax tree
        // recursively and overflows on such a file for any analyzer that reports there, which is not ours to fix.
        var body = method.Replace("{0}", string.Join(join, Enumerable.Repeat(term, 100_000)), StringComparison.Ordinal);
        var source = $$"""
            using System.Collections.Concurrent; using System.Threading;
            sealed class Huge
            {
                readonly ConcurrentQueue<int> queue = new();
                readonly CancellationTokenSource cts = new();
                long lastActive;
                {{body}}
                void Destroy() => cts.Cancel();
            }
            """;

        var thrown = await BrokenCode.AnalyzerExceptionsAsync(source);

        Assert.Empty(thrown);
    }

    [Fact]
    public async Task A_teardown_with_24_conditionally_taken_locks_is_explored_within_a_bounded_number_of_states()
    {
        // Each lock doubles the held-guard states TRK003 tracks; without a bound this method would take hours.
        var take = string.Concat(Enumerable.Range(0, 24).Select(i => $"if (c[{i}]) Monitor.Enter(g{i}); "));
        var drop = string.Concat(Enumerable.Range(0, 24).Select(i => $"if (c[{i}]) Monitor.Exit(g{i}); "));
        var fields = string.Concat(Enumerable.Range(0, 24).Select(i => $"readonly object g{i} = new(); "));
        var source = $$"""
            using System.Collections.Generic; using System.Threading;
            sealed class Tangled
            {
                {{fields}}
                readonly Queue<int> queue = new();
                readonly CancellationTokenSource cts = new();
                public void Post(int x) { lock (g0) { queue.Enqueue(x); } }
                public void Stop(bool[] c) { {{take}} if (queue.Count == 0) { cts.Cancel(); } {{drop}} }
            }
            """;

        var thrown = await BrokenCode.AnalyzerExceptionsAsync(source);

        Assert.Empty(thrown);
    }
}
