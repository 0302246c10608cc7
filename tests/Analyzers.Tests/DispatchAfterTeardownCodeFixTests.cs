using Fix = TrackerRace.Analyzers.Tests.Verification.CodeFixCheck<
    TrackerRace.Analyzers.DispatchAfterTeardownAnalyzer,
    TrackerRace.Analyzers.CodeFixes.DispatchAfterTeardownCodeFix>;

namespace TrackerRace.Analyzers.Tests;

public sealed class DispatchAfterTeardownCodeFixTests
{
    [Fact]
    public async Task Fix_all_refuses_work_under_the_lock_or_at_the_top()
    {
        const string before = """
            using System;
            using System.Collections.Generic;
            sealed class Worker : IDisposable
            {
                readonly object gate = new();
                [TrackerRace.Annotations.PendingWork] readonly Queue<Action> queue = new();
                bool disposed;
                public void {|#0:Submit|}(Action work)
                {
                    lock (gate)
                    {
                        {|#1:queue.Enqueue(work)|};
                    }
                }
                public void {|#2:Post|}(Action work) => {|#3:queue.Enqueue(work)|};
                public void {|#4:Dispose|}()
                {
                    lock (gate) { disposed = true; }
                }
            }
            """;
        const string after = """
            using System;
            using System.Collections.Generic;
            sealed class Worker : IDisposable
            {
                readonly object gate = new();
                [TrackerRace.Annotations.PendingWork] readonly Queue<Action> queue = new();
                bool disposed;
                public void Submit(Action work)
                {
                    lock (gate)
                    {
                        if (disposed)
                        {
                            throw new ObjectDisposedException(GetType().Name);
                        }
                        queue.Enqueue(work);
                    }
                }
                public void Post(Action work)
                {
                    if (disposed)
                    {
                        throw new ObjectDisposedException(GetType().Name);
                    }
                    queue.Enqueue(work);
                }
                public void Dispose()
                {
                    lock (gate) { disposed = true; }
                }
            }
            """;

        const string reason = "no disposed or destroyed state is checked on this path";
        await Fix.VerifyAsync(
            before,
            after,
            "TRK004",
            Fix.Diagnostic("TRK004").WithLocation(0).WithLocation(1).WithLocation(4).WithArguments("Submit", "queue", reason),
            Fix.Diagnostic("TRK004").WithLocation(2).WithLocation(3).WithLocation(4).WithArguments("Post", "queue", reason));
    }

    [Fact]
    public async Task Negates_a_running_flag()
    {
        const string before = """
            using System.Collections.Concurrent;
            sealed class Worker
            {
                [TrackerRace.Annotations.PendingWork] readonly ConcurrentQueue<string> queue = new();
                bool running = true;
                public void {|#0:Enqueue|}(string item)
                {
                    {|#1:queue.Enqueue(item)|};
                }
                public void {|#2:Stop|}() => running = false;
            }
            """;
        const string after = """
            using System.Collections.Concurrent;
            sealed class Worker
            {
                [TrackerRace.Annotations.PendingWork] readonly ConcurrentQueue<string> queue = new();
                bool running = true;
                public void Enqueue(string item)
                {
                    if (!running)
                    {
                        throw new System.ObjectDisposedException(GetType().Name);
                    }
                    queue.Enqueue(item);
                }
                public void Stop() => running = false;
            }
            """;

        await Fix.VerifyAsync(before, after, "TRK004", Fix.Diagnostic("TRK004").WithLocation(0).WithLocation(1).WithLocation(2).WithArguments("Enqueue", "queue", "no disposed or destroyed state is checked on this path"));
    }

    [Fact]
    public async Task Offers_nothing_when_a_semaphore_guards_the_add()
    {
        const string source = """
            using System;
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;
            sealed class Dispatcher : IDisposable
            {
                readonly SemaphoreSlim mutex = new(1, 1);
                [TrackerRace.Annotations.PendingWork] readonly Queue<string> queue = new();
                bool disposed;
                public async Task {|#0:PostAsync|}(string item)
                {
                    await mutex.WaitAsync();
                    try { {|#1:queue.Enqueue(item)|}; }
                    finally { mutex.Release(); }
                }
                public void {|#2:Dispose|}() => disposed = true;
            }
            """;

        await Fix.VerifyAsync(source, source, null, Fix.Diagnostic("TRK004").WithLocation(0).WithLocation(1).WithLocation(2)
            .WithArguments("PostAsync", "queue", "no disposed or destroyed state is checked on this path"));
    }

