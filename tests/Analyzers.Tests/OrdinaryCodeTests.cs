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
    [InlineData(" + ")]
    [InlineData(" && ")]
    public async Task A_generated_100000_term_expression_does_not_overflow_the_stack(string join)
    {
        // A stack overflow cannot be caught: it would kill the compiler, not just report AD0001.
        var terms = string.Join(join, Enumerable.Repeat(join == " + " ? "x" : "x > 0", 100_000));
        var source = $$"""
            using System.Collections.Concurrent; using System.Threading;
            sealed class Huge
            {
                readonly ConcurrentQueue<int> queue = new();
                readonly CancellationTokenSource cts = new();
                long lastActive;
                public int Stop(int x) { var s = {{terms}}; cts.Cancel(); return queue.Count; }
                public void Tick(long now, int x) { if (now - lastActive > 120 && {{terms}}) { Destroy(); } }
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
