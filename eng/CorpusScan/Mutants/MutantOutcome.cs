namespace TrackerRace.CorpusScan.Mutants;

/// <summary>What the rules said about one mutant and its original, in the type the edit is in.</summary>
/// <param name="Project">The project compiled for it, relative to the code base.</param>
/// <param name="OriginalWarnings">Warning-or-Error findings in the original's type: a rule that warns on correct code.</param>
/// <param name="NewWarnings">Findings at Warning the mutant has and the original has not (rule ids, per occurrence).</param>
/// <param name="NewSuggestions">The same below Warning: what an IDE shows and a build does not.</param>
/// <param name="Messages">The messages of the new findings, for the report.</param>
public sealed record MutantOutcome(
    Mutant Mutant,
    string Project,
    IReadOnlyList<string> OriginalWarnings,
    IReadOnlyList<string> NewWarnings,
    IReadOnlyList<string> NewSuggestions,
    IReadOnlyList<string> Messages)
{
    public bool Caught => NewWarnings.Count > 0;

    public bool CaughtAtAnyTier => Caught || NewSuggestions.Count > 0;
}
