using System.Collections.Concurrent;
using TrackerRace.Coyote;
using TrackerRace.Runtime.Diagnostics;

namespace TrackerRace.Scenarios;

/// <summary>
/// Where a scenario's cluster reports its protocol steps: onto the iteration's timeline (what a failure prints), into the
/// list the safety oracles read, and into the liveness expectations L1 (every job finishes) and L2 (every tracker of an
/// ended job is eventually destroyed). It takes no lock Coyote sees, so recording never changes a schedule.
/// </summary>
internal sealed class ScenarioSink(ExplorationContext context) : ITrackerEventSink
{
    private const string EveryJobFinishes = "L1: every job leaves Running";

    private readonly ConcurrentQueue<TrackerEvent> events = new();
    private readonly ConcurrentDictionary<string, bool> liveTrackers = new(StringComparer.Ordinal);
    private int runningJobs;
    private volatile bool aJobEnded;

    /// <summary>The steps so far, in the order they happened.</summary>
    public IReadOnlyList<TrackerEvent> Events => [.. this.events];

    /// <inheritdoc />
    public void Record(TrackerEvent trackerEvent)
    {
        this.events.Enqueue(trackerEvent);
        context.Count("protocol events");
        if (trackerEvent.Kind == TrackerEventKind.TaskStarted)
        {
            context.Count("pool work");
        }

        var actor = $"{trackerEvent.Component}@{trackerEvent.Node}";
        var target = trackerEvent.Kind switch
        {
            TrackerEventKind.TaskDispatched => "PT@" + trackerEvent.Detail.Split("PT@").LastOrDefault()?.Split(' ')[0],
            TrackerEventKind.IdleReported or TrackerEventKind.IdleRequested => "TT@n0",
            _ => null,
        };
        if (target is null)
        {
            context.Record(actor, trackerEvent.Detail);
        }
        else
        {
            context.Timeline.Record(actor, target, trackerEvent.Detail);
        }

        switch (trackerEvent.Kind)
        {
            case TrackerEventKind.JobStarted:
                if (Interlocked.Increment(ref this.runningJobs) == 1)
                {
                    context.Eventually.Expect(EveryJobFinishes);
                }

                break;
            case TrackerEventKind.JobFinished:
                if (Interlocked.Decrement(ref this.runningJobs) == 0)
                {
                    context.Eventually.Met(EveryJobFinishes);
                }

                this.aJobEnded = true;
                foreach (var tracker in this.liveTrackers.Keys)
                {
                    context.Eventually.Expect(Released(tracker));
                }

                break;
            case TrackerEventKind.ProcessorTrackerCreated:
                this.liveTrackers[actor] = true;

                // A start request that arrives after a job ended creates a tracker nobody will stop.
                if (this.aJobEnded)
                {
                    context.Eventually.Expect(Released(actor));
                }

                break;
            case TrackerEventKind.ProcessorTrackerDestroyed or TrackerEventKind.ProcessorTrackerKilled:
                this.liveTrackers.TryRemove(actor, out _);
                context.Eventually.Met(Released(actor));
                break;
        }
    }

    private static string Released(string tracker) => $"L2: {tracker} is destroyed after its job";
}
