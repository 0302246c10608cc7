using TrackerRace.Coyote;
using TrackerRace.Runtime.Transport;

namespace TrackerRace.Scenarios;

/// <summary>Counts every message the cluster sends for the <c>--profile</c> report, then lets <paramref name="inner"/> decide its fate.</summary>
internal sealed class CountingDelivery(IDeliveryPlan? inner, ExplorationContext context) : IDeliveryPlan
{
    /// <inheritdoc />
    public DeliveryDecision Decide(Envelope envelope)
    {
        context.Count("messages");
        return inner?.Decide(envelope) ?? DeliveryDecision.Deliver;
    }
}
