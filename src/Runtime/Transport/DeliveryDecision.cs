namespace TrackerRace.Runtime.Transport;

/// <summary>What the transport does with one message: how many copies arrive, and after how long.</summary>
public readonly record struct DeliveryDecision(int Copies, TimeSpan Delay)
{
    /// <summary>One copy, at once.</summary>
    public static DeliveryDecision Deliver { get; } = new(1, TimeSpan.Zero);

    /// <summary>No copy: the message is lost (an ask then times out).</summary>
    public static DeliveryDecision Drop { get; } = new(0, TimeSpan.Zero);

    /// <summary>One copy after <paramref name="delay"/>.</summary>
    public static DeliveryDecision After(TimeSpan delay) => new(1, delay);

    /// <summary>Two copies after <paramref name="delay"/> (at-least-once delivery).</summary>
    public static DeliveryDecision Duplicate(TimeSpan delay = default) => new(2, delay);
}
