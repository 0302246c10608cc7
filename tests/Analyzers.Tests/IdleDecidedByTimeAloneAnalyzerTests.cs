using Verify = Microsoft.CodeAnalysis.CSharp.Testing.CSharpAnalyzerVerifier<
    TrackerRace.Analyzers.IdleDecidedByTimeAloneAnalyzer,
    Microsoft.CodeAnalysis.Testing.DefaultVerifier>;

namespace TrackerRace.Analyzers.Tests;

public sealed class IdleDecidedByTimeAloneAnalyzerTests
{
    [Fact]
    public async Task Flags_a_timer_callback_that_destroys_when_idle_time_exceeds_the_threshold_while_its_tasks_wait()
    {
        const string source = """
            using System;
            using System.Collections.Concurrent;
            class ProcessorTracker
            {
                readonly ConcurrentQueue<Action> {|#2:tasks|} = new();
                long lastIdleTime;
                const long MaxIdleTime = 120_000;
                public void Submit(Action task) => {|#3:tasks.Enqueue(task)|};
                public void RunOnce() { if (tasks.TryDequeue(out var task)) task(); }
                void Check(long now)
                {
                    if ({|#0:now - lastIdleTime > MaxIdleTime|})
                    {
                        {|#1:Destroy()|};
                    }
                }
                void Destroy() { }
            }
            """;

        await Verify.VerifyAnalyzerAsync(source, Verify.Diagnostic("TRK002").WithLocation(0).WithLocation(1).WithLocation(2).WithLocation(3).WithArguments("Destroy", "now - lastIdleTime > MaxIdleTime"));
    }

    [Fact]
    public async Task Flags_timespan_comparisons_written_the_other_way_round_as_a_suggestion_when_no_work_is_in_sight()
    {
        const string source = """
            using System;
            class Worker : IDisposable
            {
                DateTimeOffset lastActive;
                static readonly TimeSpan Max = TimeSpan.FromMinutes(2);
                void Tick(DateTimeOffset now)
                {
                    if ({|#0:Max < now - lastActive|}) { {|#1:Dispose()|}; }
                }
                public void Dispose() { }
            }
            """;

        await Verify.VerifyAnalyzerAsync(source, Verify.Diagnostic("TRK002").WithLocation(0).WithLocation(1).WithSeverity(Microsoft.CodeAnalysis.DiagnosticSeverity.Info).WithArguments("Dispose", "Max < now - lastActive"));
    }

