using TrackerRace.CorpusScan.Analysis;
using TrackerRace.CorpusScan.Corpus;
using TrackerRace.CorpusScan.Mutants;

namespace TrackerRace.CorpusScan.Cli;

/// <summary>
/// <c>mutants</c>: the injected-bug benchmark. Every row of the mutants file is checked against the sources before any
/// compilation, then each mutant and its original are analysed and the recall figures printed.
/// </summary>
public static class MutantsCommand
{
    public static async Task<int> RunAsync(MutantsRequest request, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var manifest = Manifest.Read(request.Manifest ?? throw new BadInputException("--manifest: give the corpus manifest (eng/corpus/manifest.tsv)."));
        var all = MutantFile.Read(request.Mutants ?? throw new BadInputException($"{MutantFile.Option}: give the mutants file (eng/corpus/mutants.tsv)."));
        foreach (var name in request.CodeBases.Where(n => !all.Any(m => m.CodeBase == n)))
        {
            throw new BadInputException($"--codebase: no mutant of code base '{name}' in the mutants file.");
        }

        foreach (var id in request.Ids.Where(i => !all.Any(m => m.Id == i)))
        {
            throw new BadInputException($"--id: no mutant '{id}' in the mutants file.");
        }

        var chosen = all.Where(m => (request.CodeBases.Count == 0 || request.CodeBases.Contains(m.CodeBase)) && (request.Ids.Count == 0 || request.Ids.Contains(m.Id))).ToList();
        var prepared = MutantRunner.Prepare(chosen, manifest);
        using var analyzers = AnalyzerSet.Load(request.Analyzers ?? AnalyzerSet.DefaultPackage([Environment.CurrentDirectory, AppContext.BaseDirectory]));
        var outcomes = await MutantRunner.RunAsync(prepared, analyzers, request.NuGetPackages, error, cancellationToken).ConfigureAwait(false);
        output.WriteLine($"rules: {analyzers.Source} ({analyzers.Version})");
        MutantReport.Write(output, outcomes, request.Verbose);
        return ExitCodes.Ok;
    }
}
