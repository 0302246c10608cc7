using TrackerRace.Runtime.Protocol;

namespace TrackerRace.Runtime.Transport;

/// <summary>A message in flight: who sent it, to whom, and whether the sender waits for a reply.</summary>
public sealed record Envelope(string From, string To, ITrackerMessage Message, bool IsAsk, long Sequence);
