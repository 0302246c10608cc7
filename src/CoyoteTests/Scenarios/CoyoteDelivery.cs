using Microsoft.Coyote.Random;
using TrackerRace.Runtime.Transport;

namespace TrackerRace.Scenarios;

/// <summary>Each message arrives after a latency Coyote chooses, from 0 to <c>maxLatency</c>: delivery order and delays are part of the exploration.</summary>
public sealed class CoyoteDelivery(TimeSpan maxLatency) : IDeliveryPlan
{
    private readonly Generator random = Generator.Create();
    private readonly int maxMs = (int)maxLatency.TotalMilliseconds;

    /// <inheritdoc />
    public DeliveryDecision Decide(Envelope envelope)
    {
        var ms = this.maxMs > 0 ? this.random.NextInteger(this.maxMs + 1) : 0;
        return ms == 0 ? DeliveryDecision.Deliver : DeliveryDecision.After(TimeSpan.FromMilliseconds(ms));
    }
}
