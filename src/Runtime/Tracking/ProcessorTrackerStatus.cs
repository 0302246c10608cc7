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

    public bool Dispatched { get; set; }

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

        this.Dispatched = true;
        this.Connected = true;
    }

    /// <summary>
    /// A restarted TaskTracker found tasks it had sent here: the tracker may still hold them, so it is treated as heard
    /// from now, and only a heartbeat timeout from now on makes it lost.
    /// </summary>
    public void AssumeAlive(long now)
    {
        this.LastActiveTime = Math.Max(this.LastActiveTime, now);
        this.Dispatched = true;
        this.Connected = true;
        this.MustReconcile = true;
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
    /// PowerJob <c>isTimeout()</c>: dispatched and silent for longer than the heartbeat timeout. As in
    /// PowerJob, a tracker dispatched to but not yet heard from (last active -1) counts as timed out.
    /// </summary>
    public bool IsTimedOut(long now, TrackerOptions options) =>
        this.Dispatched && now - this.LastActiveTime > (long)options.HeartbeatTimeout.TotalMilliseconds;
}
