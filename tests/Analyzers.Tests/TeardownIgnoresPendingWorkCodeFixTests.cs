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
                readonly ConcurrentQueue<System.Action> {|#5:queue|} = new();
                readonly CancellationTokenSource cts = new();
                public void RunOnce() { if (!cts.IsCancellationRequested && queue.TryDequeue(out var item)) item(); }
                public void Post(System.Action s) => {|#4:queue.Enqueue(s)|};
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
                readonly ConcurrentQueue<System.Action> queue = new();
                readonly CancellationTokenSource cts = new();
                public void RunOnce() { if (!cts.IsCancellationRequested && queue.TryDequeue(out var item)) item(); }
                public void Post(System.Action s) => queue.Enqueue(s);
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
            Fix.Diagnostic("TRK001").WithLocation(0).WithLocation(1).WithLocation(4).WithLocation(5).WithArguments("Stop", "cts.Cancel()", "queue"),
            Fix.Diagnostic("TRK001").WithLocation(2).WithLocation(3).WithLocation(4).WithLocation(5).WithArguments("ShutdownAsync", "cts.CancelAsync()", "queue"));
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
                readonly Queue<System.Action> {|#3:queue|} = new();
                readonly CancellationTokenSource cts = new();
                public void RunOnce() { if (!cts.IsCancellationRequested && queue.TryDequeue(out var item)) item(); }
                public void Post(System.Action s) => {|#2:queue.Enqueue(s)|};
                public void {|#0:Dispose|}() => {|#1:cts.Cancel()|};
            }
            """;

        await Fix.VerifyAsync(source, source, null, Fix.Diagnostic("TRK001").WithLocation(0).WithLocation(1).WithLocation(2).WithLocation(3).WithArguments("Dispose", "cts.Cancel()", "queue"));
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
                readonly ConcurrentQueue<System.Action> {|#5:queue|} = new();
                readonly CancellationTokenSource cts = new();
                public void RunOnce() { if (!cts.IsCancellationRequested && queue.TryDequeue(out var item)) item(); }
                public void Post(System.Action item) => {|#4:queue.Enqueue(item)|};
                void IDisposable.{|#0:Dispose|}() => {|#1:cts.Cancel()|};
                public static void {|#2:StopAll|}(Worker worker) => {|#3:worker.cts.Cancel()|};
            }
            """;

        await Fix.VerifyAsync(
            source,
            source,
            null,
            Fix.Diagnostic("TRK001").WithLocation(0).WithLocation(1).WithLocation(4).WithLocation(5).WithArguments("System.IDisposable.Dispose", "cts.Cancel()", "queue"),
            Fix.Diagnostic("TRK001").WithLocation(2).WithLocation(3).WithLocation(4).WithLocation(5).WithArguments("StopAll", "worker.cts.Cancel()", "queue"));
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
                readonly Queue<System.Action> {|#3:queue|} = new();
                readonly CancellationTokenSource cts = new();
                public void RunOnce() { lock (gate) { if (!cts.IsCancellationRequested && queue.TryDequeue(out var item)) item(); } }
                public void Post(System.Action item) { lock (gate) { {|#2:queue.Enqueue(item)|}; } }
                public void {|#0:Stop|}() { lock (gate) { {|#1:cts.Cancel()|}; } }
            }
            """;

        await Fix.VerifyAsync(source, source, null, Fix.Diagnostic("TRK001").WithLocation(0).WithLocation(1).WithLocation(2).WithLocation(3).WithArguments("Stop", "cts.Cancel()", "queue"));
    }

    [Fact]
    public async Task Offers_nothing_on_a_method_a_dispose_delegates_to_an_override_or_a_method_with_out_parameters()
    {
        // Returning early from Close would make Dispose() skip the disposal while work is queued; an override may owe its
        // base class a completed stop; an early return would leave "dropped" unassigned.
        const string source = """
            using System;
            using System.Collections.Concurrent;
            using System.Threading;
            using System.Threading.Tasks;
            abstract class Service { public abstract void Stop(); }
            sealed class Worker : Service, IDisposable, IAsyncDisposable
            {
                readonly ConcurrentQueue<System.Action> {|#9:queue|} = new();
                readonly CancellationTokenSource cts = new();
                public void RunOnce() { if (!cts.IsCancellationRequested && queue.TryDequeue(out var item)) item(); }
                public void Post(System.Action s) => {|#8:queue.Enqueue(s)|};
                public void Dispose() => Close();
                public void {|#0:Close|}() { {|#1:cts.Cancel()|}; }
                public ValueTask DisposeAsync() => new(StopAsync());
                public async Task {|#2:StopAsync|}() { await {|#3:cts.CancelAsync()|}; }
                public override void {|#4:Stop|}() => {|#5:cts.Cancel()|};
                public void {|#6:Shutdown|}(out int dropped) { dropped = 0; {|#7:cts.Cancel()|}; }
            }
            """;

        await Fix.VerifyAsync(
            source,
            source,
            null,
            Fix.Diagnostic("TRK001").WithLocation(0).WithLocation(1).WithLocation(8).WithLocation(9).WithArguments("Close", "cts.Cancel()", "queue"),
            Fix.Diagnostic("TRK001").WithLocation(2).WithLocation(3).WithLocation(8).WithLocation(9).WithArguments("StopAsync", "cts.CancelAsync()", "queue"),
            Fix.Diagnostic("TRK001").WithLocation(4).WithLocation(5).WithLocation(8).WithLocation(9).WithArguments("Stop", "cts.Cancel()", "queue"),
            Fix.Diagnostic("TRK001").WithLocation(6).WithLocation(7).WithLocation(8).WithLocation(9).WithArguments("Shutdown", "cts.Cancel()", "queue"));
    }

    [Fact]
    public async Task Reads_the_member_even_where_a_parameter_or_local_has_its_name()
    {
        const string before = """
            using System.Collections.Concurrent;
            using System.Collections.Generic;
            using System.Threading;
            sealed class Worker
            {
                readonly ConcurrentQueue<System.Action> {|#7:queue|} = new();
                readonly ConcurrentQueue<System.Action> @event = new();
                readonly CancellationTokenSource cts = new();
                public void RunOnce() { if (!cts.IsCancellationRequested && queue.TryDequeue(out var item)) item(); }
                public void Post(System.Action s) { {|#6:queue.Enqueue(s)|}; @event.Enqueue(s); }
                public void {|#0:Stop|}(ConcurrentQueue<System.Action> queue)
                {
                    {|#1:cts.Cancel()|};
                }
                public void {|#2:Shutdown|}()
                {
                    {|#3:cts.Cancel()|};
                    var queue = new List<string>();
                    queue.Add("stopped");
                }
                public void {|#4:Close|}() => {|#5:cts.Cancel()|};
            }
            """;
        const string after = """
            using System.Collections.Concurrent;
            using System.Collections.Generic;
            using System.Threading;
            sealed class Worker
            {
                readonly ConcurrentQueue<System.Action> queue = new();
                readonly ConcurrentQueue<System.Action> @event = new();
                readonly CancellationTokenSource cts = new();
                public void RunOnce() { if (!cts.IsCancellationRequested && queue.TryDequeue(out var item)) item(); }
                public void Post(System.Action s) { queue.Enqueue(s); @event.Enqueue(s); }
                public void Stop(ConcurrentQueue<System.Action> queue)
                {
                    if (!this.queue.IsEmpty)
                    {
                        return;
                    }
                    cts.Cancel();
                }
                public void Shutdown()
                {
                    if (!this.queue.IsEmpty)
                    {
                        return;
                    }
                    cts.Cancel();
                    var queue = new List<string>();
                    queue.Add("stopped");
                }
                public void Close()
                {
                    if (!queue.IsEmpty)
                    {
                        return;
                    }
                    cts.Cancel();
                }
            }
            """;

        await Fix.VerifyAsync(
            before,
            after,
            "TRK001:queue",
            Fix.Diagnostic("TRK001").WithLocation(0).WithLocation(1).WithLocation(6).WithLocation(7).WithArguments("Stop", "cts.Cancel()", "queue"),
            Fix.Diagnostic("TRK001").WithLocation(2).WithLocation(3).WithLocation(6).WithLocation(7).WithArguments("Shutdown", "cts.Cancel()", "queue"),
            Fix.Diagnostic("TRK001").WithLocation(4).WithLocation(5).WithLocation(6).WithLocation(7).WithArguments("Close", "cts.Cancel()", "queue"));
    }

    [Fact]
    public async Task Escapes_a_member_named_like_a_keyword()
    {
        const string before = """
            using System.Collections.Concurrent;
            using System.Threading;
            sealed class Worker
            {
                readonly ConcurrentQueue<System.Action> {|#3:@event|} = new();
                readonly CancellationTokenSource cts = new();
                public void RunOnce() { if (!cts.IsCancellationRequested && @event.TryDequeue(out var item)) item(); }
                public void Post(System.Action s) => {|#2:@event.Enqueue(s)|};
                public void {|#0:Stop|}() => {|#1:cts.Cancel()|};
            }
            """;
        const string after = """
            using System.Collections.Concurrent;
            using System.Threading;
            sealed class Worker
            {
                readonly ConcurrentQueue<System.Action> @event = new();
                readonly CancellationTokenSource cts = new();
                public void RunOnce() { if (!cts.IsCancellationRequested && @event.TryDequeue(out var item)) item(); }
                public void Post(System.Action s) => @event.Enqueue(s);
                public void Stop()
                {
                    if (!@event.IsEmpty)
                    {
                        return;
                    }
                    cts.Cancel();
                }
            }
            """;

        await Fix.VerifyAsync(before, after, "TRK001:event", Fix.Diagnostic("TRK001").WithLocation(0).WithLocation(1).WithLocation(2).WithLocation(3).WithArguments("Stop", "cts.Cancel()", "event"));
    }

    [Fact]
    public async Task Puts_the_check_right_before_the_teardown_when_an_await_comes_first_and_keeps_the_layout_of_other_lines()
    {
        // At the top, the await after the check would make it stale (TRK003); aligned code elsewhere is not reformatted.
        const string before = """
            using System.Collections.Concurrent;
            using System.Threading;
            using System.Threading.Tasks;
            sealed class Worker
            {
                readonly ConcurrentQueue<System.Action> {|#3:queue|} = new();
                readonly CancellationTokenSource cts = new();
                public void RunOnce() { if (!cts.IsCancellationRequested && queue.TryDequeue(out var item)) item(); }
                public void Post(System.Action s) => {|#2:queue.Enqueue(s)|};
                public async Task {|#0:StopAsync|}()
                {
                    var a     = 1;   // aligned
                    var bbbbb = 2;   // aligned
                    await FlushAsync(a + bbbbb);
                    {|#1:cts.Cancel()|};
                }
                static Task FlushAsync(int n) => Task.Delay(n);
            }
            """;
        const string after = """
            using System.Collections.Concurrent;
            using System.Threading;
            using System.Threading.Tasks;
            sealed class Worker
            {
                readonly ConcurrentQueue<System.Action> queue = new();
                readonly CancellationTokenSource cts = new();
                public void RunOnce() { if (!cts.IsCancellationRequested && queue.TryDequeue(out var item)) item(); }
                public void Post(System.Action s) => queue.Enqueue(s);
                public async Task StopAsync()
                {
                    var a     = 1;   // aligned
                    var bbbbb = 2;   // aligned
                    await FlushAsync(a + bbbbb);
                    if (!queue.IsEmpty)
                    {
                        return;
                    }
                    cts.Cancel();
                }
                static Task FlushAsync(int n) => Task.Delay(n);
            }
            """;

        await Fix.VerifyAsync(before, after, "TRK001:queue", Fix.Diagnostic("TRK001").WithLocation(0).WithLocation(1).WithLocation(2).WithLocation(3).WithArguments("StopAsync", "cts.Cancel()", "queue"));
    }

    [Theory]
    [InlineData("await gate.WaitAsync(); try { {|#2:queue.Enqueue(s)|}; } finally { gate.Release(); }")]
    [InlineData("Monitor.Enter(monitor); try { {|#2:queue.Enqueue(s)|}; } finally { Monitor.Exit(monitor); }")]
    public async Task Offers_nothing_for_a_queue_guarded_by_a_semaphore_or_monitor(string post)
    {
        var source = $$"""
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;
            sealed class Worker
            {
                readonly SemaphoreSlim gate = new(1, 1);
                readonly object monitor = new();
                readonly Queue<System.Action> {|#3:queue|} = new();
                readonly CancellationTokenSource cts = new();
                public void RunOnce() { lock (monitor) { if (!cts.IsCancellationRequested && queue.TryDequeue(out var item)) item(); } }
                public async Task PostAsync(System.Action s) { {{post}} await Task.Yield(); }
                public void {|#0:Stop|}() { {|#1:cts.Cancel()|}; }
            }
            """;

        await Fix.VerifyAsync(source, source, null, Fix.Diagnostic("TRK001").WithLocation(0).WithLocation(1).WithLocation(2).WithLocation(3).WithArguments("Stop", "cts.Cancel()", "queue"));
    }
}
