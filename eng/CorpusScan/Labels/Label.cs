namespace TrackerRace.CorpusScan.Labels;

/// <summary>One row of a labels file; <see cref="SourceLine"/> is its line in that file, for messages.</summary>
public sealed record Label(int SourceLine, string CodeBase, string Commit, string File, int Line, string Rule, Verdict Verdict, string Reason)
{
    public (string CodeBase, string File, string Rule, int Line) Key => (CodeBase, File, Rule, Line);
}
