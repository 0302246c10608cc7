namespace TrackerRace.CorpusScan.Corpus;

/// <summary>One third-party code base: a folder of sources at a known commit.</summary>
/// <param name="Name">The name labels and reports use (the manifest's, else the folder's).</param>
/// <param name="Root">The full path; finding paths are relative to it.</param>
/// <param name="Commit">The commit the sources are at, or <c>unknown</c>.</param>
/// <param name="CommitSource">Where the commit came from: <c>git</c>, <c>COMMIT</c>, <c>manifest</c> or <c>none</c>.</param>
/// <param name="Role">The manifest's role (for example <c>tuning</c> or <c>validation</c>), if any.</param>
public sealed record CodeBase(string Name, string Root, string Commit, string CommitSource, string? Role)
{
    public const string UnknownCommit = "unknown";
}
