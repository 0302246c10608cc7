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

    protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() =>
    [
        new TeardownIgnoresPendingWorkAnalyzer(), new IdleDecidedByTimeAloneAnalyzer(), new CheckThenTeardownNotAtomicAnalyzer(),
        new DispatchAfterTeardownAnalyzer(), new UndeliveredWorkFailedAnalyzer(),
    ];
}
