using TrackerRace.CorpusScan.Analysis;
using TrackerRace.CorpusScan.Corpus;
using TrackerRace.CorpusScan.Labels;
using TrackerRace.CorpusScan.Reporting;

namespace TrackerRace.CorpusScan.Cli;

/// <summary>
/// Runs a <see cref="ScanRequest"/>: checks every input before the slow part (so a typo in a labels
/// file fails in a second, not after an hour of scanning), scans, and writes the reports.
/// </summary>
public static class ScanCommand
{
    public static async Task<int> RunAsync(ScanRequest request, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var manifest = request.Manifest is { } manifestPath ? Manifest.Read(manifestPath) : Manifest.Empty;
        var codeBases = CodeBaseLocator.Locate(request.CorpusDirectories, manifest, request.CodeBases);
        var labels = request.Labels is { } labelsPath ? LabelFile.Read(labelsPath) : null;
        RequireFolderFor("--sarif", request.Sarif);
        RequireFolderFor(UnlabelledRows.Option, request.WriteUnlabelled);
        if (request.Settings.NuGetPackages.Length == 0)
        {
            throw new BadInputException("--nuget-packages: give a folder.");
        }

        var analyzerPath = request.Analyzers ?? AnalyzerSet.DefaultPackage([Environment.CurrentDirectory, AppContext.BaseDirectory]);
        using var analyzers = AnalyzerSet.Load(analyzerPath);
        if (codeBases.Count == 0)
        {
            error.WriteLine("warning: no code bases found under the given folders.");
        }

        var result = await Scanner.ScanAsync(codeBases, analyzers, request.Settings, error, cancellationToken).ConfigureAwait(false);
        ConsoleReport.WriteFindings(output, result);
        ConsoleReport.WriteProjects(output, result);
        ConsoleReport.WriteSummary(output, result);

        if (request.Sarif is { } sarif)
        {
            SarifLog.Write(sarif, result);
            output.WriteLine($"SARIF: {sarif}");
        }

        var unlabelled = result.Findings;
        if (labels is not null)
        {
            var evaluation = LabelEvaluation.Evaluate(result.Findings, labels, codeBases, result.RuleIds);
            ConsoleReport.WriteLabels(output, request.Labels!, evaluation);
            foreach (var warning in evaluation.Warnings)
            {
                error.WriteLine($"warning: {warning}");
            }

            unlabelled = evaluation.Unlabelled;
        }

        if (request.WriteUnlabelled is { } unlabelledPath)
        {
            var added = UnlabelledRows.Append(unlabelledPath, unlabelled);
            output.WriteLine($"{UnlabelledRows.Option}: {added} row(s) with verdict '?' appended to {unlabelledPath}");
        }

        return ExitCodes.Ok;
    }

    private static void RequireFolderFor(string option, string? file)
    {
        if (file is not null && Path.GetDirectoryName(Path.GetFullPath(file)) is { } folder && !Directory.Exists(folder))
        {
            throw new BadInputException($"{option}: folder '{folder}' does not exist.");
        }
    }
}
