namespace TrackerRace.Runtime.Policies;

/// <summary>
/// The seed write-up's option 1 done naively (the reporter's <c>hasAnyPendingTasks()</c>): re-check
/// the ProcessorTracker's own pool just before destroying. It is still racy on purpose: OMS_LAST_TASK
/// waits in the TaskTracker's table, which this check cannot see, so the IDLE report still fails it.
/// Kept as a negative control for the Coyote harness and the analyzers.
/// </summary>
public sealed class LocalRecheckIdlePolicy : IIdlePolicy
{
    /// <inheritdoc />
    public string Name => "LocalRecheck";

    /// <inheritdoc />
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "TRK003:Check-then-teardown is not atomic", Justification = "The naive option-1 fix, racy on purpose: the local snapshot cannot see OMS_LAST_TASK in the TaskTracker's table. DogfoodTests pins that TRK003 finds it.")]
    public Task<IdleDecision> DecideAsync(IIdleContext context, CancellationToken cancellationToken) =>
        Task.FromResult(context.HasLocalPendingWork ? IdleDecision.KeepAlive : IdleDecision.ReportIdleAndDestroy);
}
