using TrackerRace.Annotations;

namespace TrackerRace.Runtime.Policies;

/// <summary>
/// What a ProcessorTracker does once it has been idle for longer than
/// <see cref="TrackerOptions.MaxIdleTime"/>. The pre-5.1.1 behaviour and each fix of PowerJob #1033
/// are implementations; the ProcessorTracker itself has no policy branches.
/// </summary>
public interface IIdlePolicy
{
    /// <summary>A stable name, used on the command line and in reports.</summary>
    string Name { get; }

    /// <summary>Decides, inside the ProcessorTracker's checker run, whether it may tear itself down.</summary>
    Task<IdleDecision> DecideAsync(IIdleContext context, CancellationToken cancellationToken);
}

/// <summary>What the ProcessorTracker exposes to an <see cref="IIdlePolicy"/>.</summary>
public interface IIdleContext
{
    /// <summary>True if the ProcessorTracker runs on its TaskTracker's node (PowerJob compares the addresses case-insensitively).</summary>
    bool IsOnTaskTrackerNode { get; }

    /// <summary>True if the ProcessorTracker's own pool has running, queued or unsent work. It cannot see tasks waiting in the TaskTracker's table.</summary>
    /// <remarks>A snapshot: the TaskTracker dispatches without any guard this reader holds, so acting on it alone is check-then-act.</remarks>
    [PendingWork(IsSnapshot = true)]
    bool HasLocalPendingWork { get; }

    /// <summary>Asks the TaskTracker for permission to go; <see langword="null"/> if the ask timed out or was lost.</summary>
    /// <remarks>The TaskTracker answers with its task table in hand, in one mailbox step: the authoritative pending-work check.</remarks>
    [PendingWork]
    Task<Protocol.IdleVerdict?> RequestIdleAsync(CancellationToken cancellationToken);
}

/// <summary>The outcome of <see cref="IIdlePolicy.DecideAsync"/>.</summary>
public enum IdleDecision
{
    /// <summary>Stay alive and start counting idleness again.</summary>
    KeepAlive,

    /// <summary>PowerJob's behaviour: send an IDLE report to the TaskTracker (which fails every unfinished task addressed here), then destroy.</summary>
    [Teardown]
    ReportIdleAndDestroy,

    /// <summary>The TaskTracker already agreed; destroy without an IDLE report.</summary>
    [Teardown]
    DestroyApproved,
}
