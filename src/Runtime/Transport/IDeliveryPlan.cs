namespace TrackerRace.Runtime.Transport;

/// <summary>Decides the fate of each message; the hook for fault injection and for a systematic tester's choices.</summary>
public interface IDeliveryPlan
{
    /// <summary>Called once per message, when it is sent.</summary>
    DeliveryDecision Decide(Envelope envelope);
}

/// <summary>Every message arrives once, at once: a healthy network.</summary>
public sealed class ReliableDelivery : IDeliveryPlan
{
    /// <summary>The shared instance.</summary>
    public static ReliableDelivery Instance { get; } = new();

    /// <inheritdoc />
    public DeliveryDecision Decide(Envelope envelope) => DeliveryDecision.Deliver;
}
