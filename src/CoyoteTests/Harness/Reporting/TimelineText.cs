using System.Globalization;
using System.Text;

namespace TrackerRace.Coyote.Reporting;

/// <summary>A timeline as text, one event per line: <c>t=  12.500s pool      shut down while 1 item was queued</c>.</summary>
public static class TimelineText
{
    /// <summary>Every event, or the last <paramref name="limit"/> with a line saying how many came before.</summary>
    public static string Format(IReadOnlyList<TimelineEvent> events, int? limit = null)
    {
        var text = new StringBuilder();
        var skip = limit is { } most && events.Count > most ? events.Count - most : 0;
        if (skip > 0)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  ... {skip} earlier event(s) in the timeline file");
        }

        var width = Math.Max(8, events.Skip(skip).Select(e => e.Actor.Length).DefaultIfEmpty(0).Max());
        foreach (var e in events.Skip(skip))
        {
            var arrow = e.Target is null ? string.Empty : $"-> {e.Target}: ";
            text.AppendLine(CultureInfo.InvariantCulture, $"t={e.At.TotalSeconds,9:0.000}s {e.Actor.PadRight(width)} {arrow}{e.Text}");
        }

        return text.ToString();
    }
}
