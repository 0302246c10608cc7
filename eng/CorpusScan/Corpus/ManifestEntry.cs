namespace TrackerRace.CorpusScan.Corpus;

/// <summary>One row of a corpus manifest: <c>name repo commit role path cs_files</c>.</summary>
/// <param name="FullPath">The row's path resolved against the manifest's folder.</param>
public sealed record ManifestEntry(string Name, string Repo, string Commit, string Role, string FullPath, int? CsFiles);
