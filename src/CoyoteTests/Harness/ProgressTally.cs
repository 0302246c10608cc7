using System.Diagnostics;

namespace TrackerRace.Coyote;

/// <summary>Counts iterations and bugs over the shards of one exploration and tells <see cref="ExplorationOptions.Progress"/>.</summary>
internal sealed class ProgressTally(IProgress<ExplorationProgress>? progress)
{
    private readonly Stopwatch watch = Stopwatch.StartNew();
    private int iterations;
    private int bugs;

    public TimeSpan Elapsed => this.watch.Elapsed;

    public void IterationEnded(int newBugs)
    {
        var done = Interlocked.Increment(ref this.iterations);
        var found = Interlocked.Add(ref this.bugs, newBugs);
        progress?.Report(new ExplorationProgress(done, found, this.watch.Elapsed));
    }
}
