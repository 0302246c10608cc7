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
}
