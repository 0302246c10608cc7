using Check = TrackerRace.Analyzers.Tests.Verification.AnalyzerCheck<TrackerRace.Analyzers.TeardownAbandonsPromisesAnalyzer>;

namespace TrackerRace.Analyzers.Tests;

/// <summary>
/// TRK006: promises handed out (a caller awaits each) and completed by the type's own code, dropped by a teardown that
/// clears or takes them without completing them. The shapes of MQTTnet's MqttRpcClient and vs-threading's AsyncSemaphore
/// with their completion loop removed (eng/corpus/mutants.tsv: mqttnet-5, vs-threading-4).
/// </summary>
public sealed class TeardownAbandonsPromisesAnalyzerTests
{
    private const string RpcClient = """
        using System;
        using System.Collections.Concurrent;
        using System.Threading.Tasks;
        sealed class RpcClient : IDisposable
        {
            readonly ConcurrentDictionary<string, TaskCompletionSource<string>> waiting = new();
            public Task<string> CallAsync(string topic)
            {
                var reply = new TaskCompletionSource<string>();
                {|#2:waiting.TryAdd(topic, reply)|};
                return reply.Task;
            }
            void OnResponse(string topic, string payload)
            {
                if (waiting.TryRemove(topic, out var reply))
                {
                    {|#3:reply.TrySetResult(payload)|};
                }
            }
        """;

    [Fact]
    public async Task Flags_a_dispose_that_clears_the_waiting_calls_without_completing_them()
    {
        const string source = RpcClient + """
                public void {|#0:Dispose|}()
                {
                    {|#1:waiting.Clear()|};
                }
            }
            """;

        await Check.VerifyAsync(source, Check.Diagnostic("TRK006").WithLocation(0).WithLocation(1).WithLocation(2).WithLocation(3)
            .WithArguments("Dispose", "waiting", "waiting.Clear()"));
    }

    [Fact]
    public async Task A_dispose_that_never_names_the_waiting_calls_is_not_judged()
    {
        // RabbitMQ's Channel.Dispose aborts the channel, whose shutdown handler fails every pending confirmation: a
        // teardown that does not name the promises may complete them through calls and events the rule cannot follow.
        var source = Plain(RpcClient) + """
                readonly IDisposable subscription = Subscribe();
                static IDisposable Subscribe() => null!;
                public void Dispose() => subscription.Dispose();
            }
            """;

        await Check.VerifyAsync(source);
    }

    [Fact]
    public async Task Dispose_calling_dispose_true_is_one_finding_where_the_promises_are_cleared()
    {
        const string source = RpcClient + """
                public void Dispose() => Dispose(true);
                void {|#0:Dispose|}(bool disposing)
                {
                    if (disposing) {|#1:waiting.Clear()|};
                }
            }
            """;

        await Check.VerifyAsync(source, Check.Diagnostic("TRK006").WithLocation(0).WithLocation(1).WithLocation(2).WithLocation(3)
            .WithArguments("Dispose", "waiting", "waiting.Clear()"));
    }

    [Fact]
    public async Task A_dispose_that_cancels_each_waiting_call_before_clearing_is_fine()
    {
        var source = Plain(RpcClient) + """
                public void Dispose()
                {
                    foreach (var call in waiting)
                    {
                        call.Value.TrySetCanceled();
                    }

                    waiting.Clear();
                }
            }
            """;

        await Check.VerifyAsync(source);
    }

    [Fact]
    public async Task Waiters_completed_by_a_registration_on_the_token_the_dispose_cancels_are_fine()
    {
        const string source = """
            using System;
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;
            sealed class Broker : IDisposable
            {
                readonly CancellationTokenSource stopping = new();
                readonly List<TaskCompletionSource<int>> waiters = new();
                public Task<int> NextAsync()
                {
                    var waiter = new TaskCompletionSource<int>();
                    stopping.Token.Register(() => waiter.TrySetCanceled());
                    lock (waiters) { waiters.Add(waiter); }
                    return waiter.Task;
                }
                public void Publish(int value)
                {
                    lock (waiters)
                    {
                        foreach (var waiter in waiters) { waiter.TrySetResult(value); }
                        waiters.Clear();
                    }
                }
                public void Dispose()
                {
                    stopping.Cancel();
                    lock (waiters) { waiters.Clear(); }
                }
            }
            """;

        await Check.VerifyAsync(source);
    }

    private const string Semaphore = """
        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;
        sealed class Gate : IDisposable
        {
            sealed class Waiter { public TaskCompletionSource<bool> Trigger { get; } = new(); }
            readonly LinkedList<Waiter> waiters = new();
            int free;
            public Task EnterAsync()
            {
                lock (waiters)
                {
                    if (free > 0) { free--; return Task.CompletedTask; }
                    var waiter = new Waiter();
                    {|#2:waiters.AddLast(waiter)|};
                    return waiter.Trigger.Task;
                }
            }
            public void Release()
            {
                lock (waiters)
                {
                    if (waiters.First is { } head)
                    {
                        waiters.RemoveFirst();
                        {|#3:head.Value.Trigger.TrySetResult(true)|};
                    }
                    else
                    {
                        free++;
                    }
                }
            }
        """;

    [Fact]
    public async Task Flags_a_dispose_that_takes_the_queued_waiters_out_without_faulting_them()
    {
        const string source = Semaphore + """
                public void {|#0:Dispose|}()
                {
                    lock (waiters)
                    {
                        while (waiters.First is { } head)
                        {
                            {|#1:waiters.RemoveFirst()|};
                        }
                    }
                }
            }
            """;

        await Check.VerifyAsync(source, Check.Diagnostic("TRK006").WithLocation(0).WithLocation(1)
            .WithLocation(2).WithLocation(3).WithArguments("Dispose", "waiters", "waiters.RemoveFirst()"));
    }

    [Fact]
    public async Task A_dispose_that_faults_each_waiter_or_hands_it_to_a_helper_is_fine()
    {
        var source = Plain(Semaphore) + """
                public void Dispose()
                {
                    lock (waiters)
                    {
                        while (waiters.First is { } head)
                        {
                            waiters.RemoveFirst();
                            Fault(head.Value);
                        }
                    }
                }
                static void Fault(Waiter waiter) => waiter.Trigger.TrySetException(new ObjectDisposedException(nameof(Gate)));
            }
            """;

        await Check.VerifyAsync(source);
    }

    [Fact]
    public async Task A_cache_of_finished_promises_the_type_never_completes_is_no_finding()
    {
        const string source = """
            using System;
            using System.Collections.Generic;
            using System.Threading.Tasks;
            sealed class ResultCache : IDisposable
            {
                readonly Dictionary<string, TaskCompletionSource<string>> done = new();
                public void Remember(string key, TaskCompletionSource<string> finished) => done[key] = finished;
                public Task<string>? Find(string key) => done.TryGetValue(key, out var found) ? found.Task : null;
                public void Dispose() => done.Clear();
            }
            """;

        await Check.VerifyAsync(source);
    }

    // The shared type without its markup, for the cases that expect nothing.
    private static string Plain(string source) => source.Replace("{|#2:", string.Empty).Replace("{|#3:", string.Empty).Replace(")|}", ")");
}
