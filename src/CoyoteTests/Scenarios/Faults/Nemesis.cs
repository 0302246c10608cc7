using TrackerRace.Runtime;
using TrackerRace.Runtime.Faults;
using TrackerRace.Runtime.Time;
using TrackerRace.Runtime.Transport;

namespace TrackerRace.Scenarios.Faults;

/// <summary>
/// Carries out an iteration's <see cref="PlannedFault"/>s on a cluster: crashes and restarts at their moment (virtual
/// time), message faults on the first message of their link once their moment has come (as the cluster's delivery plan),
/// crashes inside handlers at the first matching crash point (as the cluster's crash points). Each fault acts at most once
/// and is logged when it does; nothing happens once the job is over.
/// </summary>
public sealed class Nemesis(IReadOnlyList<PlannedFault> plan, FaultLog log, TimeProvider clock) : IDeliveryPlan, ICrashPoints
{
    private readonly DateTimeOffset start = clock.GetUtcNow();
    private readonly bool[] used = new bool[plan.Count];
    private TrackerCluster? cluster;
    private Func<bool> over = () => false;

    /// <summary>
    /// Starts the faults on <paramref name="target"/> once its job is submitted (a fault before that would hit a cluster
    /// with nothing to lose); <paramref name="jobOver"/> says when to stop.
    /// </summary>
    public void Start(TrackerCluster target, Func<bool> jobOver)
    {
        this.cluster = target;
        this.over = jobOver;
        for (var i = 0; i < plan.Count; i++)
        {
            if (plan[i].Kind is FaultKind.CrashWorker or FaultKind.CrashTaskTrackerNode or FaultKind.RestartProcessorTracker)
            {
                var index = i;
                _ = this.AtAsync(plan[i].At, () => this.Strike(index));
            }
        }
    }

    /// <inheritdoc />
    public DeliveryDecision Decide(Envelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var index = this.Due(f => f.Kind is FaultKind.DropMessage or FaultKind.DuplicateMessage or FaultKind.DelayMessage
            && Same(f.Node, envelope.From) && Same(f.Peer, envelope.To));
        if (index < 0)
        {
            return DeliveryDecision.Deliver;
        }

        var fault = plan[index];
        log.Note($"{fault.Kind} {envelope.Message.GetType().Name} {envelope.From}->{envelope.To}{(fault.Delay is { } d ? $" by {d.TotalSeconds:0}s" : string.Empty)}");
        return fault.Kind switch
        {
            FaultKind.DropMessage => DeliveryDecision.Drop,
            FaultKind.DuplicateMessage => DeliveryDecision.Duplicate(),
            _ => DeliveryDecision.After(fault.Delay!.Value),
        };
    }

    /// <inheritdoc />
    public bool CrashHere(string node, CrashPoint point)
    {
        var index = this.Due(f => f.Kind == FaultKind.CrashInsideHandler && f.Point == point && Same(f.Node, node));
        if (index < 0)
        {
            return false;
        }

        log.Note($"crash {node} at {point}");
        this.ScheduleRestart(plan[index]);
        return true;
    }

    // The first unused fault whose moment has come and that matches; marked used. Plain fields: Coyote runs one operation at a time.
    private int Due(Func<PlannedFault, bool> matches)
    {
        if (this.cluster is null || this.over())
        {
            return -1;
        }

        var now = clock.GetUtcNow() - this.start;
        for (var i = 0; i < plan.Count; i++)
        {
            if (!this.used[i] && plan[i].At <= now && matches(plan[i]))
            {
                this.used[i] = true;
                return i;
            }
        }

        return -1;
    }

    private void Strike(int index)
    {
        var fault = plan[index];
        var target = this.cluster!;
        if (this.over() || this.used[index])
        {
            return;
        }

        this.used[index] = true;
        switch (fault.Kind)
        {
            case FaultKind.RestartProcessorTracker:
                var instance = target.ProcessorTrackers().FirstOrDefault(p => Same(p.Node, fault.Node))?.InstanceId;
                if (instance is { } id && target.RestartProcessorTracker(fault.Node, id))
                {
                    log.Note($"restart the ProcessorTracker on {fault.Node}");
                }

                break;
            default:
                if (target.IsUp(fault.Node))
                {
                    log.Note($"crash {fault.Node}");
                    target.CrashNode(fault.Node, "crashed (nemesis)");
                    this.ScheduleRestart(fault);
                }

                break;
        }
    }

    private void ScheduleRestart(PlannedFault fault)
    {
        if (fault.RestartAfter is { } after)
        {
            _ = this.AtAsync(clock.GetUtcNow() - this.start + after, async () =>
            {
                if (!this.cluster!.IsUp(fault.Node))
                {
                    log.Recovery($"restart {fault.Node}");
                    await this.cluster.RestartNode(fault.Node);
                }
            });
        }
    }

    private async Task AtAsync(TimeSpan at, Action act) => await this.AtAsync(at, () => { act(); return Task.CompletedTask; });

    private async Task AtAsync(TimeSpan at, Func<Task> act)
    {
        var wait = at - (clock.GetUtcNow() - this.start);
        if (wait > TimeSpan.Zero)
        {
            // Not Task.Delay(wait, clock): the Coyote rewriter does not know that overload and would lose the continuation.
            await clock.DelayAsync(wait);
        }

        await act();
    }

    private static bool Same(string? a, string? b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
