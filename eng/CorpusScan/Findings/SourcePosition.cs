namespace TrackerRace.CorpusScan.Findings;

/// <summary>A place in a code base: a path relative to its root with forward slashes, 1-based line and column.</summary>
public sealed record SourcePosition(string Path, int Line, int Column, int EndLine, int EndColumn)
{
    public override string ToString() => $"{Path}:{Line}:{Column}";
}
