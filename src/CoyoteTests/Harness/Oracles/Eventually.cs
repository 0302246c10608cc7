using Microsoft.Coyote.Specifications;
using TrackerRace.Coyote.Reporting;

namespace TrackerRace.Coyote.Oracles;

/// <summary>
/// Liveness in a few lines: say what must eventually happen (<c>Expect("job 7 finishes")</c>) and when it did
/// (<c>Met("job 7 finishes")</c>). Coyote reports an iteration that ends with an expectation still open, and the
/// failure names it.
/// </summary>
public sealed class Eventually
{
    private readonly Lock gate = new();
    private readonly HashSet<string> open = new(StringComparer.Ordinal);
    private readonly Timeline timeline;

    internal Eventually(Timeline timeline)
    {
        this.timeline = timeline;
        Specification.RegisterMonitor<SettlesMonitor>();
    }

    /// <summary>What is still expected and has not happened.</summary>
    public IReadOnlyCollection<string> Open
    {
        get
        {
            lock (this.gate)
            {
                return [.. this.open];
            }
        }
    }

    /// <summary>From now on, <paramref name="what"/> must eventually happen.</summary>
    public void Expect(string what)
    {
        ArgumentException.ThrowIfNullOrEmpty(what);
        lock (this.gate)
        {
            this.open.Add(what);
        }

        this.timeline.Add("oracle", "test", $"expects: {what}");
        Specification.Monitor<SettlesMonitor>(new SettlesMonitor.Expected(what));
    }

    /// <summary><paramref name="what"/> happened.</summary>
    public void Met(string what)
    {
        ArgumentException.ThrowIfNullOrEmpty(what);
        lock (this.gate)
        {
            this.open.Remove(what);
        }

        this.timeline.Add("oracle", "test", $"met: {what}");
        Specification.Monitor<SettlesMonitor>(new SettlesMonitor.Met(what));
    }
}
