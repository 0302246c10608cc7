using Fix = TrackerRace.Analyzers.Tests.Verification.CodeFixCheck<
    TrackerRace.Analyzers.CheckThenTeardownNotAtomicAnalyzer,
    TrackerRace.Analyzers.CodeFixes.CheckThenTeardownNotAtomicCodeFix>;

namespace TrackerRace.Analyzers.Tests;

public sealed class CheckThenTeardownNotAtomicCodeFixTests
{
    private const string OutsideGate = "it is read outside 'gate', the guard held where work is added";

    [Fact]
    public async Task Fix_all_moves_each_check_inside_the_enqueue_lock()
    {
        const string before = """
            using System.Collections.Generic;
            using System.Threading;
            sealed class ProcessorTracker
            {
                readonly object gate = new();
                [TrackerRace.Annotations.PendingWork] readonly Queue<string> queue = new();
                readonly Timer checker = new(_ => { });
                readonly CancellationTokenSource life = new();
                public void Submit(string task)
                {
                    lock (gate) { {|#4:queue.Enqueue(task)|}; }
                }
                public void StopIfIdle()
                {
                    if ({|#1:queue|}.Count == 0)
                    {
                        lock (gate)
                        {
                            {|#0:checker.Dispose()|};
                        }
                    }
                }
                public void CancelIfIdle()
                {
                    if ({|#3:queue|}.Count == 0)
                        lock (gate) { {|#2:life.Cancel()|}; }
                }
            }
            """;
        const string after = """
            using System.Collections.Generic;
            using System.Threading;
            sealed class ProcessorTracker
            {
                readonly object gate = new();
                [TrackerRace.Annotations.PendingWork] readonly Queue<string> queue = new();
                readonly Timer checker = new(_ => { });
                readonly CancellationTokenSource life = new();
                public void Submit(string task)
                {
                    lock (gate) { queue.Enqueue(task); }
                }
                public void StopIfIdle()
                {
                    lock (gate)
                    {
                        if (queue.Count == 0)
                        {
                            checker.Dispose();
                        }
                    }
                }
                public void CancelIfIdle()
                {
                    lock (gate)
                    {
                        if (queue.Count == 0)
                        {
                            life.Cancel();
                        }
                    }
                }
            }
            """;

        await Fix.VerifyAsync(
            before,
            after,
            "TRK003:MoveInsideLock",
            Fix.Diagnostic("TRK003").WithLocation(0).WithLocation(1).WithLocation(4).WithArguments("StopIfIdle", "checker.Dispose()", "queue", OutsideGate),
            Fix.Diagnostic("TRK003").WithLocation(2).WithLocation(3).WithLocation(4).WithArguments("CancelIfIdle", "life.Cancel()", "queue", OutsideGate));
    }

