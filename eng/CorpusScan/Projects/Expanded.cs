namespace TrackerRace.CorpusScan.Projects;

/// <summary>
/// A value after property expansion. <see cref="Complete"/> is false when some part (an item list,
/// a property function this reader does not know) could not be evaluated, so callers can count
/// what they skipped instead of acting on a half-evaluated path.
/// </summary>
public readonly record struct Expanded(string Text, bool Complete)
{
    public static Expanded Unknown { get; } = new("", false);
}
