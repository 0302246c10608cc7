using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using TrackerRace.CorpusScan.Corpus;
using TrackerRace.CorpusScan.Findings;

namespace TrackerRace.CorpusScan.Tests;

/// <summary>Tiers and labelled locations, on diagnostics shaped as the rules report them.</summary>
public sealed class FindingReaderTests
{
    // A descriptor made up for the test: release tracking (RS2008) is for analyzers that ship.
#pragma warning disable RS2008
    private static readonly DiagnosticDescriptor Rule = new("TRK001", "title", "message {0}", "Reliability", DiagnosticSeverity.Warning, isEnabledByDefault: true);
#pragma warning restore RS2008
    private static readonly CodeBase Beta = new("beta", "/corpus/beta", "c0ffee0", "COMMIT", Role: null);
    private static readonly SyntaxTree Tree = CSharpSyntaxTree.ParseText("class A\n{\n    void Stop() { }\n    void Add() { }\n}\n", path: "/corpus/beta/src/A.cs");

    private static Location Line(int line) => Location.Create(Tree, Tree.GetText().Lines[line - 1].Span);

    private static Diagnostic Diagnostic(DiagnosticSeverity severity, IEnumerable<Location> additional, params (string Key, string Value)[] properties) =>
        Microsoft.CodeAnalysis.Diagnostic.Create(Rule, Line(3), severity, additional, properties.ToImmutableDictionary(p => p.Key, p => (string?)p.Value), "x");

    [Theory]
    [InlineData(DiagnosticSeverity.Error, false, true)]
    [InlineData(DiagnosticSeverity.Warning, false, true)]
    [InlineData(DiagnosticSeverity.Info, false, false)]
    [InlineData(DiagnosticSeverity.Hidden, false, false)]
    [InlineData(DiagnosticSeverity.Info, true, true)]
    [InlineData(DiagnosticSeverity.Hidden, true, true)]
    public void Counts_what_a_build_shows_unless_all_tiers_are_asked_for(DiagnosticSeverity severity, bool allTiers, bool counted)
    {
        var diagnostic = Diagnostic(severity, [], ("Confidence", "heuristic"));

        Assert.Equal(counted, FindingReader.IsCounted(diagnostic, allTiers));
    }

    [Fact]
    public void Reads_the_tier_from_the_confidence_property()
    {
        var finding = FindingReader.Read(Diagnostic(DiagnosticSeverity.Info, [], ("Confidence", "heuristic")), Beta, "src/A.csproj");

        Assert.Equal("heuristic", finding.Tier);
        Assert.Equal(DiagnosticSeverity.Info, finding.Severity);
        Assert.Equal(new SourcePosition("src/A.cs", 3, 1, 3, 20), finding.Position);
    }

    [Fact]
    public void Pairs_location_labels_with_additional_locations_in_order_and_calls_the_rest_see()
    {
        var diagnostic = Diagnostic(DiagnosticSeverity.Warning, [Line(3), Line(4), Line(1)], ("LocationLabels", "teardown;work added"));

        var finding = FindingReader.Read(diagnostic, Beta, "src/A.csproj");

        Assert.Equal(
            [("teardown", "src/A.cs", 3), ("work added", "src/A.cs", 4), ("see", "src/A.cs", 1)],
            finding.Related.Select(r => (r.Label, r.Position.Path, r.Position.Line)).ToArray());
        Assert.Null(finding.Tier);
    }

    [Fact]
    public void Leaves_out_diagnostics_of_other_analyzers()
    {
        var crash = Microsoft.CodeAnalysis.Diagnostic.Create(new DiagnosticDescriptor("AD0001", "t", "m", "c", DiagnosticSeverity.Warning, true), Location.None);

        Assert.False(FindingReader.IsCounted(crash, allTiers: true));
    }
}
