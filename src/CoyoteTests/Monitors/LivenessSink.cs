using Microsoft.Coyote.Specifications;
using TrackerRace.Runtime.Diagnostics;

namespace TrackerRace.CoyoteTests.Monitors;

/// <summary>Feeds the liveness monitors from the runtime's protocol steps, and keeps the steps for the safety oracles.</summary>
internal sealed class LivenessSink(ITrackerEventSink recorder) : ITrackerEventSink
{
    /// <summary>Registers the monitors for the current iteration; call at the start of each.</summary>
    public static void RegisterMonitors()
    {
        Specification.RegisterMonitor<JobsEventuallyFinishMonitor>();
        Specification.RegisterMonitor<TrackersEventuallyDestroyedMonitor>();
    }

    /// <inheritdoc />
    public void Record(TrackerEvent trackerEvent)
    {
        recorder.Record(trackerEvent);
        var tracker = $"{trackerEvent.Component}@{trackerEvent.Node}";
        switch (trackerEvent.Kind)
        {
            case TrackerEventKind.JobStarted:
                Specification.Monitor<JobsEventuallyFinishMonitor>(new JobsEventuallyFinishMonitor.JobStarted());
                break;
            case TrackerEventKind.JobFinished:
                Specification.Monitor<JobsEventuallyFinishMonitor>(new JobsEventuallyFinishMonitor.JobFinished());
                Specification.Monitor<TrackersEventuallyDestroyedMonitor>(new TrackersEventuallyDestroyedMonitor.JobEnded());
                break;
            case TrackerEventKind.ProcessorTrackerCreated:
                Specification.Monitor<TrackersEventuallyDestroyedMonitor>(new TrackersEventuallyDestroyedMonitor.TrackerCreated(tracker));
                break;
            case TrackerEventKind.ProcessorTrackerDestroyed:
                Specification.Monitor<TrackersEventuallyDestroyedMonitor>(new TrackersEventuallyDestroyedMonitor.TrackerDestroyed(tracker));
                break;
        }
    }
}