    [Fact]
    public async Task Checks_the_flag_that_stays_set_and_returns_false_from_a_try_method()
    {
        // "flushing" flips back within Dispose; only "disposed" says the component is gone.
        const string before = """
            using System;
            using System.Collections.Generic;
            sealed class Writer : IDisposable
            {
                readonly object gate = new();
                [TrackerRace.Annotations.PendingWork] readonly Queue<string> queue = new();
                bool flushing, disposed;
                public bool {|#0:TryWrite|}(string item)
                {
                    lock (gate)
                    {
                        {|#1:queue.Enqueue(item)|};
                        return true;
                    }
                }
                public void {|#2:Dispose|}()
                {
                    lock (gate)
                    {
                        flushing = true;
                        queue.Clear();
                        flushing = false;
                        disposed = true;
                    }
                }
            }
            """;
        const string after = """
            using System;
            using System.Collections.Generic;
            sealed class Writer : IDisposable
            {
                readonly object gate = new();
                [TrackerRace.Annotations.PendingWork] readonly Queue<string> queue = new();
                bool flushing, disposed;
                public bool TryWrite(string item)
                {
                    lock (gate)
                    {
                        if (disposed)
                        {
                            return false;
                        }
                        queue.Enqueue(item);
                        return true;
                    }
                }
                public void Dispose()
                {
                    lock (gate)
                    {
                        flushing = true;
                        queue.Clear();
                        flushing = false;
                        disposed = true;
                    }
                }
            }
            """;

        await Fix.VerifyAsync(before, after, "TRK004", Fix.Diagnostic("TRK004").WithLocation(0).WithLocation(1).WithLocation(2).WithArguments("TryWrite", "queue", "no disposed or destroyed state is checked on this path"));
    }

    [Fact]
    public async Task Offers_nothing_for_a_flag_that_start_sets_back()
    {
        // "!running" would also refuse work before Start: it does not mean "torn down".
        const string source = """
            using System.Collections.Concurrent;
            sealed class Worker
            {
                [TrackerRace.Annotations.PendingWork] readonly ConcurrentQueue<string> queue = new();
                bool running;
                public void {|#0:Enqueue|}(string item) => {|#1:queue.Enqueue(item)|};
                public void Start() => running = true;
                public void {|#2:Stop|}() => running = false;
            }
            """;

        await Fix.VerifyAsync(source, source, null, Fix.Diagnostic("TRK004").WithLocation(0).WithLocation(1).WithLocation(2).WithArguments("Enqueue", "queue", "no disposed or destroyed state is checked on this path"));
    }

    [Theory]
    [InlineData("public void Start() { Volatile.Write(ref running, true); }")]
    [InlineData("public void Start() { (running, generation) = (true, generation + 1); }")]
    [InlineData("public void Start() => Set(ref running); static void Set(ref bool flag) => flag = true;")]
    public async Task Offers_nothing_for_a_flag_written_back_by_ref_or_in_a_deconstruction(string start)
    {
        // "!running" would refuse work before Start sets it: the flag does not mean "torn down".
        var source = $$"""
            using System;
            using System.Collections.Generic;
            using System.Threading;
            sealed class Worker : IDisposable
            {
                readonly object gate = new();
                [TrackerRace.Annotations.PendingWork] readonly Queue<string> queue = new();
                bool running;
                int generation;
                {{start}}
                public void {|#0:Post|}(string s) { lock (gate) { {|#1:queue.Enqueue(s)|}; } }
                public void {|#2:Dispose|}() { lock (gate) { running = false; } }
            }
            """;

        await Fix.VerifyAsync(source, source, null, Fix.Diagnostic("TRK004").WithLocation(0).WithLocation(1).WithLocation(2).WithArguments("Post", "queue", "no disposed or destroyed state is checked on this path"));
    }

    [Fact]
    public async Task Offers_nothing_when_a_monitor_guards_the_add()
    {
        // The check belongs after Monitor.Enter, inside the try; there is no lock statement to put it in.
        const string source = """
            using System;
            using System.Collections.Generic;
            using System.Threading;
            sealed class Worker : IDisposable
            {
                readonly object gate = new();
                [TrackerRace.Annotations.PendingWork] readonly Queue<string> queue = new();
                bool disposed;
                public void {|#0:Post|}(string s)
                {
                    Monitor.Enter(gate);
                    try { {|#1:queue.Enqueue(s)|}; } finally { Monitor.Exit(gate); }
                }
                public void {|#2:Dispose|}() { lock (gate) { disposed = true; } }
            }
            """;

        await Fix.VerifyAsync(source, source, null, Fix.Diagnostic("TRK004").WithLocation(0).WithLocation(1).WithLocation(2).WithArguments("Post", "queue", "no disposed or destroyed state is checked on this path"));
    }

