using CoyoteMonitor = Microsoft.Coyote.Specifications.Monitor;

namespace TrackerRace.CoyoteTests.Monitors;

/// <summary>
/// L2: after a job ends, every ProcessorTracker incarnation of it is eventually destroyed. Hot while
/// the job is over and an incarnation lives on (residual race R3: the TaskTracker node's tracker no
/// longer idles out under PowerJob 5.1.1, so a lost stop request leaks it).
/// </summary>
internal sealed class TrackersEventuallyDestroyedMonitor : CoyoteMonitor
{
    private readonly HashSet<string> live = new(StringComparer.Ordinal);

    [Start]
    [Cold]
    [OnEventDoAction(typeof(TrackerCreated), nameof(OnCreated))]
    [OnEventDoAction(typeof(TrackerDestroyed), nameof(OnDestroyed))]
    [OnEventDoAction(typeof(JobEnded), nameof(OnJobEnded))]
    private sealed class JobRunning : State
    {
    }

    [Hot]
    [OnEventDoAction(typeof(TrackerCreated), nameof(OnCreated))]
    [OnEventDoAction(typeof(TrackerDestroyed), nameof(OnDestroyedAfterEnd))]
    [OnEventDoAction(typeof(JobEnded), nameof(OnJobEnded))]
    private sealed class TrackersOutliveJob : State
    {
    }

    [Cold]
    [OnEventDoAction(typeof(TrackerCreated), nameof(OnCreatedAfterEnd))]
    [OnEventDoAction(typeof(TrackerDestroyed), nameof(OnDestroyed))]
    [OnEventDoAction(typeof(JobEnded), nameof(OnJobEnded))]
    private sealed class AllReleased : State
    {
    }

    private void OnCreated(Event e) => this.live.Add(((TrackerCreated)e).Tracker);

    private void OnDestroyed(Event e) => this.live.Remove(((TrackerDestroyed)e).Tracker);

    private void OnJobEnded()
    {
        if (this.live.Count > 0)
        {
            this.RaiseGotoStateEvent<TrackersOutliveJob>();
        }
        else
        {
            this.RaiseGotoStateEvent<AllReleased>();
        }
    }

    private void OnDestroyedAfterEnd(Event e)
    {
        this.OnDestroyed(e);
        if (this.live.Count == 0)
        {
            this.RaiseGotoStateEvent<AllReleased>();
        }
    }

    // A start request that arrives after a job ended creates a tracker nobody will stop. (With several
    // jobs this is also how a later job's trackers are tracked; they must be released after it ends too.)
    private void OnCreatedAfterEnd(Event e)
    {
        this.OnCreated(e);
        this.RaiseGotoStateEvent<TrackersOutliveJob>();
    }

    internal sealed class TrackerCreated(string tracker) : Event
    {
        public string Tracker { get; } = tracker;
    }

    internal sealed class TrackerDestroyed(string tracker) : Event
    {
        public string Tracker { get; } = tracker;
    }

    internal sealed class JobEnded : Event
    {
    }
}
