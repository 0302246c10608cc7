using Microsoft.CodeAnalysis;

namespace TrackerRace.CorpusScan.Findings;

/// <summary>One diagnostic of our rules in a code base, with the explanation its additional locations give.</summary>
/// <param name="Tier">The diagnostic's <c>Confidence</c> property (<c>declared</c>, <c>evidence</c>, <c>heuristic</c>), if it has one.</param>
public sealed record Finding(
    string CodeBase,
    string Commit,
    string Project,
    string RuleId,
    DiagnosticSeverity Severity,
    string? Tier,
    string Message,
    SourcePosition Position,
    IReadOnlyList<RelatedPosition> Related)
{
    /// <summary>How a finding meets a label: code base, file, rule and line.</summary>
    public (string CodeBase, string File, string Rule, int Line) Key => (CodeBase, Position.Path, RuleId, Position.Line);
}
