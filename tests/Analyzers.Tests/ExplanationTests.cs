using TrackerRace.Analyzers.Tests.Verification;

namespace TrackerRace.Analyzers.Tests;

/// <summary>
/// Every finding carries the places a reader needs to judge it, as additional locations named one to one by the
/// <c>LocationLabels</c> property (SARIF viewers and eng/CorpusScan print them), like RacerD's two traces.
/// </summary>
public sealed class ExplanationTests
{
    private const string Source = """
        using System;
        using System.Collections.Concurrent;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using TrackerRace.Annotations;
        public sealed class Worker : IDisposable
        {
            readonly object gate = new();
            readonly ConcurrentQueue<Action> queue = new();
            readonly CancellationTokenSource life = new();
            long lastActive;
            public void Post(Action work) { lock (gate) { queue.Enqueue(work); } }
            public void RunPending() { while (!life.IsCancellationRequested && queue.TryDequeue(out var work)) work(); }
            public void Dispose() => life.Cancel();
            public async Task StopWhenIdleAsync() { if (queue.IsEmpty) { await Task.Yield(); life.Cancel(); } }
            public void Tick(long now) { if (now - lastActive > 120_000) Dispose(); }
        }
        public sealed class Owner
        {
            [PendingWork] readonly Dictionary<string, List<string>> pendingByWorker = new();
            public void Assign(string worker, List<string> tasks) => pendingByWorker[worker] = tasks;
            public void OnWorkerIdle(string worker)
            {
                foreach (var task in pendingByWorker.GetValueOrDefault(worker) ?? new List<string>()) MarkFailed(task);
            }
            void MarkFailed(string task) { }
        }
        """;

    [Fact]
    public async Task Each_rule_names_the_places_that_explain_its_finding()
    {
        var found = await AnalyzerRun.DiagnosticsAsync(
            Source,
            analyzers: [.. Verification.AllRulesTest.Rules()]);

        var labels = found.ToDictionary(d => d.Id, d => d.Properties["LocationLabels"]);
        Assert.Equal("teardown;work added;pending work, not consulted on this path", labels["TRK001"]);
        Assert.Equal("teardown;pending work, not consulted;work added", labels["TRK002"]);
        Assert.Equal("pending work checked;work added under 'gate'", labels["TRK003"]);
        Assert.Equal("work added;teardown;work taken", labels["TRK004"]);
        Assert.Equal("work addressed to the component;work added", labels["TRK005"]);
        Assert.All(found, d => Assert.Equal(d.AdditionalLocations.Count, d.Properties["LocationLabels"]!.Split(';').Length));
    }
}
