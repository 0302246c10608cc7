using System.Globalization;

namespace TrackerRace.CorpusScan.Mutants;

/// <summary>
/// The benchmark's figures: recall at Warning over the mutants (the bug a build must show), recall at any tier (what an
/// IDE shows), the share of originals on which a rule already warns (noise on correct code), each per guard kind.
/// </summary>
public static class MutantReport
{
    public static void Write(TextWriter output, IReadOnlyList<MutantOutcome> outcomes, bool verbose)
    {
        var idWidth = Math.Max(8, outcomes.Select(o => o.Mutant.Id.Length).DefaultIfEmpty(0).Max());
        output.WriteLine($"{"mutant".PadRight(idWidth)}  {"kind",-7} {"at Warning",-18} {"below Warning",-18} original");
        foreach (var outcome in outcomes)
        {
            output.WriteLine(
                $"{outcome.Mutant.Id.PadRight(idWidth)}  {outcome.Mutant.Kind,-7} {Rules(outcome.NewWarnings),-18} {Rules(outcome.NewSuggestions),-18} {(outcome.OriginalWarnings.Count == 0 ? "-" : "WARNS " + string.Join(",", outcome.OriginalWarnings.Distinct()))}");
            if (verbose)
            {
                foreach (var message in outcome.Messages)
                {
                    output.WriteLine($"    {message}");
                }
            }
        }

        output.WriteLine();
        var total = outcomes.Count;
        output.WriteLine($"recall at Warning: {Share(outcomes.Count(o => o.Caught), total)}; at any tier: {Share(outcomes.Count(o => o.CaughtAtAnyTier), total)}");
        output.WriteLine($"originals with a Warning in the mutated type: {Share(outcomes.Count(o => o.OriginalWarnings.Count > 0), total)}");
        foreach (var kind in MutantFile.Kinds)
        {
            var ofKind = outcomes.Where(o => o.Mutant.Kind == kind).ToList();
            if (ofKind.Count > 0)
            {
                output.WriteLine($"  {kind,-7} recall at Warning {Share(ofKind.Count(o => o.Caught), ofKind.Count)}, any tier {Share(ofKind.Count(o => o.CaughtAtAnyTier), ofKind.Count)}, originals warned {ofKind.Count(o => o.OriginalWarnings.Count > 0)}");
            }
        }

        var missed = outcomes.Where(o => !o.Caught).ToList();
        if (missed.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("missed at Warning (the guard each removes):");
            foreach (var outcome in missed)
            {
                output.WriteLine($"  {outcome.Mutant.Id}: {outcome.Mutant.File}: {outcome.Mutant.Reason}");
            }
        }
    }

    private static string Rules(IReadOnlyList<string> ids) => ids.Count == 0 ? "-" : string.Join(",", ids.Distinct());

    private static string Share(int part, int whole) =>
        whole == 0 ? "0 of 0" : string.Create(CultureInfo.InvariantCulture, $"{part} of {whole} ({100.0 * part / whole:0.0} %)");
}
