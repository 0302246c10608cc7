using System.Globalization;
using System.Text;
using TrackerRace.CoyoteTests.Time;
using TrackerRace.Runtime.Diagnostics;

namespace TrackerRace.CoyoteTests.Tracing;

/// <summary>Writes a failing interleaving for people: a timeline in virtual time, and a Mermaid sequence diagram.</summary>
public static class TimelineFormatter
{
    /// <summary>One line per step: "t=146.013s TT@n0 all sub-tasks finished: OMS_LAST_TASK created ...".</summary>
    public static string Timeline(IEnumerable<TrackerEvent> events)
    {
        var text = new StringBuilder();
        foreach (var e in events)
        {
            text.Append(CultureInfo.InvariantCulture, $"t={Seconds(e),8:0.000}s {Actor(e),-9} {e.Detail}").AppendLine();
        }

        return text.ToString();
    }

    /// <summary>The same steps as a Mermaid <c>sequenceDiagram</c>: messages as arrows, local steps as notes.</summary>
    public static string Mermaid(IEnumerable<TrackerEvent> events)
    {
        var list = events.ToList();
        var text = new StringBuilder().AppendLine("sequenceDiagram");
        foreach (var actor in list.Select(Actor).Distinct())
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"    participant {Id(actor)} as {Escape(actor)}");
        }

        var taskTracker = list.Where(e => e.Component == "TT").Select(Actor).FirstOrDefault();
        foreach (var e in list)
        {
            var at = string.Create(CultureInfo.InvariantCulture, $"t={Seconds(e):0.000}s ");
            var detail = Escape(e.Detail);
            var target = e.Kind == TrackerEventKind.TaskDispatched ? Receiver(list, e) : null;
            if (target is not null)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"    {Id(Actor(e))}->>{Id(target)}: {at}{detail}");
            }
            else if (e.Kind is TrackerEventKind.IdleReported or TrackerEventKind.IdleRequested && taskTracker is not null)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"    {Id(Actor(e))}-)" + $"{Id(taskTracker)}: {at}{detail}");
            }
            else
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"    Note over {Id(Actor(e))}: {at}{detail}");
            }
        }

        return text.ToString();
    }

    private static double Seconds(TrackerEvent e) => (e.Time - VirtualClock.Origin).TotalSeconds;

    private static string Actor(TrackerEvent e) => $"{e.Component}@{e.Node}";

    // The ProcessorTracker incarnation that received the dispatched task, or the node if none did yet.
    private static string? Receiver(List<TrackerEvent> events, TrackerEvent dispatch)
    {
        var node = dispatch.Detail.Split("PT@").LastOrDefault();
        var received = events.FirstOrDefault(e => e.Time >= dispatch.Time && e.TaskId == dispatch.TaskId && e.Kind is TrackerEventKind.TaskReceived or TrackerEventKind.TaskRejected && e.Node == node);
        return received is null ? null : Actor(received);
    }

    private static string Id(string actor) => actor.Replace("#", "_", StringComparison.Ordinal).Replace("@", "_at_", StringComparison.Ordinal);

    private static string Escape(string text) => text.Replace(";", ",", StringComparison.Ordinal).Replace("#", "no.", StringComparison.Ordinal);
}
