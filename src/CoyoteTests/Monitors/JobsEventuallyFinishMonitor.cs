using CoyoteMonitor = Microsoft.Coyote.Specifications.Monitor;

namespace TrackerRace.CoyoteTests.Monitors;

/// <summary>
/// L1: every job eventually leaves Running. Hot while any started job is undecided; an iteration that
/// ends there is a liveness bug.
/// </summary>
internal sealed class JobsEventuallyFinishMonitor : CoyoteMonitor
{
    private int running;

    [Start]
    [Cold]
    [OnEventDoAction(typeof(JobStarted), nameof(OnStarted))]
    private sealed class NoJobRunning : State
    {
    }

    [Hot]
    [OnEventDoAction(typeof(JobStarted), nameof(OnStarted))]
    [OnEventDoAction(typeof(JobFinished), nameof(OnFinished))]
    private sealed class JobStillRunning : State
    {
    }

    private void OnStarted()
    {
        this.running++;
        this.RaiseGotoStateEvent<JobStillRunning>();
    }

    private void OnFinished()
    {
        this.running--;
        if (this.running == 0)
        {
            this.RaiseGotoStateEvent<NoJobRunning>();
        }
    }

    internal sealed class JobStarted : Event
    {
    }

    internal sealed class JobFinished : Event
    {
    }
}
