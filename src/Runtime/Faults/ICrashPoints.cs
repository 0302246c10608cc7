namespace TrackerRace.Runtime.Faults;

/// <summary>
/// Decides, each time the runtime reaches a <see cref="CrashPoint"/>, whether the node crashes right there (the hook for
/// a fault injector such as a systematic tester's nemesis; production passes none). A crash is what
/// <see cref="TrackerCluster.CrashNode"/> does, taken at that instant: the rest of the handler never runs.
/// </summary>
public interface ICrashPoints
{
    /// <summary>True to crash <paramref name="node"/> at <paramref name="point"/>.</summary>
    bool CrashHere(string node, CrashPoint point);
}
