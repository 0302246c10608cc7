using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace TrackerRace.Analyzers.Tests.Verification;

/// <summary>An analyzer test that runs every TrackerRace rule at once over .NET 8 plus the annotations.</summary>
internal sealed class AllRulesTest : CSharpAnalyzerTest<TeardownIgnoresPendingWorkAnalyzer, DefaultVerifier>
{
    public AllRulesTest(string source)
    {
        this.TestCode = source;
        this.ReferenceAssemblies = ReferenceAssemblies.Net.Net80;
        this.TestState.AdditionalReferences.Add(typeof(Annotations.PendingWorkAttribute).Assembly);
    }

    protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() => Rules();

    /// <summary>One instance of every analyzer the analyzer assembly ships.</summary>
    public static IEnumerable<DiagnosticAnalyzer> Rules() =>
        typeof(TeardownIgnoresPendingWorkAnalyzer).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t))
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!);
}
