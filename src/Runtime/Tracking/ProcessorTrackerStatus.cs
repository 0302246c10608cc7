using TrackerRace.Runtime.Protocol;

namespace TrackerRace.Runtime.Tracking;

/// <summary>
/// The TaskTracker's view of one node's ProcessorTracker (PowerJob <c>ProcessorTrackerStatus</c>):
/// heartbeat time, queue length, and whether it was ever dispatched to and ever heard from.
/// </summary>
internal sealed class ProcessorTrackerStatus
{
    public ProcessorTrackerStatus(string address) => this.Address = address;

    public string Address { get; }

    public long LastActiveTime { get; private set; } = -1;

    public long RemainTaskCount { get; private set; }

    public bool Dispatched { get; private set; }

    /// <summary>When it was last dispatched to after a time it had nothing (-1: not dispatched to).</summary>
    public long DispatchedSince { get; private set; } = -1;

    /// <summary>Tasks addressed to it and not finished, as the last status check counted them: the queue it works through.</summary>
    public int Queued { get; set; }

    public bool Connected { get; private set; }

    /// <summary>The incarnation last heard from (0: none yet).</summary>
    public int Incarnation { get; private set; }

    /// <summary>
    /// Heartbeats must be checked against the tasks sent here, because the incarnation changed (or the TaskTracker
    /// restarted and cannot know which incarnation holds what). Cleared once a check finds nothing left to judge.
    /// </summary>
    public bool MustReconcile { get; set; }

    /// <summary>Applies a heartbeat or idle report; a report not newer than the last one is ignored (it arrived late).</summary>
    public void Update(ProcessorTrackerStatusReport report)
    {
        if (report.Time <= this.LastActiveTime)
        {
            return;
        }

        this.LastActiveTime = report.Time;
        this.RemainTaskCount = report.RemainTaskCount;
        this.SeeIncarnation(report.Incarnation);

        this.MarkDispatched(report.Time);
        this.Connected = true;
    }

    /// <summary>
    /// A restarted TaskTracker found tasks it had sent here: the tracker may still hold them, so it is treated as heard
    /// from now, and only a heartbeat timeout from now on makes it lost.
    /// </summary>
    public void AssumeAlive(long now)
    {
        this.LastActiveTime = Math.Max(this.LastActiveTime, now);
        this.MarkDispatched(now);
        this.Connected = true;
        this.MustReconcile = true;
    }

    /// <summary>Tasks were sent to it: from now on it must be heard from.</summary>
    public void MarkDispatched(long now)
    {
        if (!this.Dispatched)
        {
            this.Dispatched = true;
            this.DispatchedSince = now;
        }
    }

    /// <summary>It has nothing of the instance any more (idle approved, or reported IDLE): silence is no longer suspicious.</summary>
    public void ClearDispatched()
    {
        this.Dispatched = false;
        this.DispatchedSince = -1;
    }

    /// <summary>Notes which incarnation spoke (a heartbeat or a task report); a change means the one before may have died holding tasks.</summary>
    public void SeeIncarnation(int incarnation)
    {
        if (incarnation != 0 && incarnation != this.Incarnation)
        {
            this.MustReconcile |= this.Incarnation != 0;
            this.Incarnation = incarnation;
        }
    }

    /// <summary>PowerJob <c>available()</c>: never dispatched, or connected, fresh and not overloaded.</summary>
    public bool IsAvailable(long now, TrackerOptions options) =>
        !this.Dispatched
        || (this.Connected && !this.IsTimedOut(now, options) && this.RemainTaskCount < options.DispatchThreshold);

    /// <summary>
    /// PowerJob <c>isTimeout()</c>: dispatched and silent for longer than the heartbeat timeout, which grows with its
    /// queue (<see cref="TrackerOptions.TimeoutPerQueuedTask"/>). Silence counts from its last report or from when it
    /// was dispatched to, whichever is later: PowerJob counts from the last report only, so a tracker dispatched to and
    /// not heard from yet (last active -1), or dispatched to again after a quiet spell, is lost at the next check, and
    /// under load its tasks run twice. <see cref="TrackerOptions.UnheardTrackersTimeOutAtOnce"/> keeps PowerJob's rule.
    /// </summary>
    public bool IsTimedOut(long now, TrackerOptions options)
    {
        if (!this.Dispatched)
        {
            return false;
        }

        var silentSince = options.UnheardTrackersTimeOutAtOnce ? this.LastActiveTime : Math.Max(this.LastActiveTime, this.DispatchedSince);
        return now - silentSince > (long)options.TimeoutFor(options.HeartbeatTimeout, this.Queued).TotalMilliseconds;
    }
}
