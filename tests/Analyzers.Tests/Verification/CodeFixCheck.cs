using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using TrackerRace.Annotations;

namespace TrackerRace.Analyzers.Tests.Verification;

/// <summary>Runs a code fix (and its Fix All) over a snippet, against the same references as <see cref="AnalyzerCheck{TAnalyzer}"/>.</summary>
internal static class CodeFixCheck<TAnalyzer, TCodeFix>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    public static DiagnosticResult Diagnostic(string id) => CSharpCodeFixVerifier<TAnalyzer, TCodeFix, DefaultVerifier>.Diagnostic(id);

    public static async Task VerifyAsync(string before, string after, string? equivalenceKey, params DiagnosticResult[] expected)
    {
        var test = new CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
        {
            TestCode = before,
            FixedCode = after,
            ReferenceAssemblies = ReferenceAssemblies.Net.Net80,
            CodeActionEquivalenceKey = equivalenceKey,
        };
        test.TestState.AdditionalReferences.Add(typeof(PendingWorkAttribute).Assembly);
        test.FixedState.AdditionalReferences.Add(typeof(PendingWorkAttribute).Assembly);
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync();
    }
}
