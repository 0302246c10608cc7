using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using TrackerRace.CorpusScan.Analysis;
using TrackerRace.CorpusScan.Compiling;
using TrackerRace.CorpusScan.Corpus;
using TrackerRace.CorpusScan.Projects;

namespace TrackerRace.CorpusScan.Mutants;

/// <summary>
/// Applies each mutant to its real file and runs the rules on the original and on the mutant, in the same compilation
/// of the project that holds the file, so the only difference the rules see is the removed guard.
/// </summary>
public static class MutantRunner
{
    /// <summary>
    /// Checks every row against the sources first (code base known and on disk, file present, <c>find</c> there exactly once,
    /// the mutant parses as well as the original): a wrong row fails in a second, naming its id, not after the slow part.
    /// </summary>
    public static IReadOnlyList<PreparedMutant> Prepare(IReadOnlyList<Mutant> mutants, Manifest manifest)
    {
        var prepared = new List<PreparedMutant>();
        foreach (var mutant in mutants)
        {
            var where = $"{MutantFile.Option} line {mutant.Line} ({mutant.Id})";
            var entry = manifest.Entries.FirstOrDefault(e => string.Equals(e.Name, mutant.CodeBase, StringComparison.Ordinal))
                ?? throw new BadInputException($"{where}: code base '{mutant.CodeBase}' is not in the manifest.");
            if (!Directory.Exists(entry.FullPath))
            {
                throw new BadInputException($"{where}: the sources of '{mutant.CodeBase}' are not at '{entry.FullPath}'; run `bash eng/corpus/fetch.sh` first.");
            }

            var path = Path.Combine(entry.FullPath, mutant.File);
            if (!File.Exists(path))
            {
                throw new BadInputException($"{where}: file '{mutant.File}' is not in '{entry.FullPath}' (is the code base at commit {entry.Commit}?).");
            }

            // Line endings differ between checkouts; the rules do not care, the match must not either.
            var original = File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal);
            var at = original.IndexOf(mutant.Find, StringComparison.Ordinal);
            if (at < 0)
            {
                throw new BadInputException($"{where}: 'find' does not occur in '{mutant.File}'.");
            }

            if (original.IndexOf(mutant.Find, at + 1, StringComparison.Ordinal) >= 0)
            {
                throw new BadInputException($"{where}: 'find' occurs more than once in '{mutant.File}'; make it longer so it names one place.");
            }

            var mutated = string.Concat(original.AsSpan(0, at), mutant.Replace, original.AsSpan(at + mutant.Find.Length));
            var before = SyntaxErrors(original);
            var after = SyntaxErrors(mutated);
            if (after > before)
            {
                throw new BadInputException($"{where}: the mutant of '{mutant.File}' does not parse ({after - before} new syntax error(s)); a mutant must be code a compiler accepts.");
            }

            prepared.Add(new PreparedMutant(mutant, entry, path, original, mutated, at));
        }

