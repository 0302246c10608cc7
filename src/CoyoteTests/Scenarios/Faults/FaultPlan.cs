using TrackerRace.Coyote;

namespace TrackerRace.Scenarios.Faults;

/// <summary>
/// Chooses an iteration's faults up front, within a budget (as FoundationDB's simulator and Jepsen's nemesis do): each
/// fault's kind, moment and target is a named Coyote choice, so the plan is on the timeline and replays exactly.
/// </summary>
public static class FaultPlan
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    /// <summary>Up to <paramref name="budget"/> faults drawn from <paramref name="model"/>.</summary>
    public static IReadOnlyList<PlannedFault> Choose(ExplorationContext context, FaultModel model, int budget)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(model);
        var choose = context.Choose;
        var plan = new List<PlannedFault>(budget);
        for (var i = 1; i <= budget; i++)
        {
            var kind = choose.OneOf(model.Kinds, $"fault {i}");
            var at = choose.Duration(TimeSpan.Zero, model.Horizon, Second, $"fault {i} at");
            TimeSpan Restart() => choose.Duration(Second, TimeSpan.FromSeconds(60), Second, $"fault {i} restarts after");
            plan.Add(kind switch
            {
                FaultKind.CrashWorker => new PlannedFault(kind, at, choose.OneOf(model.Crashable, $"fault {i} node"),
                    RestartAfter: !model.WorkersMayStayDown || choose.Boolean($"fault {i} node comes back") ? Restart() : null),
                FaultKind.RestartProcessorTracker => new PlannedFault(kind, at, choose.OneOf(model.Nodes, $"fault {i} node")),
                FaultKind.CrashTaskTrackerNode => new PlannedFault(kind, at, model.TaskTrackerNode, RestartAfter: Restart()),
                FaultKind.CrashInsideHandler => new PlannedFault(kind, at, choose.OneOf(model.Crashable, $"fault {i} node"),
                    Point: choose.OneOf(model.Points, $"fault {i} point"), RestartAfter: Restart()),
                FaultKind.DelayMessage => new PlannedFault(kind, at, choose.OneOf(model.Nodes, $"fault {i} from"), choose.OneOf(model.Nodes, $"fault {i} to"),
                    Delay: choose.Duration(Second, TimeSpan.FromSeconds(20), Second, $"fault {i} delay")),
                _ => new PlannedFault(kind, at, choose.OneOf(model.Nodes, $"fault {i} from"), choose.OneOf(model.Nodes, $"fault {i} to")),
            });
        }

        return plan;
    }
}
