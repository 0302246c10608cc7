using Microsoft.CodeAnalysis.Testing;
using Verify = Microsoft.CodeAnalysis.CSharp.Testing.CSharpCodeFixVerifier<
    TrackerRace.Analyzers.IdleDecidedByTimeAloneAnalyzer,
    TrackerRace.Analyzers.CodeFixes.IdleDecidedByTimeAloneCodeFix,
    Microsoft.CodeAnalysis.Testing.DefaultVerifier>;

namespace TrackerRace.Analyzers.Tests;

public sealed class IdleDecidedByTimeAloneCodeFixTests
{
    [Fact]
    public async Task Adds_an_is_empty_check_of_the_pending_queue_to_the_idle_condition()
    {
        const string before = """
            using System.Collections.Concurrent;
            class ProcessorTracker
            {
                readonly ConcurrentQueue<string> pending = new();
                long lastIdleTime;
                void Check(long now)
                {
                    if ([|now - lastIdleTime > 120_000|])
                    {
                        Destroy();
                    }
                }
                void Destroy() { }
            }
            """;
        const string after = """
            using System.Collections.Concurrent;
            class ProcessorTracker
            {
                readonly ConcurrentQueue<string> pending = new();
                long lastIdleTime;
                void Check(long now)
                {
                    if (now - lastIdleTime > 120_000 && pending.IsEmpty)
                    {
                        Destroy();
                    }
                }
                void Destroy() { }
            }
            """;

        await Verify.VerifyCodeFixAsync(before, after);
    }

    [Fact]
    public async Task Uses_count_for_collections_without_is_empty()
    {
        const string before = """
            using System;
            using System.Collections.Generic;
            class Worker : IDisposable
            {
                readonly List<string> Outbox = new();
                DateTime lastActive;
                void Tick(DateTime now)
                {
                    if ([|now - lastActive > TimeSpan.FromMinutes(2)|]) { Dispose(); }
                }
                public void Dispose() { }
            }
            """;
        const string after = """
            using System;
            using System.Collections.Generic;
            class Worker : IDisposable
            {
                readonly List<string> Outbox = new();
                DateTime lastActive;
                void Tick(DateTime now)
                {
                    if (now - lastActive > TimeSpan.FromMinutes(2) && Outbox.Count == 0) { Dispose(); }
                }
                public void Dispose() { }
            }
            """;

        await Verify.VerifyCodeFixAsync(before, after);
    }

    [Fact]
    public async Task Fix_all_guards_every_idle_teardown_in_the_document()
    {
        const string before = """
            using System.Collections.Concurrent;
            class ProcessorTracker
            {
                readonly ConcurrentQueue<string> pending = new();
                long lastIdleTime, lastBeat;
                void Check(long now)
                {
                    if ([|now - lastIdleTime > 120_000|]) { Destroy(); }
                    if ([|now - lastBeat > 60_000|]) { Stop(); }
                }
                void Destroy() { }
                void Stop() { }
            }
            """;
        const string after = """
            using System.Collections.Concurrent;
            class ProcessorTracker
            {
                readonly ConcurrentQueue<string> pending = new();
                long lastIdleTime, lastBeat;
                void Check(long now)
                {
                    if (now - lastIdleTime > 120_000 && pending.IsEmpty) { Destroy(); }
                    if (now - lastBeat > 60_000 && pending.IsEmpty) { Stop(); }
                }
                void Destroy() { }
                void Stop() { }
            }
            """;

        var test = new Microsoft.CodeAnalysis.CSharp.Testing.CSharpCodeFixTest<TrackerRace.Analyzers.IdleDecidedByTimeAloneAnalyzer, TrackerRace.Analyzers.CodeFixes.IdleDecidedByTimeAloneCodeFix, DefaultVerifier>
        {
            TestCode = before,
            FixedCode = after,
            BatchFixedCode = after,
            NumberOfFixAllIterations = 1,
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task Offers_no_fix_when_the_type_has_no_pending_work_to_consult()
    {
        const string source = """
            class ProcessorTracker
            {
                long lastIdleTime;
                void Check(long now)
                {
                    if ([|now - lastIdleTime > 120_000|]) { Destroy(); }
                }
                void Destroy() { }
            }
            """;

        // Fixed code equal to the source: no code action was offered.
        await Verify.VerifyCodeFixAsync(source, source);
    }

    [Fact]
    public async Task Offers_no_fix_with_members_that_are_not_pending_work_or_not_reachable()
    {
        const string source = """
            using System.Collections.Generic;
            class ProcessorTracker
            {
                readonly List<string> names = new();
                readonly string[] queueNames = new string[0];
                static readonly Queue<string> backlog = new();
                long lastIdleTime;
                void Check(long now)
                {
                    if ([|now - lastIdleTime > 120_000|]) { Destroy(); }
                }
                void Destroy() { }
            }
            """;

        // "names" says nothing about work, an array's Count is an explicit implementation, a static queue is not this component's.
        await Verify.VerifyCodeFixAsync(source, source);
    }

    [Fact]
    public async Task Reads_the_member_where_a_parameter_has_its_name()
    {
        const string before = """
            using System;
            using System.Collections.Concurrent;
            sealed class Tracker
            {
                readonly ConcurrentQueue<string> queue = new();
                DateTime last;
                static readonly TimeSpan Max = TimeSpan.FromSeconds(120);
                public void Post(string s) => queue.Enqueue(s);
                public void Tick(DateTime now, ConcurrentQueue<string> queue)
                {
                    if ([|now - last > Max|]) { Destroy(); }
                }
                public void Destroy() { }
            }
            """;
        const string after = """
            using System;
            using System.Collections.Concurrent;
            sealed class Tracker
            {
                readonly ConcurrentQueue<string> queue = new();
                DateTime last;
                static readonly TimeSpan Max = TimeSpan.FromSeconds(120);
                public void Post(string s) => queue.Enqueue(s);
                public void Tick(DateTime now, ConcurrentQueue<string> queue)
                {
                    if (now - last > Max && this.queue.IsEmpty) { Destroy(); }
                }
                public void Destroy() { }
            }
            """;

        await Verify.VerifyCodeFixAsync(before, after);
    }

    [Fact]
    public async Task Offers_nothing_for_a_queue_guarded_by_a_semaphore()
    {
        // "&& queue.Count == 0" outside the semaphore would read a Queue<T> unguarded: TRK003's finding, not a fix.
        const string source = """
            using System;
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;
            sealed class Tracker
            {
                readonly SemaphoreSlim gate = new(1, 1);
                readonly Queue<string> queue = new();
                DateTime last;
                static readonly TimeSpan Max = TimeSpan.FromSeconds(120);
                public async Task PostAsync(string s) { await gate.WaitAsync(); try { queue.Enqueue(s); } finally { gate.Release(); } }
                public void Tick(DateTime now)
                {
                    if ([|now - last > Max|]) { Destroy(); }
                }
                public void Destroy() { }
            }
            """;

        await Verify.VerifyCodeFixAsync(source, source);
    }
}
