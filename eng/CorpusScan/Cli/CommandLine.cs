using System.CommandLine;
using System.CommandLine.Invocation;

namespace TrackerRace.CorpusScan.Cli;

/// <summary>The command line: <c>scan &lt;corpus-dir&gt;... [options]</c>. Parse errors and bad input exit with 2.</summary>
public static class CommandLine
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var root = Build(output, error);
        var parsed = root.Parse(args);
        if (parsed.Action is ParseErrorAction)
        {
            foreach (var parseError in parsed.Errors)
            {
                error.WriteLine($"error: {parseError.Message}");
            }

            error.WriteLine("Run with --help for usage.");
            return ExitCodes.BadInput;
        }

        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false }, cancellationToken).ConfigureAwait(false);
        }
        catch (BadInputException e)
        {
            error.WriteLine($"error: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            error.WriteLine($"internal error (a bug in the corpus tool): {e}");
            return ExitCodes.InternalError;
        }
    }

    private static RootCommand Build(TextWriter output, TextWriter error)
    {
        var corpusDirectories = new Argument<string[]>("corpus-dir")
        {
            Description = "A folder of code bases (each immediate subfolder is one), or one code base: a folder holding .git, a COMMIT file, a .sln/.slnx or a .csproj. With none, the --manifest's rows.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        // Without this, a mistyped option would be read as a folder name and reported as a missing folder.
        corpusDirectories.Validators.Add(result =>
        {
            foreach (var token in result.Tokens.Where(t => t.Value.StartsWith('-')))
            {
                result.AddError($"Unrecognized option '{token.Value}'.");
            }
        });
        var analyzers = new Option<string>("--analyzers") { Description = "The rules: a TrackerRace.Analyzers .nupkg, a folder of analyzer dlls, or one dll. Default: the newest artifacts/packages/TrackerRace.Analyzers.*.nupkg of this repository.", HelpName = "path" };
        var manifest = new Option<string>("--manifest") { Description = "A corpus manifest (tab-separated: name, repo, commit, role, path, cs_files; a header line): names code bases and gives commits of folders that are not git work trees.", HelpName = "file.tsv" };
        var labels = new Option<string>("--labels") { Description = "Labelled findings (codebase, commit, file, line, rule, verdict, reason; tab-separated, a header line, # comments): prints precision and recall per rule.", HelpName = "file.tsv" };
        var writeUnlabelled = new Option<string>("--write-unlabelled") { Description = "Append the findings no label covers to this file as rows with verdict '?', for labelling.", HelpName = "file.tsv" };
        var sarif = new Option<string>("--sarif") { Description = "Write the findings as a SARIF 2.1.0 log.", HelpName = "out.sarif" };
        var allTiers = new Option<bool>("--all-tiers") { Description = "Count findings of every severity, not only Warning and Error (what a build shows)." };
        var measureBinding = new Option<bool>("--measure-binding") { Description = "Also time compilation.GetDiagnostics(), to compare the rules' cost with the compiler's, and count compiler errors." };
        var codeBase = new Option<string[]>("--codebase") { Description = "Scan only the code base with this name (repeatable).", HelpName = "name", Arity = ArgumentArity.OneOrMore, AllowMultipleArgumentsPerToken = false };
        var exclude = new Option<string[]>("--exclude") { Description = "Skip project and source files matching this glob, relative to the code base root, e.g. 'samples/**' (repeatable).", HelpName = "glob", Arity = ArgumentArity.OneOrMore, AllowMultipleArgumentsPerToken = false };
        var nugetPackages = new Option<string>("--nuget-packages") { Description = "The NuGet cache package references are read from (never restored into). Default: $NUGET_PACKAGES or ~/.nuget/packages.", HelpName = "folder" };

        var scan = new Command("scan", "Scan third-party C# code bases with the packaged TrackerRace rules, in memory (nothing is built or emitted), and report findings, costs and precision.");
        scan.Arguments.Add(corpusDirectories);
        foreach (var option in new Option[] { analyzers, manifest, labels, writeUnlabelled, sarif, allTiers, measureBinding, codeBase, exclude, nugetPackages })
        {
            scan.Options.Add(option);
        }

        scan.SetAction((parse, cancellationToken) =>
        {
            var settings = new ScanSettings
            {
                AllTiers = parse.GetValue(allTiers),
                MeasureBinding = parse.GetValue(measureBinding),
                Exclude = parse.GetValue(exclude) ?? [],
            };
            var request = new ScanRequest
            {
                CorpusDirectories = parse.GetValue(corpusDirectories) ?? [],
                Analyzers = parse.GetValue(analyzers),
                Manifest = parse.GetValue(manifest),
                Labels = parse.GetValue(labels),
                WriteUnlabelled = parse.GetValue(writeUnlabelled),
                Sarif = parse.GetValue(sarif),
                CodeBases = parse.GetValue(codeBase) ?? [],
                Settings = parse.GetValue(nugetPackages) is { } packages ? settings with { NuGetPackages = packages } : settings,
            };
            return ScanCommand.RunAsync(request, output, error, cancellationToken);
        });

        var root = new RootCommand("TrackerRace corpus tool: measures the TrackerRace rules on third-party code bases (eng/CorpusScan/README.md).");
        root.Subcommands.Add(scan);
        root.Subcommands.Add(MutantsCommandOf(output, error));
        return root;
    }

    // The injected-bug benchmark: correct guards of real code removed one at a time (eng/corpus/mutants.tsv).
    private static Command MutantsCommandOf(TextWriter output, TextWriter error)
    {
        var mutants = new Option<string>(TrackerRace.CorpusScan.Mutants.MutantFile.Option) { Description = "The mutants (tab-separated: id, codebase, file, kind, find, replace, reason; \\n, \\t, \\\\ escapes).", HelpName = "file.tsv", Required = true };
        var manifest = new Option<string>("--manifest") { Description = "The corpus manifest that locates each code base's sources.", HelpName = "file.tsv", Required = true };
        var analyzers = new Option<string>("--analyzers") { Description = "The rules: a .nupkg, a folder of analyzer dlls, or one dll. Default: the newest artifacts/packages/TrackerRace.Analyzers.*.nupkg.", HelpName = "path" };
        var codeBase = new Option<string[]>("--codebase") { Description = "Only the mutants of this code base (repeatable).", HelpName = "name", Arity = ArgumentArity.OneOrMore, AllowMultipleArgumentsPerToken = false };
        var id = new Option<string[]>("--id") { Description = "Only this mutant (repeatable).", HelpName = "id", Arity = ArgumentArity.OneOrMore, AllowMultipleArgumentsPerToken = false };
        var verbose = new Option<bool>("--verbose") { Description = "Print the message of every new finding." };
        var nugetPackages = new Option<string>("--nuget-packages") { Description = "The NuGet cache package references are read from. Default: $NUGET_PACKAGES or ~/.nuget/packages.", HelpName = "folder" };
        var command = new Command("mutants", "The injected-bug benchmark: remove each correct guard of the mutants file from its real code base, and print recall at Warning on the mutants and the Warning rate on the originals.");
        foreach (var option in new Option[] { mutants, manifest, analyzers, codeBase, id, verbose, nugetPackages })
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, cancellationToken) =>
        {
            var request = new MutantsRequest
            {
                Mutants = parse.GetValue(mutants),
                Manifest = parse.GetValue(manifest),
                Analyzers = parse.GetValue(analyzers),
                CodeBases = parse.GetValue(codeBase) ?? [],
                Ids = parse.GetValue(id) ?? [],
                Verbose = parse.GetValue(verbose),
            };
            return MutantsCommand.RunAsync(parse.GetValue(nugetPackages) is { } packages ? request with { NuGetPackages = packages } : request, output, error, cancellationToken);
        });
        return command;
    }
}
