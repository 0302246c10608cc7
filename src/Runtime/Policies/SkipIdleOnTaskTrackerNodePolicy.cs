namespace TrackerRace.Runtime.Policies;

/// <summary>
/// PowerJob 5.1.1's fix (commit f44bd43d, <c>shouldDestroyWhenIdle</c>): the ProcessorTracker on the
/// TaskTracker's node never idles out, so OMS_LAST_TASK always finds it. Remote ProcessorTrackers keep
/// the old behaviour, which leaves residual race R1 (a task dispatched to a remote tracker whose
/// IDLE report is in flight).
/// </summary>
public sealed class SkipIdleOnTaskTrackerNodePolicy : IIdlePolicy
{
    /// <inheritdoc />
    public string Name => "SkipIdleOnTaskTrackerNode";

    /// <inheritdoc />
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "TRK001:Teardown ignores pending work", Justification = "PowerJob 5.1.1 as shipped: remote trackers still go idle by time alone, which is residual race R1 (reproduced by --scenario remote-idle-race). DogfoodTests pins that TRK001 finds it.")]
    public Task<IdleDecision> DecideAsync(IIdleContext context, CancellationToken cancellationToken) =>
        Task.FromResult(context.IsOnTaskTrackerNode ? IdleDecision.KeepAlive : IdleDecision.ReportIdleAndDestroy);
}
