using System.Text.Json;
using Microsoft.CodeAnalysis;
using TrackerRace.CorpusScan.Findings;

namespace TrackerRace.CorpusScan.Reporting;

/// <summary>
/// Writes a scan as SARIF 2.1.0: one run, the rules as the tool's rule table, each finding as a
/// result whose related locations carry the finding's labels. File URIs are relative to a base id
/// per code base (its name), so the log reads the same on any machine holding the corpus.
/// </summary>
public static class SarifLog
{
    public const string Schema = "https://json.schemastore.org/sarif-2.1.0.json";
    public const string ToolName = "TrackerRace.Analyzers";

    public static void Write(string path, ScanResult result)
    {
        using var stream = File.Create(path);
        Write(stream, result);
    }

    public static void Write(Stream stream, ScanResult result)
    {
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("$schema", Schema);
        json.WriteString("version", "2.1.0");
        json.WriteStartArray("runs");
        json.WriteStartObject();

        json.WriteStartObject("tool");
        json.WriteStartObject("driver");
        json.WriteString("name", ToolName);
        json.WriteString("version", result.AnalyzerVersion);
        json.WriteStartArray("rules");
        foreach (var rule in result.Rules)
        {
            json.WriteStartObject();
            json.WriteString("id", rule.Id);
            json.WriteString("name", rule.Title);
            WriteMessage(json, "shortDescription", rule.Title);
            WriteMessage(json, "fullDescription", rule.Description);
            json.WriteString("helpUri", rule.HelpUri);
            json.WriteStartObject("defaultConfiguration");
            json.WriteString("level", Level(rule.DefaultSeverity));
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();

        json.WriteStartObject("originalUriBaseIds");
        foreach (var codeBase in result.CodeBases)
        {
            json.WriteStartObject(codeBase.CodeBase.Name);
            json.WriteString("uri", new Uri(Path.TrimEndingDirectorySeparator(codeBase.CodeBase.Root) + "/").AbsoluteUri);
            json.WriteEndObject();
        }

        json.WriteEndObject();

        var ruleIndex = result.Rules.Select((r, i) => (r.Id, i)).ToDictionary(r => r.Id, r => r.i, StringComparer.Ordinal);
        json.WriteStartArray("results");
        foreach (var finding in result.Findings)
        {
            WriteResult(json, finding, ruleIndex);
        }

        json.WriteEndArray();

        json.WriteStartObject("properties");
        json.WriteString("analyzerSource", result.AnalyzerSource);
        json.WriteBoolean("allTiers", result.AllTiers);
        json.WriteEndObject();

        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteResult(Utf8JsonWriter json, Finding finding, Dictionary<string, int> ruleIndex)
    {
        json.WriteStartObject();
        json.WriteString("ruleId", finding.RuleId);
        if (ruleIndex.TryGetValue(finding.RuleId, out var index))
        {
            json.WriteNumber("ruleIndex", index);
        }

        json.WriteString("level", Level(finding.Severity));
        WriteMessage(json, "message", finding.Message);
        json.WriteStartArray("locations");
        json.WriteStartObject();
        WritePhysicalLocation(json, finding.CodeBase, finding.Position);
        json.WriteEndObject();
        json.WriteEndArray();

        if (finding.Related.Count > 0)
        {
            json.WriteStartArray("relatedLocations");
            foreach (var (related, id) in finding.Related.Select((r, i) => (r, i + 1)))
            {
                json.WriteStartObject();
                json.WriteNumber("id", id);
                WritePhysicalLocation(json, finding.CodeBase, related.Position);
                WriteMessage(json, "message", related.Label);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        json.WriteStartObject("properties");
        json.WriteString("codebase", finding.CodeBase);
        json.WriteString("commit", finding.Commit);
        json.WriteString("project", finding.Project);
        if (finding.Tier is { } tier)
        {
            json.WriteString("confidence", tier);
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WritePhysicalLocation(Utf8JsonWriter json, string codeBase, SourcePosition position)
    {
        json.WriteStartObject("physicalLocation");
        json.WriteStartObject("artifactLocation");
        json.WriteString("uri", string.Join('/', position.Path.Split('/').Select(Uri.EscapeDataString)));
        json.WriteString("uriBaseId", codeBase);
        json.WriteEndObject();
        json.WriteStartObject("region");
        json.WriteNumber("startLine", position.Line);
        json.WriteNumber("startColumn", position.Column);
        json.WriteNumber("endLine", position.EndLine);
        json.WriteNumber("endColumn", position.EndColumn);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteMessage(Utf8JsonWriter json, string name, string text)
    {
        json.WriteStartObject(name);
        json.WriteString("text", text);
        json.WriteEndObject();
    }

    public static string Level(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => "error",
        DiagnosticSeverity.Warning => "warning",
        DiagnosticSeverity.Info => "note",
        _ => "none",
    };
}
