using TrackerRace.CorpusScan.Corpus;

namespace TrackerRace.CorpusScan.Mutants;

/// <summary>A mutant checked against its sources: the original and mutated texts and where the edit starts.</summary>
public sealed record PreparedMutant(Mutant Mutant, ManifestEntry Entry, string Path, string Original, string Mutated, int Offset);
