namespace TrackerRace.CorpusScan.Findings;

/// <summary>One of a finding's additional locations with its label (<c>teardown</c>, <c>work added</c> ...), or <c>see</c> when unlabelled.</summary>
public sealed record RelatedPosition(string Label, SourcePosition Position);