    [Fact]
    public async Task Offers_nothing_for_an_await_between_check_and_teardown()
    {
        const string source = """
            using System.Collections.Concurrent;
            using System.Threading;
            using System.Threading.Tasks;
            sealed class ProcessorTracker
            {
                [TrackerRace.Annotations.PendingWork] readonly ConcurrentQueue<string> pending = new();
                readonly CancellationTokenSource life = new();
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

        await Fix.VerifyAsync(source, source, null, Fix.Diagnostic("TRK003").WithLocation(0).WithLocation(1)
            .WithArguments("CheckIdleAsync", "life.Cancel()", "pending", "an await between them lets a dispatcher add work"));
    }

    [Fact]
    public async Task Keeps_the_comments_on_the_lock()
    {
        const string before = """
            using System.Collections.Generic;
            using System.Threading;
            sealed class ProcessorTracker
            {
                readonly object gate = new();
                [TrackerRace.Annotations.PendingWork] readonly Queue<string> queue = new();
                readonly CancellationTokenSource life = new();
                public void Submit(string task)
                {
                    lock (gate) { {|#2:queue.Enqueue(task)|}; }
                }
                public void CancelIfIdle()
                {
                    // only when nothing is queued
                    if ({|#1:queue|}.Count == 0)
                    {
                        // Submit holds the gate too
                        lock (gate)
                        {
                            {|#0:life.Cancel()|};
                        }
                    }
                }
            }
            """;
        const string after = """
            using System.Collections.Generic;
            using System.Threading;
            sealed class ProcessorTracker
            {
                readonly object gate = new();
                [TrackerRace.Annotations.PendingWork] readonly Queue<string> queue = new();
                readonly CancellationTokenSource life = new();
                public void Submit(string task)
                {
                    lock (gate) { queue.Enqueue(task); }
                }
                public void CancelIfIdle()
                {
                    // only when nothing is queued
                    // Submit holds the gate too
                    lock (gate)
                    {
                        if (queue.Count == 0)
                        {
                            life.Cancel();
                        }
                    }
                }
            }
            """;

        await Fix.VerifyAsync(before, after, "TRK003:MoveInsideLock",
            Fix.Diagnostic("TRK003").WithLocation(0).WithLocation(1).WithLocation(2).WithArguments("CancelIfIdle", "life.Cancel()", "queue", OutsideGate));
    }

    [Fact]
    public async Task Offers_nothing_when_the_condition_awaits()
    {
        // "lock (gate) { if (... && await ...) }" would not compile (CS1996).
        const string source = """
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;
            sealed class ProcessorTracker
            {
                readonly object gate = new();
                [TrackerRace.Annotations.PendingWork] readonly Queue<string> pending = new();
                readonly CancellationTokenSource life = new();
                bool stopped;
                public void Post(string item) { lock (gate) { if (stopped) return; {|#2:pending.Enqueue(item)|}; } }
                public async Task CheckIdleAsync()
                {
                    if ({|#1:pending|}.Count == 0 && await OwnerSaysIdleAsync())
                    {
                        lock (gate) { stopped = true; {|#0:life.Cancel()|}; }
                    }
                }
                static Task<bool> OwnerSaysIdleAsync() => Task.FromResult(true);
            }
            """;

        await Fix.VerifyAsync(source, source, null, Fix.Diagnostic("TRK003").WithLocation(0).WithLocation(1).WithLocation(2)
            .WithArguments("CheckIdleAsync", "life.Cancel()", "pending", OutsideGate));
    }

    [Theory]
    [InlineData("public void Post(string s) { lock (gate) { {|#2:queue.Enqueue(s)|}; } }", "lock (other)", "gate")]
    [InlineData("public async Task PostAsync(string s) { await sem.WaitAsync(); try { {|#2:queue.Enqueue(s)|}; } finally { sem.Release(); } }", "lock (gate)", "sem")]
    public async Task Offers_nothing_when_the_lock_around_the_teardown_is_not_the_enqueue_guard(string post, string stopLock, string guard)
    {
        // Moving the check into a lock that adding work does not take would not make it atomic.
        var source = $$"""
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;
            sealed class Worker
            {
                readonly object gate = new();
                readonly object other = new();
                readonly SemaphoreSlim sem = new(1, 1);
                [TrackerRace.Annotations.PendingWork] readonly Queue<string> queue = new();
                readonly CancellationTokenSource cts = new();
                {{post}}
                public void Stop()
                {
                    if ({|#1:queue|}.Count == 0)
                    {
                        {{stopLock}} { {|#0:cts.Cancel()|}; }
                    }
                }
            }
            """;

        await Fix.VerifyAsync(source, source, null, Fix.Diagnostic("TRK003").WithLocation(0).WithLocation(1).WithLocation(2)
            .WithArguments("Stop", "cts.Cancel()", "queue", $"it is read outside '{guard}', the guard held where work is added"));
    }

    [Fact]
    public async Task Offers_nothing_when_the_condition_declares_a_variable_used_after_it()
    {
        // Inside the lock, "head" would be out of scope at "return head;".
        const string source = """
            using System.Collections.Generic;
            using System.Threading;
            sealed class Worker
            {
                readonly object gate = new();
                [TrackerRace.Annotations.PendingWork] readonly Queue<string> queue = new();
                readonly CancellationTokenSource cts = new();
                public void Post(string s) { lock (gate) { {|#2:queue.Enqueue(s)|}; } }
                public string Stop()
                {
                    if (!{|#1:queue|}.TryPeek(out var head))
                    {
                        lock (gate) { {|#0:cts.Cancel()|}; }
                    }
                    return head;
                }
            }
            """;

        await Fix.VerifyAsync(source, source, null, Fix.Diagnostic("TRK003").WithLocation(0).WithLocation(1).WithLocation(2).WithArguments("Stop", "cts.Cancel()", "queue", OutsideGate));
    }

    [Fact]
    public async Task Fix_all_fixes_every_stale_check_of_one_method()
    {
        const string before = """
            using System.Collections.Generic;
            using System.Threading;
            sealed class Worker
            {
                readonly object gate = new();
                [TrackerRace.Annotations.PendingWork] readonly Queue<string> queue = new();
                [TrackerRace.Annotations.PendingWork] readonly Queue<string> retryQueue = new();
                readonly CancellationTokenSource cts = new();
                public void Post(string s) { lock (gate) { {|#5:queue.Enqueue(s)|}; {|#4:retryQueue.Enqueue(s)|}; } }
                public void Stop(bool retrying)
                {
                    if (retrying)
                    {
                        if ({|#3:retryQueue|}.Count == 0) { lock (gate) { {|#2:cts.Cancel()|}; } }
                    }
                    else
                    {
                        if ({|#1:queue|}.Count == 0) { lock (gate) { {|#0:cts.Cancel()|}; } }
                    }
                }
            }
            """;
        const string after = """
            using System.Collections.Generic;
            using System.Threading;
            sealed class Worker
            {
                readonly object gate = new();
                [TrackerRace.Annotations.PendingWork] readonly Queue<string> queue = new();
                [TrackerRace.Annotations.PendingWork] readonly Queue<string> retryQueue = new();
                readonly CancellationTokenSource cts = new();
                public void Post(string s) { lock (gate) { queue.Enqueue(s); retryQueue.Enqueue(s); } }
                public void Stop(bool retrying)
                {
                    if (retrying)
                    {
                        lock (gate)
                        {
                            if (retryQueue.Count == 0)
                            {
                                cts.Cancel();
                            }
                        }
                    }
                    else
                    {
                        lock (gate)
                        {
                            if (queue.Count == 0)
                            {
                                cts.Cancel();
                            }
                        }
                    }
                }
            }
            """;

        await Fix.VerifyAsync(
            before,
            after,
            "TRK003:MoveInsideLock",
            Fix.Diagnostic("TRK003").WithLocation(2).WithLocation(3).WithLocation(4).WithArguments("Stop", "cts.Cancel()", "retryQueue", OutsideGate),
            Fix.Diagnostic("TRK003").WithLocation(0).WithLocation(1).WithLocation(5).WithArguments("Stop", "cts.Cancel()", "queue", OutsideGate));
    }

    [Fact]
    public async Task Reports_one_stale_check_once_however_many_teardowns_follow_it()
    {
        const string before = """
            using System.Collections.Generic;
            using System.Threading;
            sealed class Worker
            {
                readonly object gate = new();
                [TrackerRace.Annotations.PendingWork] readonly Queue<int> queue = new();
                readonly Timer timer;
                public Worker() => timer = new(_ => Run());
                readonly CancellationTokenSource cts = new();
                public void Post(int x) { lock (gate) { {|#2:queue.Enqueue(x)|}; } }
                public void Run() { lock (gate) { queue.TryDequeue(out _); } }
                public void StopIfIdle()
                {
                    if ({|#1:queue|}.Count == 0)
                    {
                        lock (gate)
                        {
                            {|#0:timer.Dispose()|};
                            cts.Cancel();
                        }
                    }
                }
            }
            """;
        const string after = """
            using System.Collections.Generic;
            using System.Threading;
            sealed class Worker
            {
                readonly object gate = new();
                [TrackerRace.Annotations.PendingWork] readonly Queue<int> queue = new();
                readonly Timer timer;
                public Worker() => timer = new(_ => Run());
                readonly CancellationTokenSource cts = new();
                public void Post(int x) { lock (gate) { queue.Enqueue(x); } }
                public void Run() { lock (gate) { queue.TryDequeue(out _); } }
                public void StopIfIdle()
                {
                    lock (gate)
                    {
                        if (queue.Count == 0)
                        {
                            timer.Dispose();
                            cts.Cancel();
                        }
                    }
                }
            }
            """;

        await Fix.VerifyAsync(before, after, "TRK003:MoveInsideLock", Fix.Diagnostic("TRK003").WithLocation(0).WithLocation(1).WithLocation(2).WithArguments("StopIfIdle", "timer.Dispose()", "queue", OutsideGate));
    }
}
