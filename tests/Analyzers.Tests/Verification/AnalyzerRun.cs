using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using TrackerRace.Annotations;

namespace TrackerRace.Analyzers.Tests.Verification;

/// <summary>
/// Runs analyzers over one file and hands back the diagnostics themselves, for what the verifier does not compare:
/// properties (the tier, the location labels) and the effective severity under given options and assembly names.
/// </summary>
internal static class AnalyzerRun
{
    public static async Task<ImmutableArray<Diagnostic>> DiagnosticsAsync(
        string source,
        IReadOnlyDictionary<string, string>? options = null,
        string assemblyName = "Worker",
        params DiagnosticAnalyzer[] analyzers)
    {
        var references = await ReferenceAssemblies.Net.Net80.ResolveAsync(LanguageNames.CSharp, CancellationToken.None);
        var tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest), path: "/0/Test0.cs");
        var compilation = CSharpCompilation.Create(
            assemblyName,
            [tree],
            references.Add(MetadataReference.CreateFromFile(typeof(PendingWorkAttribute).Assembly.Location)),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, "the snippet does not compile: " + string.Join("; ", errors));
        var analyzerOptions = new AnalyzerOptions([], new Options(options ?? new Dictionary<string, string>()));
        var all = await compilation.WithAnalyzers([.. analyzers], analyzerOptions).GetAnalyzerDiagnosticsAsync();
        return [.. all.OrderBy(d => d.Location.SourceSpan.Start)];
    }

    private sealed class Options(IReadOnlyDictionary<string, string> values) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } = new Values(values);

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => this.GlobalOptions;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => this.GlobalOptions;
    }

    private sealed class Values(IReadOnlyDictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
    }
}
