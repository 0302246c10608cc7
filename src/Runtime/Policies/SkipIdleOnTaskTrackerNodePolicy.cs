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
    public Task<IdleDecision> DecideAsync(IIdleContext context, CancellationToken cancellationToken) =>
        Task.FromResult(context.IsOnTaskTrackerNode ? IdleDecision.KeepAlive : IdleDecision.ReportIdleAndDestroy);
}
