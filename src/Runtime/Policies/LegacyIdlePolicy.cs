namespace TrackerRace.Runtime.Policies;

/// <summary>
/// PowerJob before 5.1.1: idle by time alone, report IDLE, destroy. The TaskTracker then fails every
/// unfinished task addressed to this node, including an OMS_LAST_TASK created but not yet
/// dispatched: the #1033 race. Kept as the reference bug.
/// </summary>
public sealed class LegacyIdlePolicy : IIdlePolicy
{
    /// <inheritdoc />
    public string Name => "Legacy";

    /// <inheritdoc />
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "TRK001:Teardown ignores pending work", Justification = "The reference bug (PowerJob #1033): idle by time alone. Kept to reproduce it; DogfoodTests pins that TRK001 finds it.")]
    public Task<IdleDecision> DecideAsync(IIdleContext context, CancellationToken cancellationToken) =>
        Task.FromResult(IdleDecision.ReportIdleAndDestroy);
}
