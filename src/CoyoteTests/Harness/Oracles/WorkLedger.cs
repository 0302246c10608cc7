using Microsoft.Coyote.Specifications;
using TrackerRace.Coyote.Reporting;

namespace TrackerRace.Coyote.Oracles;

/// <summary>
/// The work a test hands to the system and what became of it. The test (or the component, through a hook it already
/// has) reports each step; the checks then say, in words a failure report can show, whether work was lost, failed
/// without ever being delivered (PowerJob #1033's shape) or completed twice. Every step is on the timeline.
/// </summary>
public sealed class WorkLedger
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, Entry> items = new(StringComparer.Ordinal);
    private readonly Timeline timeline;
    private readonly Func<TimeSpan> now;

    internal WorkLedger(Timeline timeline, Func<TimeSpan> now)
    {
        this.timeline = timeline;
        this.now = now;
    }

    /// <summary>Every item seen so far, in the order accepted.</summary>
    public IReadOnlyList<WorkItem> Items
    {
        get
        {
            lock (this.gate)
            {
                return [.. this.items.Values.OrderBy(e => e.Order).Select(e => e.Snapshot())];
            }
        }
    }

    /// <summary>
    /// The system accepted <paramref name="id"/>: it now owes a completion or a failure. Report it before handing the work
    /// in (the work may start before the call that hands it in returns) and <see cref="Refused"/> if the system says no.
    /// </summary>
    public void Accepted(string id, string by = "system")
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        lock (this.gate)
        {
            Specification.Assert(!this.items.ContainsKey(id), "Work '{0}' was accepted twice: give each item its own id.", id);
            this.items[id] = new Entry(id, this.items.Count, this.now());
        }

        this.timeline.Add("ledger", by, $"accepted {id}");
    }

    /// <summary><paramref name="id"/> reached <paramref name="to"/>, the component that will run it.</summary>
    public void Delivered(string id, string to)
    {
        this.Update(id, "delivered", e =>
        {
            e.Delivered = true;
            if (e.State == WorkItemState.Accepted)
            {
                e.State = WorkItemState.Delivered;
            }
        });
        this.timeline.Add("ledger", "system", $"delivered {id}", to);
    }

    /// <summary><paramref name="id"/> was done. A second completion of the same item fails at once.</summary>
    public void Completed(string id, string by = "system")
    {
        var completions = 0;
        this.Update(id, "completed", e =>
        {
            e.Completions++;
            e.State = WorkItemState.Completed;
            completions = e.Completions;
        });
        this.timeline.Add("ledger", by, $"completed {id}");
        Specification.Assert(completions == 1, "Work '{0}' completed {1} times: it must complete exactly once.", id, completions);
    }

    /// <summary><paramref name="id"/> was given up for <paramref name="reason"/>.</summary>
    public void Failed(string id, string reason, string by = "system")
    {
        this.Update(id, "failed", e =>
        {
            e.State = WorkItemState.Failed;
            e.FailureReason = reason;
        });
        this.timeline.Add("ledger", by, $"failed {id}: {reason}");
    }

    /// <summary>
    /// The system turned <paramref name="id"/> down when it was handed in, which is its right; a refusal after the item was
    /// delivered, completed or failed is a contradiction and fails at once.
    /// </summary>
    public void Refused(string id, string reason, string by = "system")
    {
        var before = WorkItemState.Accepted;
        this.Update(id, "refused", e =>
        {
            before = e.State;
            if (e.State == WorkItemState.Accepted)
            {
                e.State = WorkItemState.Refused;
                e.FailureReason = reason;
            }
        });
        this.timeline.Add("ledger", by, $"refused {id}: {reason}");
        Specification.Assert(before == WorkItemState.Accepted, "Work '{0}' was refused after it was {1}: a system refuses work only when it is handed in.", id, before.ToString().ToLowerInvariant());
    }

    /// <summary>Every accepted item was completed or failed with a reason: nothing vanished.</summary>
    public void AssertNoAcceptedWorkLost()
    {
        var lost = this.Items.Where(i => i.State is WorkItemState.Accepted or WorkItemState.Delivered).ToList();
        Specification.Assert(
            lost.Count == 0,
            "Accepted work was lost: {0} item(s) neither completed nor failed: {1}.",
            lost.Count,
            string.Join(", ", lost.Select(i => $"{i.Id} ({(i.WasDelivered ? "delivered" : "never delivered")}, accepted at {i.AcceptedAt.TotalSeconds:0.000}s)")));
    }

    /// <summary>No item failed that never reached a component: failing undelivered work with its component is the #1033 bug.</summary>
    public void AssertNothingFailedThatWasNeverDelivered()
    {
        var wrong = this.Items.Where(i => i.State == WorkItemState.Failed && !i.WasDelivered).ToList();
        Specification.Assert(
            wrong.Count == 0,
            "Work that was never delivered was failed: {0}. Undelivered work should be dispatched again, not failed with a component that never had it.",
            string.Join(", ", wrong.Select(i => $"{i.Id} (\"{i.FailureReason}\")")));
    }

    /// <summary>No item completed more than once.</summary>
    public void AssertExactlyOnceCompletion()
    {
        var twice = this.Items.Where(i => i.Completions > 1).ToList();
        Specification.Assert(twice.Count == 0, "Work completed more than once: {0}.", string.Join(", ", twice.Select(i => $"{i.Id} ({i.Completions} times)")));
    }

    /// <summary>All three checks.</summary>
    public void AssertAll()
    {
        this.AssertExactlyOnceCompletion();
        this.AssertNothingFailedThatWasNeverDelivered();
        this.AssertNoAcceptedWorkLost();
    }

    private void Update(string id, string step, Action<Entry> change)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        lock (this.gate)
        {
            Specification.Assert(this.items.ContainsKey(id), "Work '{0}' was {1} but never accepted: report Accepted first.", id, step);
            change(this.items[id]);
        }
    }

    private sealed class Entry(string id, int order, TimeSpan acceptedAt)
    {
        public int Order { get; } = order;

        public WorkItemState State { get; set; } = WorkItemState.Accepted;

        public bool Delivered { get; set; }

        public int Completions { get; set; }

        public string? FailureReason { get; set; }

        public WorkItem Snapshot() => new(id, this.State, this.Delivered, this.Completions, this.FailureReason, acceptedAt);
    }
}
