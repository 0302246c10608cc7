using Verify = Microsoft.CodeAnalysis.CSharp.Testing.CSharpAnalyzerVerifier<
    TrackerRace.Analyzers.IdleDecidedByTimeAloneAnalyzer,
    Microsoft.CodeAnalysis.Testing.DefaultVerifier>;

namespace TrackerRace.Analyzers.Tests;

public sealed class IdleDecidedByTimeAloneAnalyzerTests
{
    [Fact]
    public async Task Flags_a_timer_callback_that_destroys_when_idle_time_exceeds_the_threshold()
    {
        const string source = """
            using System;
            class ProcessorTracker
            {
                long lastIdleTime;
                const long MaxIdleTime = 120_000;
                void Check(long now)
                {
                    if ({|#0:now - lastIdleTime > MaxIdleTime|})
                    {
                        Destroy();
                    }
                }
                void Destroy() { }
            }
            """;

        await Verify.VerifyAnalyzerAsync(source, Verify.Diagnostic("TRK002").WithLocation(0).WithArguments("Destroy", "now - lastIdleTime > MaxIdleTime"));
    }

    [Fact]
    public async Task Flags_timespan_comparisons_written_the_other_way_round()
    {
        const string source = """
            using System;
            class Worker : IDisposable
            {
                DateTimeOffset lastActive;
                static readonly TimeSpan Max = TimeSpan.FromMinutes(2);
                void Tick(DateTimeOffset now)
                {
                    if ({|#0:Max < now - lastActive|}) { Dispose(); }
                }
                public void Dispose() { }
            }
            """;

        await Verify.VerifyAnalyzerAsync(source, Verify.Diagnostic("TRK002").WithLocation(0).WithArguments("Dispose", "Max < now - lastActive"));
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
}
