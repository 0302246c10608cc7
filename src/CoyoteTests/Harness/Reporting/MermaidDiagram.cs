using System.Globalization;
using System.Text;

namespace TrackerRace.Coyote.Reporting;

/// <summary>A timeline as a Mermaid <c>sequenceDiagram</c>: hand-offs as arrows, everything else as notes over its actor.</summary>
public static class MermaidDiagram
{
    /// <summary>The diagram's source; paste it into any Mermaid viewer (GitHub renders it in Markdown).</summary>
    public static string Format(IReadOnlyList<TimelineEvent> events)
    {
        var text = new StringBuilder().AppendLine("sequenceDiagram");
        foreach (var actor in events.SelectMany(e => e.Target is null ? [e.Actor] : new[] { e.Actor, e.Target }).Distinct())
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"    participant {Id(actor)} as {Escape(actor)}");
        }

        foreach (var e in events)
        {
            var line = string.Create(CultureInfo.InvariantCulture, $"t={e.At.TotalSeconds:0.000}s {Escape(e.Text)}");
            text.AppendLine(e.Target is null
                ? $"    Note over {Id(e.Actor)}: {line}"
                : $"    {Id(e.Actor)}->>{Id(e.Target)}: {line}");
        }

        return text.ToString();
    }

    // Mermaid identifiers: letters, digits and underscores.
    private static string Id(string actor)
    {
        var id = new StringBuilder("a_");
        foreach (var c in actor)
        {
            id.Append(char.IsLetterOrDigit(c) ? c : '_');
        }

        return id.ToString();
    }

    // ";" ends a Mermaid statement and "#" starts an entity code.
    private static string Escape(string text) => text.Replace(";", ",", StringComparison.Ordinal).Replace("#", "no.", StringComparison.Ordinal);
}
