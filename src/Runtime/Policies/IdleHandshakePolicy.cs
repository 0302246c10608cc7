namespace TrackerRace.Runtime.Policies;

/// <summary>
/// Option 1 done right: the ProcessorTracker asks, and the TaskTracker answers atomically with the
/// table in hand, refusing while any unfinished task is addressed to this node. Nothing is failed on
/// idle any more, which closes #1033 and, for remote trackers, residual race R1. A task addressed
/// here after an approval reaches a fresh incarnation or, in the destroy window (R2), is recovered by
/// the unacknowledged-dispatch timeout.
/// </summary>
public sealed class IdleHandshakePolicy : IIdlePolicy
{
    /// <inheritdoc />
    public string Name => "IdleHandshake";

    /// <inheritdoc />
    public async Task<IdleDecision> DecideAsync(IIdleContext context, CancellationToken cancellationToken)
    {
        if (context.HasLocalPendingWork)
        {
            return IdleDecision.KeepAlive;
        }

        var verdict = await context.RequestIdleAsync(cancellationToken);

        // A lost or timed-out answer means "not approved": staying alive is always safe.
        return verdict is { Approved: true } ? IdleDecision.DestroyApproved : IdleDecision.KeepAlive;
    }
}
