using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace TrackerRace.Analyzers.Tests.Verification;

/// <summary>
/// Runs analyzers over code that does not compile and collects every exception they throw. Whatever
/// they report on such code is fine; a throw would be AD0001 in every build of every user.
/// </summary>
internal static class BrokenCode
{
    public static Task<IReadOnlyList<string>> AnalyzerExceptionsAsync(string source) => AnalyzerExceptionsAsync(source, AllRules());

    public static async Task<IReadOnlyList<string>> AnalyzerExceptionsAsync(string source, ImmutableArray<DiagnosticAnalyzer> analyzers)
    {
        var references = await ReferenceAssemblies.Net.Net80.ResolveAsync(LanguageNames.CSharp, CancellationToken.None);
        var compilation = CSharpCompilation.Create(
            "Broken",
            [CSharpSyntaxTree.ParseText(source)],
            references.Add(MetadataReference.CreateFromFile(typeof(Annotations.PendingWorkAttribute).Assembly.Location)),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var thrown = new List<string>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions([]),
            onAnalyzerException: (exception, analyzer, _) => thrown.Add($"{analyzer.GetType().Name}: {exception}"),
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: false);
        var diagnostics = await compilation.WithAnalyzers(analyzers, options).GetAnalyzerDiagnosticsAsync();
        thrown.AddRange(diagnostics.Where(d => d.Id == "AD0001").Select(d => d.ToString()));
        return thrown;
    }

    // Every rule the analyzer assembly ships, so that a new one is never left out.
    private static ImmutableArray<DiagnosticAnalyzer> AllRules() => [.. AllRulesTest.Rules()];
}