    [Fact]
    public async Task Does_not_flag_when_the_decision_also_consults_pending_work()
    {
        const string source = """
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

        await Verify.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task Does_not_flag_a_time_comparison_that_only_logs()
    {
        const string source = """
            class ProcessorTracker
            {
                long lastIdleTime;
                void Check(long now)
                {
                    if (now - lastIdleTime > 120_000) { Warn(); }
                }
                void Warn() { }
            }
            """;

        await Verify.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task Survives_incomplete_code()
    {
        const string source = """
            class ProcessorTracker
            {
                void Check(long now)
                {
                    if (now - missing > )
                    {
                        Destroy(
                    }
                }
            }
            """;

        // The analyzer must stay silent (and not throw, which would surface as AD0001) on code that does not compile.
        var test = new Microsoft.CodeAnalysis.CSharp.Testing.CSharpAnalyzerTest<IdleDecidedByTimeAloneAnalyzer, Microsoft.CodeAnalysis.Testing.DefaultVerifier>
        {
            TestCode = source,
            CompilerDiagnostics = Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.None,
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task Flags_an_idle_check_in_a_task_loop_as_a_suggestion_when_no_work_is_in_sight()
    {
        const string source = """
            using System;
            using System.Threading;
            using System.Threading.Tasks;
            sealed class Worker
            {
                static readonly TimeSpan MaxIdle = TimeSpan.FromMinutes(2);
                readonly TimeProvider clock = TimeProvider.System;
                DateTimeOffset lastActive;
                public async Task RunAsync(CancellationToken ct)
                {
                    while (!ct.IsCancellationRequested)
                    {
                        await Task.Delay(10_000, ct);
                        if ({|#0:clock.GetUtcNow() - lastActive > MaxIdle|})
                        {
                            await {|#1:StopAsync()|};
                            return;
                        }
                    }
                }
                Task StopAsync() => Task.CompletedTask;
            }
            """;

        await Verify.VerifyAnalyzerAsync(source, Verify.Diagnostic("TRK002").WithLocation(0).WithLocation(1).WithSeverity(Microsoft.CodeAnalysis.DiagnosticSeverity.Info).WithArguments("StopAsync", "clock.GetUtcNow() - lastActive > MaxIdle"));
    }

    [Fact]
    public async Task Does_not_flag_a_branch_that_delegates_to_a_teardown_decision()
    {
        const string source = """
            using TrackerRace.Annotations;
            enum Verdict { Stay, [Teardown] Leave }
            interface IPolicy { Verdict Decide(); }
            sealed class ProcessorTracker
            {
                readonly IPolicy policy = null!;
                long lastIdleTime;
                void Check(long now)
                {
                    if (now - lastIdleTime > 120_000)
                    {
                        if (policy.Decide() == Verdict.Leave) { Destroy(); }
                    }
                }
                void Destroy() { }
            }
            """;

        var test = new Microsoft.CodeAnalysis.CSharp.Testing.CSharpAnalyzerTest<IdleDecidedByTimeAloneAnalyzer, Microsoft.CodeAnalysis.Testing.DefaultVerifier>
        {
            TestCode = source,
            ReferenceAssemblies = Microsoft.CodeAnalysis.Testing.ReferenceAssemblies.Net.Net80,
        };
        test.TestState.AdditionalReferences.Add(typeof(TrackerRace.Annotations.TeardownAttribute).Assembly);
        await test.RunAsync();
    }

    [Fact]
    public async Task Honours_editorconfig_teardown_names()
    {
        const string source = """
            sealed class Lease
            {
                long renewedAt;
                void Tick(long now)
                {
                    if ({|#0:now - renewedAt >= 30_000|}) { {|#1:Relinquish()|}; }
                }
                void Relinquish() { }
            }
            """;

        await TrackerRace.Analyzers.Tests.Verification.AnalyzerCheck<IdleDecidedByTimeAloneAnalyzer>.VerifyAsync(
            source,
            "trackerrace.teardown_methods = Relinquish",
            Verify.Diagnostic("TRK002").WithLocation(0).WithLocation(1).WithArguments("Relinquish", "now - renewedAt >= 30_000"));
    }

    [Fact]
    public async Task Flags_minutes_a_stopwatch_and_a_time_test_joined_with_unrelated_terms_as_a_suggestion_when_no_work_is_in_sight()
    {
        const string source = """
            using System;
            using System.Diagnostics;
            class Tracker : IDisposable
            {
                DateTime last;
                bool disposed;
                readonly Stopwatch idle = Stopwatch.StartNew();
                static readonly TimeSpan Max = TimeSpan.FromMinutes(2);
                void CheckMinutes(DateTime now)
                {
                    if ({|#0:(now - last).TotalMinutes > 2|}) { {|#3:Dispose()|}; }
                }
                void CheckStopwatch()
                {
                    if ({|#1:idle.Elapsed > Max|}) { {|#4:Dispose()|}; }
                }
                void CheckUnlessDisposed(DateTime now)
                {
                    if ({|#2:now - last > Max|} && !disposed) { {|#5:Dispose()|}; }
                }
                public void Dispose() => disposed = true;
            }
            """;

        await Verify.VerifyAnalyzerAsync(
            source,
            Verify.Diagnostic("TRK002").WithLocation(0).WithLocation(3).WithSeverity(Microsoft.CodeAnalysis.DiagnosticSeverity.Info).WithArguments("Dispose", "(now - last).TotalMinutes > 2"),
            Verify.Diagnostic("TRK002").WithLocation(1).WithLocation(4).WithSeverity(Microsoft.CodeAnalysis.DiagnosticSeverity.Info).WithArguments("Dispose", "idle.Elapsed > Max"),
            Verify.Diagnostic("TRK002").WithLocation(2).WithLocation(5).WithSeverity(Microsoft.CodeAnalysis.DiagnosticSeverity.Info).WithArguments("Dispose", "now - last > Max"));
    }

    [Fact]
    public async Task Does_not_flag_a_conjunction_that_consults_pending_work()
    {
        const string source = """
            using System;
            using System.Collections.Concurrent;
            class Tracker : IDisposable
            {
                readonly ConcurrentQueue<string> queue = new();
                DateTime last;
                static readonly TimeSpan Max = TimeSpan.FromMinutes(2);
                void Check(DateTime now)
                {
                    if (now - last > Max && queue.IsEmpty) { Dispose(); }
                }
                public void Dispose() { }
            }
            """;

        await Verify.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task Flags_the_other_spellings_of_elapsed_time_as_a_suggestion_when_no_work_is_in_sight()
    {
        // Stopwatch.GetElapsedTime needs .NET 7 or later.
        const string source = """
            using System;
            using System.Diagnostics;
            sealed class Tracker
            {
                DateTime last;
                long lastTimestamp;
                long lastActiveMillis;
                static readonly TimeSpan MaxIdle = TimeSpan.FromSeconds(120);
                public void ViaLocal()
                {
                    var idle = DateTime.UtcNow - last;
                    if ({|#0:idle > MaxIdle|}) { {|#5:Destroy()|}; }
                }
                public void ViaDeadline() { if ({|#1:DateTime.UtcNow > last + MaxIdle|}) { {|#6:Destroy()|}; } }
                public void ViaGetElapsedTime() { if ({|#2:Stopwatch.GetElapsedTime(lastTimestamp) > MaxIdle|}) { {|#7:Destroy()|}; } }
                public void ViaSubtract() { if ({|#3:DateTime.UtcNow.Subtract(last) > MaxIdle|}) { {|#8:Destroy()|}; } }
                public void ViaMillisDeadline(long nowMillis) { if ({|#4:lastActiveMillis + 120_000 < nowMillis|}) { {|#9:Destroy()|}; } }
                public void Destroy() { }
            }
            """;

        await Verification.AnalyzerCheck<IdleDecidedByTimeAloneAnalyzer>.VerifyAsync(
            source,
            Verification.AnalyzerCheck<IdleDecidedByTimeAloneAnalyzer>.Diagnostic("TRK002").WithLocation(0).WithLocation(5).WithSeverity(Microsoft.CodeAnalysis.DiagnosticSeverity.Info).WithArguments("Destroy", "idle > MaxIdle"),
            Verification.AnalyzerCheck<IdleDecidedByTimeAloneAnalyzer>.Diagnostic("TRK002").WithLocation(1).WithLocation(6).WithSeverity(Microsoft.CodeAnalysis.DiagnosticSeverity.Info).WithArguments("Destroy", "DateTime.UtcNow > last + MaxIdle"),
            Verification.AnalyzerCheck<IdleDecidedByTimeAloneAnalyzer>.Diagnostic("TRK002").WithLocation(2).WithLocation(7).WithSeverity(Microsoft.CodeAnalysis.DiagnosticSeverity.Info).WithArguments("Destroy", "Stopwatch.GetElapsedTime(lastTimestamp) > MaxIdle"),
            Verification.AnalyzerCheck<IdleDecidedByTimeAloneAnalyzer>.Diagnostic("TRK002").WithLocation(3).WithLocation(8).WithSeverity(Microsoft.CodeAnalysis.DiagnosticSeverity.Info).WithArguments("Destroy", "DateTime.UtcNow.Subtract(last) > MaxIdle"),
            Verification.AnalyzerCheck<IdleDecidedByTimeAloneAnalyzer>.Diagnostic("TRK002").WithLocation(4).WithLocation(9).WithSeverity(Microsoft.CodeAnalysis.DiagnosticSeverity.Info).WithArguments("Destroy", "lastActiveMillis + 120_000 < nowMillis"));
    }

    [Fact]
    public async Task Does_not_follow_a_local_that_is_assigned_again()
    {
        const string source = """
            using System;
            sealed class Tracker
            {
                DateTime last;
                int retries;
                static readonly TimeSpan MaxIdle = TimeSpan.FromSeconds(120);
                public void Tick()
                {
                    var budget = DateTime.UtcNow - last;
                    budget = TimeSpan.FromSeconds(retries);
                    if (budget > MaxIdle) { Destroy(); }
                }
                public void Destroy() { }
            }
            """;

        await Verify.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task Sees_a_destroy_that_records_itself_by_reference_as_a_suggestion_when_no_work_is_in_sight()
    {
        const string source = """
            using System;
            using System.Collections.Concurrent;
            using System.Threading;
            static class Registry { public static readonly ConcurrentDictionary<long, ProcessorTracker> All = new(); }
            sealed class ProcessorTracker
            {
                readonly long id;
                long lastActiveTime;
                int destroyed;
                public void CheckIdle(long now)
                {
                    if ({|#0:now - lastActiveTime > 60_000|}) {|#1:Destroy()|};
                }
                public void Destroy()
                {
                    if (Interlocked.Exchange(ref destroyed, 1) == 1) return;
                    Registry.All.TryRemove(id, out _);
                }
            }
            """;

        await Verify.VerifyAnalyzerAsync(source, Verify.Diagnostic("TRK002").WithLocation(0).WithLocation(1).WithSeverity(Microsoft.CodeAnalysis.DiagnosticSeverity.Info).WithArguments("Destroy", "now - lastActiveTime > 60_000"));
    }
}
