namespace TrackerRace.Runtime.Faults;

/// <summary>Unwinds a handler whose node crashed at a <see cref="CrashPoint"/>: the remaining steps belong to a dead process.</summary>
internal sealed class NodeCrashedException(string node, CrashPoint point)
    : Exception($"node {node} crashed at {point}")
{
    public string Node { get; } = node;
}
