using TrackerRace.Runtime.Protocol;
using TrackerRace.Runtime.Transport;

namespace TrackerRace.Scenarios;

/// <summary>Loses every stop request (PowerJob's TaskTrackerStopInstanceReq is a tell); everything else goes through <paramref name="inner"/>.</summary>
public sealed class LoseStopRequests(IDeliveryPlan inner) : IDeliveryPlan
{
    /// <inheritdoc />
    public DeliveryDecision Decide(Envelope envelope) =>
        envelope.Message is StopInstance ? DeliveryDecision.Drop : inner.Decide(envelope);
}
