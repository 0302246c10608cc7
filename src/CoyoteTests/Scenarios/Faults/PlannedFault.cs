using System.Globalization;
using TrackerRace.Runtime.Faults;

namespace TrackerRace.Scenarios.Faults;

/// <summary>
/// One fault of an iteration's plan, every value chosen by Coyote up front: what, when (virtual time from the start),
/// where, and for a crash when the node comes back (null: never).
/// </summary>
public sealed record PlannedFault(FaultKind Kind, TimeSpan At, string Node, string? Peer = null, CrashPoint? Point = null, TimeSpan? RestartAfter = null, TimeSpan? Delay = null)
{
    /// <inheritdoc />
    public override string ToString() => this.Kind switch
    {
        FaultKind.CrashWorker or FaultKind.CrashTaskTrackerNode => $"{this.Kind} {this.Node} at {Seconds(this.At)}, {Restart(this.RestartAfter)}",
        FaultKind.CrashInsideHandler => $"crash {this.Node} at {this.Point} after {Seconds(this.At)}, {Restart(this.RestartAfter)}",
        FaultKind.RestartProcessorTracker => $"restart the ProcessorTracker on {this.Node} at {Seconds(this.At)}",
        FaultKind.DelayMessage => $"delay by {Seconds(this.Delay ?? TimeSpan.Zero)} the next message {this.Node}->{this.Peer} after {Seconds(this.At)}",
        _ => $"{this.Kind} on the next message {this.Node}->{this.Peer} after {Seconds(this.At)}",
    };

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + "s";

    private static string Restart(TimeSpan? after) => after is { } t ? $"restarting {Seconds(t)} later" : "never restarting";
}