    [Fact]
    public async Task Returns_false_with_out_parameters_set_from_an_explicit_or_ordinary_try_method_and_reads_a_shadowed_flag()
    {
        const string before = """
            using System;
            using System.Collections.Generic;
            interface ISink { bool TryPost(string s); }
            sealed class Worker : ISink, IDisposable
            {
                readonly object gate = new();
                [TrackerRace.Annotations.PendingWork] readonly Queue<string> queue = new();
                bool disposed;
                int next;
                bool ISink.{|#0:TryPost|}(string s) { lock (gate) { {|#1:queue.Enqueue(s)|}; return true; } }
                public bool {|#2:TryPost|}(string s, out int ticket)
                {
                    lock (gate)
                    {
                        ticket = ++next;
                        {|#3:queue.Enqueue(s)|};
                        return true;
                    }
                }
                public void {|#4:Post|}(string s)
                {
                    lock (gate) { {|#5:queue.Enqueue(s)|}; }
                    var disposed = s.Length;
                    Console.WriteLine(disposed);
                }
                public void {|#6:Dispose|}() { lock (gate) { disposed = true; } }
            }
            """;
        const string after = """
            using System;
            using System.Collections.Generic;
            interface ISink { bool TryPost(string s); }
            sealed class Worker : ISink, IDisposable
            {
                readonly object gate = new();
                [TrackerRace.Annotations.PendingWork] readonly Queue<string> queue = new();
                bool disposed;
                int next;
                bool ISink.TryPost(string s)
                {
                    lock (gate)
                    {
                        if (disposed)
                        {
                            return false;
                        }
                        queue.Enqueue(s); return true;
                    }
                }
                public bool TryPost(string s, out int ticket)
                {
                    lock (gate)
                    {
                        if (disposed)
                        {
                            ticket = default;
                            return false;
                        }
                        ticket = ++next;
                        queue.Enqueue(s);
                        return true;
                    }
                }
                public void Post(string s)
                {
                    lock (gate)
                    {
                        if (this.disposed)
                        {
                            throw new ObjectDisposedException(GetType().Name);
                        }
                        queue.Enqueue(s);
                    }
                    var disposed = s.Length;
                    Console.WriteLine(disposed);
                }
                public void Dispose() { lock (gate) { disposed = true; } }
            }
            """;

        const string reason = "no disposed or destroyed state is checked on this path";
        await Fix.VerifyAsync(
            before,
            after,
            "TRK004",
            Fix.Diagnostic("TRK004").WithLocation(0).WithLocation(1).WithLocation(6).WithArguments("ISink.TryPost", "queue", reason),
            Fix.Diagnostic("TRK004").WithLocation(2).WithLocation(3).WithLocation(6).WithArguments("TryPost", "queue", reason),
            Fix.Diagnostic("TRK004").WithLocation(4).WithLocation(5).WithLocation(6).WithArguments("Post", "queue", reason));
    }

    [Fact]
    public async Task Returns_the_value_of_an_async_expression_body_after_the_check()
    {
        const string before = """
            using System;
            using System.Collections.Concurrent;
            using System.Threading.Tasks;
            sealed class Worker : IDisposable
            {
                [TrackerRace.Annotations.PendingWork] readonly BlockingCollection<int> queue = new();
                bool disposed;
                public async Task<bool> {|#0:PostAsync|}(int x) => await Task.FromResult({|#1:queue.TryAdd(x)|});
                public void Run() { while (queue.TryTake(out _)) { } }
                public void {|#2:Dispose|}() { disposed = true; }
            }
            """;
        const string after = """
            using System;
            using System.Collections.Concurrent;
            using System.Threading.Tasks;
            sealed class Worker : IDisposable
            {
                [TrackerRace.Annotations.PendingWork] readonly BlockingCollection<int> queue = new();
                bool disposed;
                public async Task<bool> PostAsync(int x)
                {
                    if (disposed)
                    {
                        throw new ObjectDisposedException(GetType().Name);
                    }

                    return await Task.FromResult(queue.TryAdd(x));
                }
                public void Run() { while (queue.TryTake(out _)) { } }
                public void Dispose() { disposed = true; }
            }
            """;

        await Fix.VerifyAsync(before, after, "TRK004", Fix.Diagnostic("TRK004").WithLocation(0).WithLocation(1).WithLocation(2).WithArguments("PostAsync", "queue", "no disposed or destroyed state is checked on this path"));
    }
}
