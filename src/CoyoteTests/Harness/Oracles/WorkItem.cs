namespace TrackerRace.Coyote.Oracles;

/// <summary>One item of work as the ledger saw it: what happened to it, how often it completed, why it failed.</summary>
public sealed record WorkItem(string Id, WorkItemState State, bool WasDelivered, int Completions, string? FailureReason, TimeSpan AcceptedAt);
