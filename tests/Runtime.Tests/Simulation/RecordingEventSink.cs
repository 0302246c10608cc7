using System.Collections.Concurrent;
using TrackerRace.Runtime.Diagnostics;

namespace TrackerRace.Runtime.Tests.Simulation;

/// <summary>Keeps every protocol step so a test can assert on what happened and print the timeline on failure.</summary>
internal sealed class RecordingEventSink : ITrackerEventSink
{
    private readonly ConcurrentQueue<TrackerEvent> events = new();

    public IReadOnlyList<TrackerEvent> Events => this.events.ToList();

    public void Record(TrackerEvent trackerEvent) => this.events.Enqueue(trackerEvent);

    public IEnumerable<TrackerEvent> Of(TrackerEventKind kind) => this.events.Where(e => e.Kind == kind);

    public string Timeline(DateTimeOffset origin) => string.Join(Environment.NewLine, this.events.Select(e =>
        $"t={(e.Time - origin).TotalSeconds,8:0.000}s {e.Component}@{e.Node,-3} {e.Kind,-26} {e.Detail}"));
}
