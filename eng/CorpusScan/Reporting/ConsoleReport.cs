using System.Globalization;
using TrackerRace.CorpusScan.Findings;
using TrackerRace.CorpusScan.Labels;

namespace TrackerRace.CorpusScan.Reporting;

/// <summary>
/// The console report: each finding with its explanation, each project with what was missing,
/// then counts and times per code base. Columns are aligned for reading, not for parsing: the
/// SARIF log and the unlabelled rows are the machine-readable outputs.
/// </summary>
public static class ConsoleReport
{
    private const int ListedPerProject = 8;

    public static void WriteFindings(TextWriter output, ScanResult result)
    {
        output.WriteLine(Inv($"findings ({(result.AllTiers ? "every severity" : "Warning and Error; --all-tiers for every severity")}): {result.Findings.Count}"));
        foreach (var finding in result.Findings)
        {
            var tier = finding.Tier is { } t ? $"  [{t}]" : "";
            output.WriteLine(Inv($"{finding.CodeBase}  {finding.Position}  {finding.RuleId}{tier}  {finding.Message}"));
            foreach (var related in finding.Related)
            {
                output.WriteLine(Inv($"    {related.Label}: {related.Position.Path}:{related.Position.Line}"));
            }
        }

        output.WriteLine();
    }

    public static void WriteProjects(TextWriter output, ScanResult result)
    {
        foreach (var codeBase in result.CodeBases)
        {
            var role = codeBase.CodeBase.Role is { } r ? $", {r}" : "";
            output.WriteLine(Inv($"{codeBase.CodeBase.Name} ({codeBase.CodeBase.Root}; commit {codeBase.CodeBase.Commit} from {codeBase.CodeBase.CommitSource}{role}): {codeBase.Projects.Count} projects"));
            foreach (var project in codeBase.Projects)
            {
                var errors = project.CompilerErrors is { } e ? Inv($"  compiler errors {e}") + (project.FrequentErrors.Count > 0 ? Inv($" ({string.Join(", ", project.FrequentErrors)})") : "") : "";
                output.WriteLine(Inv($"  {project.Path}  files {project.Files}  findings {project.Findings}  missing packages {project.MissingPackages.Count}  unresolved items {project.UnresolvedItems}  unevaluated conditions {project.UnresolvedConditions}{errors}  analysis {Seconds(project.AnalysisTime)} s"));
                WriteList(output, "missing", project.MissingPackages);
                WriteList(output, "note", project.Notes);
                WriteList(output, "AD0001", project.AnalyzerCrashes.Select(c => c.Split('\n')[0].Trim()).ToList());
            }
        }

        output.WriteLine();
    }

    public static void WriteSummary(TextWriter output, ScanResult result)
    {
        var rules = result.RuleIds;
        output.WriteLine(Inv($"rules: {result.AnalyzerSource} (TrackerRace.Analyzers {result.AnalyzerVersion})"));
        var header = Inv($"{"codebase",-20} {"commit",-12} {"projects",8} {"files",7} {"missing pkgs",12} {"unresolved",10} {"AD0001",6} {"findings",8}") + string.Concat(rules.Select(r => Inv($" {r,7}")));
        output.WriteLine(header);
        foreach (var codeBase in result.CodeBases)
        {
            WriteCountRow(output, codeBase.CodeBase.Name, Short(codeBase.CodeBase.Commit), [codeBase], result);
        }

        WriteCountRow(output, "total", "", result.CodeBases, result);
        output.WriteLine();

        var measured = result.CodeBases.Any(c => c.BindingTime is not null);
        var names = result.RuleNames;
        output.WriteLine(Inv($"{"seconds",-20}") + string.Concat(names.Select(n => Inv($" {n,7}"))) + Inv($" {"rules",7} {"analysis",8}") + (measured ? Inv($" {"binding",8} {"rules/binding",13} {"errors",7}") : ""));
        foreach (var codeBase in result.CodeBases)
        {
            WriteTimeRow(output, codeBase.CodeBase.Name, [codeBase], names, measured);
        }

        WriteTimeRow(output, "total", result.CodeBases, names, measured);
        output.WriteLine("rules: the rules' own execution time (Roslyn telemetry, summed over threads); analysis: wall time to get the rules' diagnostics, binding included"
            + (measured ? "; binding: wall time of compilation.GetDiagnostics()" : "; --measure-binding adds the compiler's own time") + ".");
    }

