namespace TrackerRace.Runtime.Diagnostics;

/// <summary>One protocol step, as a trace line: when, where, which component, what.</summary>
/// <param name="Time">The runtime clock's time.</param>
/// <param name="Node">The node the step happened on.</param>
/// <param name="Component">"TT", "PT#3" (an incarnation), or "net".</param>
/// <param name="Kind">The step.</param>
/// <param name="InstanceId">The job instance.</param>
/// <param name="TaskId">The task concerned, if any.</param>
/// <param name="Detail">A human-readable description.</param>
public sealed record TrackerEvent(
    DateTimeOffset Time,
    string Node,
    string Component,
    TrackerEventKind Kind,
    long InstanceId,
    string? TaskId,
    string Detail);
