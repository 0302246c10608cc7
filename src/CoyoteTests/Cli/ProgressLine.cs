using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using TrackerRace.Coyote;

namespace TrackerRace.CoyoteTests.Cli;

/// <summary>
/// The progress of a long <c>explore</c> on stderr, at most once a second: iterations, iterations per second, failing
/// iterations and the process's memory, summed over every exploration running at the time. Stdout keeps only the report.
/// </summary>
public sealed class ProgressLine(TextWriter error)
{
    private static readonly long Interval = Stopwatch.Frequency;
    private readonly ConcurrentDictionary<string, ExplorationProgress> latest = new(StringComparer.Ordinal);
    private readonly Stopwatch watch = Stopwatch.StartNew();
    private long lastPrinted = -Interval;

    /// <summary>A progress sink for one exploration (a policy, strategy and seed).</summary>
    public IProgress<ExplorationProgress> For(string exploration) => new Sink(this, exploration);

    private void Report(string exploration, ExplorationProgress progress)
    {
        this.latest[exploration] = progress;
        var now = this.watch.ElapsedTicks;
        var last = Interlocked.Read(ref this.lastPrinted);
        if (now - last < Interval || Interlocked.CompareExchange(ref this.lastPrinted, now, last) != last)
        {
            return;
        }

        var all = this.latest.Values.ToList();
        var iterations = all.Sum(p => p.Iterations);
        var seconds = Math.Max(this.watch.Elapsed.TotalSeconds, 1e-9);
        lock (error)
        {
            error.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"[{this.watch.Elapsed:hh\\:mm\\:ss}] {iterations:N0} iterations, {iterations / seconds:0.0} it/s, {all.Sum(p => p.Bugs)} failing, {Environment.WorkingSet / (1 << 20)} MB"));
        }
    }

    private sealed class Sink(ProgressLine line, string exploration) : IProgress<ExplorationProgress>
    {
        public void Report(ExplorationProgress value) => line.Report(exploration, value);
    }
}
