namespace TrackerRace.CorpusScan.Mutants;

/// <summary>
/// One injected bug: a correct teardown/dispatch site of a real code base and the smallest edit that removes its guard.
/// <paramref name="Find"/> occurs exactly once in the original file; the mutant is the file with it replaced by
/// <paramref name="Replace"/>.
/// </summary>
/// <param name="Id">Unique in the file, e.g. <c>nlog-3</c>.</param>
/// <param name="CodeBase">The manifest row that locates the sources.</param>
/// <param name="File">Relative to the code base root, forward slashes.</param>
/// <param name="Kind">The guard removed: drain, refuse, lock, idle, latch.</param>
/// <param name="Reason">What the guard protects, so a reader can check the mutant is a real bug.</param>
/// <param name="Line">The line of the mutants file, for messages.</param>
public sealed record Mutant(string Id, string CodeBase, string File, string Kind, string Find, string Replace, string Reason, int Line);