    public static void WriteLabels(TextWriter output, string labelsPath, LabelEvaluation evaluation)
    {
        output.WriteLine();
        output.WriteLine(Inv($"labels: {labelsPath} (matched by code base, file, rule and line)"));
        output.WriteLine(Inv($"{"rule",-8} {"findings",8} {"true",6} {"false",6} {"unlabelled",10} {"precision",9} {"known true",10} {"reported",8} {"recall",7}"));
        foreach (var score in evaluation.Rules.Append(evaluation.Total))
        {
            output.WriteLine(Inv($"{score.Rule,-8} {score.Findings,8} {score.LabelledTrue,6} {score.LabelledFalse,6} {score.Unlabelled,10} {Ratio(score.Precision),9} {score.KnownTrue,10} {score.KnownTrueReported,8} {Ratio(score.Recall),7}"));
        }

        output.WriteLine("precision = true / (true + false) over this run's labelled findings; recall = known true findings still reported / known true findings of the scanned code bases.");
        if (evaluation.MissedTrue.Count > 0)
        {
            output.WriteLine(Inv($"missed true findings: {evaluation.MissedTrue.Count}"));
            foreach (var missed in evaluation.MissedTrue)
            {
                output.WriteLine(Inv($"  {missed.CodeBase}  {missed.File}:{missed.Line}  {missed.Rule}  ({missed.Reason})"));
            }
        }
    }

    public static string Ratio(double? value) => value is { } v ? v.ToString("0.00", CultureInfo.InvariantCulture) : "-";

    private static void WriteCountRow(TextWriter output, string name, string commit, IReadOnlyList<CodeBaseResult> codeBases, ScanResult result)
    {
        var names = codeBases.Select(c => c.CodeBase.Name).ToHashSet(StringComparer.Ordinal);
        var findings = result.Findings.Where(f => names.Contains(f.CodeBase)).ToList();
        var line = Inv($"{name,-20} {commit,-12} {codeBases.Sum(c => c.Projects.Count),8} {codeBases.Sum(c => c.Files),7} {codeBases.Sum(c => c.MissingPackages),12} {codeBases.Sum(c => c.UnresolvedItems),10} {codeBases.Sum(c => c.AnalyzerCrashes),6} {findings.Count,8}");
        output.WriteLine(line + string.Concat(result.RuleIds.Select(r => Inv($" {findings.Count(f => f.RuleId == r),7}"))));
    }

    private static void WriteTimeRow(TextWriter output, string name, IReadOnlyList<CodeBaseResult> codeBases, IReadOnlyList<string> ruleNames, bool measured)
    {
        var ruleTimes = ruleNames.Select(n => TimeSpan.FromTicks(codeBases.Sum(c => c.RuleTime(n).Ticks))).ToList();
        var rules = TimeSpan.FromTicks(ruleTimes.Sum(t => t.Ticks));
        var analysis = TimeSpan.FromTicks(codeBases.Sum(c => c.AnalysisTime.Ticks));
        var line = Inv($"{name,-20}") + string.Concat(ruleTimes.Select(t => Inv($" {Seconds(t),7}"))) + Inv($" {Seconds(rules),7} {Seconds(analysis),8}");
        if (measured)
        {
            var binding = TimeSpan.FromTicks(codeBases.Sum(c => c.BindingTime?.Ticks ?? 0));
            var share = binding > TimeSpan.Zero ? (rules / binding).ToString("0.0%", CultureInfo.InvariantCulture) : "-";
            line += Inv($" {Seconds(binding),8} {share,13} {codeBases.Sum(c => c.CompilerErrors ?? 0),7}");
        }

        output.WriteLine(line);
    }

    private static void WriteList(TextWriter output, string title, IReadOnlyList<string> items)
    {
        foreach (var item in items.Take(ListedPerProject))
        {
            output.WriteLine(Inv($"      {title}: {item}"));
        }

        if (items.Count > ListedPerProject)
        {
            output.WriteLine(Inv($"      {title}: ... and {items.Count - ListedPerProject} more"));
        }
    }

    private static string Short(string commit) => commit.Length > 12 ? commit[..12] : commit;

    private static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture);

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
