using System.Collections.Concurrent;
using TrackerRace.Coyote.Oracles;
using TrackerRace.Coyote.Reporting;
using TrackerRace.Coyote.Time;

namespace TrackerRace.Coyote;

/// <summary>
/// What one explored iteration gives a test: controlled time, choices that replay, the work ledger, liveness
/// expectations, and a timeline the failure report prints. A new one for every iteration.
/// </summary>
public sealed class ExplorationContext
{
    // Not a lock Coyote sees: counting must not add scheduling points to the schedule it measures.
    private readonly ConcurrentDictionary<string, long> counts = new(StringComparer.Ordinal);

    internal ExplorationContext(int iteration, VirtualClockOptions clock)
    {
        this.Iteration = iteration;
        this.Timeline = new Timeline(() => this.Clock?.Elapsed ?? TimeSpan.Zero);
        this.Clock = new VirtualClock(clock, text => this.Timeline.Add("clock", "clock", text));
        this.Choose = new Choices.Choices(this.Timeline);
        this.Ledger = new WorkLedger(this.Timeline, () => this.Clock.Elapsed);
        this.Eventually = new Eventually(this.Timeline);
    }

    /// <summary>The 1-based number of this iteration.</summary>
    public int Iteration { get; }

    /// <summary>The iteration's time: give it to the component under test wherever it takes a <see cref="TimeProvider"/>.</summary>
    public VirtualClock Clock { get; }

    /// <summary>Values left to Coyote: durations, counts, booleans, one of N.</summary>
    public Choices.Choices Choose { get; }

    /// <summary>The work handed to the system and what became of it, with checks for lost, wrongly failed and doubly completed work.</summary>
    public WorkLedger Ledger { get; }

    /// <summary>What must eventually happen: open expectations at the end of an iteration are a liveness bug.</summary>
    public Eventually Eventually { get; }

    /// <summary>Everything recorded in this iteration, in virtual time.</summary>
    public Timeline Timeline { get; }

    /// <summary>
    /// Counts an event of the component under test by source (<c>ctx.Count("messages")</c>) for the profile: an
    /// exploration reports each source's count per iteration next to Coyote's scheduling steps per iteration, so a slow
    /// exploration shows where its steps come from. The clock counts its own sources ("timers fired", "clock waits").
    /// </summary>
    public void Count(string source, long by = 1)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        this.counts.AddOrUpdate(source, by, (_, count) => count + by);
    }

    /// <summary>This iteration's counts by source, the clock's included.</summary>
    internal IEnumerable<KeyValuePair<string, long>> Counts() =>
        this.counts.Append(new("timers fired", this.Clock.Fires)).Append(new("clock waits", this.Clock.Waits));

    /// <summary>Adds a line to the failure report's timeline: <c>ctx.Record("pool", "idle 3s, shutting down")</c>.</summary>
    public void Record(string actor, string text) => this.Timeline.Record(actor, text);
}
