namespace TrackerRace.Coyote;

/// <summary>
/// Looks up a Coyote 1.7.11 internal the harness reads by name (the clock's scheduler queries, the profile's schedule), so
/// that a Coyote without it fails at once with the member's name and the feature that needs it, never with wrong results.
/// </summary>
internal static class CoyoteInternal
{
    /// <summary>Returns <paramref name="member"/>, or throws naming <paramref name="name"/> and the <paramref name="feature"/> that needs it.</summary>
    public static T Need<T>(T? member, string name, string feature)
        where T : class =>
        member ?? throw new NotSupportedException($"TrackerRace.Coyote's {feature} needs Coyote {Time.CoyoteScheduler.SupportedVersion}'s internal {name}, which this Coyote lacks.");
}
