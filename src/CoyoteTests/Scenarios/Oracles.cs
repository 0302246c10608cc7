using Microsoft.Coyote.Specifications;
using TrackerRace.Coyote;
using TrackerRace.Coyote.Time;
using TrackerRace.Runtime.Diagnostics;

namespace TrackerRace.Scenarios;

/// <summary>The safety properties of the design note, checked over one iteration's protocol steps.</summary>
public static class Oracles
{
    /// <summary>
    /// S2: no task is failed as "unreceived process result" unless some ProcessorTracker incarnation
    /// had received it; failing a task nobody received loses work that was never attempted.
    /// </summary>
    public static void AssertNoUnreceivedFailureOfUndeliveredTask(IReadOnlyList<TrackerEvent> events, string policy)
    {
        var received = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in events)
        {
            if (e.Kind == TrackerEventKind.TaskReceived && e.TaskId is not null)
            {
                received.Add(e.TaskId);
            }
            else if (e.Kind == TrackerEventKind.TaskFailedByIdle && e.TaskId is not null && !received.Contains(e.TaskId))
            {
                Specification.Assert(false, "S2: under {0} task {1} was failed by an IDLE report at t={2:0.000}s although no ProcessorTracker had received it: {3}", policy, e.TaskId, (e.Time - VirtualClock.Origin).TotalSeconds, e.Detail);
            }
        }
    }

    /// <summary>S3: reduce (the last task) runs on the TaskTracker's node, the only one holding the task table.</summary>
    public static void AssertReduceRanOnTaskTrackerNode(IReadOnlyList<TrackerEvent> events, string taskTrackerNode)
    {
        foreach (var e in events.Where(e => e.Kind == TrackerEventKind.ReduceExecuted))
        {
            Specification.Assert(e.Node == taskTrackerNode, "S3: reduce ran on {0}, not on the TaskTracker's node {1}: {2}", e.Node, taskTrackerNode, e.Detail);
        }
    }

    /// <summary>
    /// F3 and F4: each task's result (a final status a ProcessorTracker reported) is accepted at most once, however often
    /// the task ran; so OMS_LAST_TASK's, reduce's result, is accepted at most once (exactly once when the job succeeded,
    /// which F1 and F2 check through the job's result).
    /// </summary>
    public static void AssertEachResultAcceptedOnce(IReadOnlyList<TrackerEvent> events, string policy, string faults)
    {
        foreach (var twice in events.Where(e => e.Kind == TrackerEventKind.ResultAccepted && e.TaskId is not null).GroupBy(e => e.TaskId!).Where(g => g.Count() > 1))
        {
            var step = twice.Key == Runtime.Protocol.TaskNames.LastTaskId ? "F4" : "F3";
            Specification.Assert(false, "{0}: under {1} with faults [{2}] the result of task {3} was accepted {4} times: {5}", step, policy, faults, twice.Key, twice.Count(), string.Join(" | ", twice.Select(e => e.Detail)));
        }
    }

    /// <summary>Starts an iteration's specifications: the sink to give the cluster, which feeds the timeline, the liveness expectations and the oracles' step list.</summary>
    internal static ScenarioSink StartIteration(ExplorationContext context) => new(context);

    /// <summary>Settled: the jobs are decided and their trackers are gone, so the liveness expectations can be met.</summary>
    internal static Func<bool> Settled(Runtime.TrackerCluster cluster, params Runtime.Jobs.JobHandle[] jobs) =>
        () => jobs.All(j => j.Completion.IsCompleted) && cluster.ProcessorTrackers().Count == 0;
}
