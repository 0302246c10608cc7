namespace TrackerRace.CorpusScan.Projects;

/// <summary>A <c>PackageReference</c> with the version the project or central package management gives it (null if none).</summary>
public sealed record PackageRef(string Id, string? Version);