        return prepared;
    }

    public static async Task<IReadOnlyList<MutantOutcome>> RunAsync(
        IReadOnlyList<PreparedMutant> mutants, AnalyzerSet analyzers, string nugetPackages, TextWriter? progress, CancellationToken cancellationToken)
    {
        var packages = new NuGetCache(nugetPackages);
        var compilers = new Dictionary<string, ProjectCompiler>(StringComparer.Ordinal);
        var outcomes = new List<MutantOutcome>();
        foreach (var (mutant, index) in mutants.Select((m, i) => (m, i + 1)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            progress?.WriteLine($"[{index}/{mutants.Count}] {mutant.Mutant.Id} {mutant.Mutant.File}");
            if (!compilers.TryGetValue(mutant.Entry.Name, out var compiler))
            {
                compiler = new ProjectCompiler(packages, _ => false);
                compilers[mutant.Entry.Name] = compiler;
            }

            var (project, compilation, tree) = Compile(compiler, mutant);
            var parse = (CSharpParseOptions)tree.Options;
            var originalTree = CSharpSyntaxTree.ParseText(SourceText.From(mutant.Original, System.Text.Encoding.UTF8), parse, tree.FilePath, cancellationToken);
            var mutantTree = CSharpSyntaxTree.ParseText(SourceText.From(mutant.Mutated, System.Text.Encoding.UTF8), parse, tree.FilePath, cancellationToken);
            var original = await FindingsInTypeAsync(compilation.ReplaceSyntaxTree(tree, originalTree), originalTree, mutant.Offset, analyzers, cancellationToken).ConfigureAwait(false);
            var mutated = await FindingsInTypeAsync(compilation.ReplaceSyntaxTree(tree, mutantTree), mutantTree, mutant.Offset, analyzers, cancellationToken).ConfigureAwait(false);
            outcomes.Add(new MutantOutcome(
                mutant.Mutant,
                FindingReaderPath(project, mutant.Entry.FullPath),
                original.Where(IsWarning).Select(d => d.Id).ToList(),
                Added(original.Where(IsWarning), mutated.Where(IsWarning)),
                Added(original.Where(d => !IsWarning(d)), mutated.Where(d => !IsWarning(d))),
                mutated.Where(d => !original.Any(o => o.Id == d.Id && o.GetMessage(CultureInfo.InvariantCulture) == d.GetMessage(CultureInfo.InvariantCulture))).Select(d => $"{d.Id} {d.Severity}: {d.GetMessage(CultureInfo.InvariantCulture)}").ToList()));
        }

        return outcomes;
    }

    private static string FindingReaderPath(string project, string root) => Findings.FindingReader.RelativePath(project, root);

    private static bool IsWarning(Diagnostic diagnostic) => diagnostic.Severity >= DiagnosticSeverity.Warning;

    // Per rule, the occurrences the mutant has beyond the original's: a rule that warned before and warns once more caught it.
    private static List<string> Added(IEnumerable<Diagnostic> original, IEnumerable<Diagnostic> mutated)
    {
        var before = original.GroupBy(d => d.Id).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return mutated.GroupBy(d => d.Id)
            .SelectMany(g => Enumerable.Repeat(g.Key, Math.Max(0, g.Count() - before.GetValueOrDefault(g.Key))))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    // The project whose compilation holds the file: the nearest folder above it with a project file that includes it.
    private static (string Project, CSharpCompilation Compilation, SyntaxTree Tree) Compile(ProjectCompiler compiler, PreparedMutant mutant)
    {
        var full = Path.GetFullPath(mutant.Path);
        for (var folder = Path.GetDirectoryName(full); folder is not null && folder.StartsWith(mutant.Entry.FullPath, StringComparison.Ordinal); folder = Path.GetDirectoryName(folder))
        {
            foreach (var projectFile in Directory.EnumerateFiles(folder, "*.csproj").Order(StringComparer.Ordinal))
            {
                if (compiler.Compile(projectFile) is { } compiled
                    && compiled.Compilation.SyntaxTrees.FirstOrDefault(t => string.Equals(Path.GetFullPath(t.FilePath), full, StringComparison.Ordinal)) is { } tree)
                {
                    return (projectFile, compiled.Compilation, tree);
                }
            }
        }

        throw new BadInputException($"{MutantFile.Option} line {mutant.Mutant.Line} ({mutant.Mutant.Id}): no project above '{mutant.Mutant.File}' compiles it.");
    }

    // The rules' findings inside the type that holds the edit: the bug is the type's, and a finding elsewhere in the file
    // would not be about it.
    private static async Task<IReadOnlyList<Diagnostic>> FindingsInTypeAsync(
        Compilation compilation, SyntaxTree tree, int offset, AnalyzerSet analyzers, CancellationToken cancellationToken)
    {
        var root = await tree.GetRootAsync(cancellationToken).ConfigureAwait(false);
        var type = root.FindToken(offset).Parent?.AncestorsAndSelf().OfType<TypeDeclarationSyntax>().LastOrDefault(t => t.Span.Contains(offset))
            ?? root.FindToken(offset).Parent?.AncestorsAndSelf().OfType<TypeDeclarationSyntax>().FirstOrDefault();
        var span = type?.FullSpan ?? root.FullSpan;
        var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions([]), onAnalyzerException: null, concurrentAnalysis: true, logAnalyzerExecutionTime: false);
        var withAnalyzers = compilation.WithAnalyzers(analyzers.Analyzers, options);
        var model = compilation.GetSemanticModel(tree);
        var diagnostics = await withAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(model, filterSpan: null, cancellationToken).ConfigureAwait(false);
        return diagnostics.Where(d => d.Location.SourceTree == tree && span.Contains(d.Location.SourceSpan.Start) && d.Id.StartsWith("TRK", StringComparison.Ordinal)).ToList();
    }

    private static int SyntaxErrors(string text) =>
        CSharpSyntaxTree.ParseText(text, new CSharpParseOptions(LanguageVersion.Preview)).GetDiagnostics().Count(d => d.Severity == DiagnosticSeverity.Error);
}
