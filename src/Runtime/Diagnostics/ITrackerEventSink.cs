namespace TrackerRace.Runtime.Diagnostics;

/// <summary>Receives every protocol step; the Coyote harness builds its traces and oracles from it.</summary>
public interface ITrackerEventSink
{
    /// <summary>Called synchronously, inside the step; must be fast and must not throw.</summary>
    void Record(TrackerEvent trackerEvent);
}

/// <summary>A sink that ignores everything.</summary>
public sealed class NullTrackerEventSink : ITrackerEventSink
{
    /// <summary>The shared instance.</summary>
    public static NullTrackerEventSink Instance { get; } = new();

    /// <inheritdoc />
    public void Record(TrackerEvent trackerEvent)
    {
    }
}
