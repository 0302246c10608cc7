using System.Collections.Concurrent;
using TrackerRace.Runtime.Diagnostics;

namespace TrackerRace.CoyoteTests.Tracing;

/// <summary>
/// Keeps the protocol steps of the latest iteration; used when replaying one failing schedule. It
/// must be invisible to Coyote: a lock here would add scheduling points, so a trace recorded without
/// the recorder would no longer replay with it. The concurrent queue is not rewritten (see the
/// CoyoteRewrite target), so it adds none.
/// </summary>
public sealed class TraceRecorder : ITrackerEventSink
{
    private volatile ConcurrentQueue<TrackerEvent> events = new();

    /// <summary>The steps of the latest iteration, in the order they happened.</summary>
    public IReadOnlyList<TrackerEvent> Events => this.events.ToList();

    /// <summary>Forgets the previous iteration.</summary>
    public void StartIteration() => this.events = new ConcurrentQueue<TrackerEvent>();

    /// <inheritdoc />
    public void Record(TrackerEvent trackerEvent) => this.events.Enqueue(trackerEvent);
}
