namespace TrackerRace.Coyote.Reporting;

/// <summary>
/// What happened in one iteration, in order, in virtual time. Recording must not change the schedule it records, so it
/// takes no lock Coyote sees (a <see cref="Lock"/> is not rewritten by Coyote 1.7): a failing schedule replays with the
/// timeline attached.
/// </summary>
public sealed class Timeline
{
    private readonly Lock gate = new();
    private readonly List<TimelineEvent> events = [];
    private readonly Func<TimeSpan> now;

    /// <summary>A timeline stamped by <paramref name="now"/> (the iteration's virtual clock).</summary>
    public Timeline(Func<TimeSpan> now) => this.now = now;

    /// <summary>The events so far, in the order they were recorded.</summary>
    public IReadOnlyList<TimelineEvent> Events
    {
        get
        {
            lock (this.gate)
            {
                return [.. this.events];
            }
        }
    }

    /// <summary>Records something the test wants in the failure report: "pool: idle 3.0s, shutting down".</summary>
    public void Record(string actor, string text) => this.Add("user", actor, text);

    /// <summary>Records a message or hand-off from <paramref name="actor"/> to <paramref name="target"/> (an arrow in the diagram).</summary>
    public void Record(string actor, string target, string text) => this.Add("user", actor, text, target);

    internal void Add(string source, string actor, string text, string? target = null)
    {
        var entry = new TimelineEvent(this.now(), source, actor, text, target);
        lock (this.gate)
        {
            this.events.Add(entry);
        }
    }
}
