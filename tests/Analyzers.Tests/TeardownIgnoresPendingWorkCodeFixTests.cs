using Fix = TrackerRace.Analyzers.Tests.Verification.CodeFixCheck<
    TrackerRace.Analyzers.TeardownIgnoresPendingWorkAnalyzer,
    TrackerRace.Analyzers.CodeFixes.TeardownIgnoresPendingWorkCodeFix>;

namespace TrackerRace.Analyzers.Tests;

public sealed class TeardownIgnoresPendingWorkCodeFixTests
{
    [Fact]
    public async Task Fix_all_returns_early_from_every_teardown_while_the_queue_holds_work()
    {
        const string before = """
            using System.Collections.Concurrent;
            using System.Threading;
            using System.Threading.Tasks;
            sealed class Worker
            {
                readonly ConcurrentQueue<string> queue = new();
                readonly CancellationTokenSource cts = new();
                public void {|#0:Stop|}()
                {
                    {|#1:cts.Cancel()|};
                }
                public async Task {|#2:ShutdownAsync|}() => await {|#3:cts.CancelAsync()|};
            }
            """;
        const string after = """
            using System.Collections.Concurrent;
            using System.Threading;
            using System.Threading.Tasks;
            sealed class Worker
            {
                readonly ConcurrentQueue<string> queue = new();
                readonly CancellationTokenSource cts = new();
                public void Stop()
                {
                    if (!queue.IsEmpty)
                    {
                        return;
                    }
                    cts.Cancel();
                }
                public async Task ShutdownAsync()
                {
                    if (!queue.IsEmpty)
                    {
                        return;
                    }
                    await cts.CancelAsync();
                }
            }
            """;

        await Fix.VerifyAsync(
            before,
            after,
            "TRK001:queue",
            Fix.Diagnostic("TRK001").WithLocation(0).WithLocation(1).WithArguments("Stop", "cts.Cancel()", "queue"),
            Fix.Diagnostic("TRK001").WithLocation(2).WithLocation(3).WithArguments("ShutdownAsync", "cts.CancelAsync()", "queue"));
    }

    [Fact]
    public async Task Offers_nothing_for_dispose()
    {
        const string source = """
            using System;
            using System.Collections.Generic;
            using System.Threading;
            sealed class Worker : IDisposable
            {
                readonly Queue<string> queue = new();
                readonly CancellationTokenSource cts = new();
                public void {|#0:Dispose|}() => {|#1:cts.Cancel()|};
            }
            """;

        await Fix.VerifyAsync(source, source, null, Fix.Diagnostic("TRK001").WithLocation(0).WithLocation(1).WithArguments("Dispose", "cts.Cancel()", "queue"));
    }

    [Fact]
    public async Task Offers_nothing_for_an_explicit_dispose_or_a_static_teardown()
    {
        // A static method has no "queue" to read, and skipping an IDisposable.Dispose is never right.
        const string source = """
            using System;
            using System.Collections.Concurrent;
            using System.Threading;
            sealed class Worker : IDisposable
            {
                readonly ConcurrentQueue<string> queue = new();
                readonly CancellationTokenSource cts = new();
                public void Post(string item) => queue.Enqueue(item);
                void IDisposable.{|#0:Dispose|}() => {|#1:cts.Cancel()|};
                public static void {|#2:StopAll|}(Worker worker) => {|#3:worker.cts.Cancel()|};
            }
            """;

        await Fix.VerifyAsync(
            source,
            source,
            null,
            Fix.Diagnostic("TRK001").WithLocation(0).WithLocation(1).WithArguments("System.IDisposable.Dispose", "cts.Cancel()", "queue"),
            Fix.Diagnostic("TRK001").WithLocation(2).WithLocation(3).WithArguments("StopAll", "worker.cts.Cancel()", "queue"));
    }

    [Fact]
    public async Task Offers_nothing_for_a_queue_the_type_only_touches_under_its_lock()
    {
        // "if (queue.Count > 0) return;" before the lock would read a Queue<T> unguarded: TRK003's finding, not a fix.
        const string source = """
            using System.Collections.Generic;
            using System.Threading;
            sealed class Worker
            {
                readonly object gate = new();
                readonly Queue<string> queue = new();
                readonly CancellationTokenSource cts = new();
                public void Post(string item) { lock (gate) { queue.Enqueue(item); } }
                public void {|#0:Stop|}() { lock (gate) { {|#1:cts.Cancel()|}; } }
            }
            """;

        await Fix.VerifyAsync(source, source, null, Fix.Diagnostic("TRK001").WithLocation(0).WithLocation(1).WithArguments("Stop", "cts.Cancel()", "queue"));
    }
}
