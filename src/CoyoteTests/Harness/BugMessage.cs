namespace TrackerRace.Coyote;

/// <summary>
/// A failure's words without its stack trace: what tells two bugs apart. The same oracle failing in two iterations gives
/// stack traces that differ in frames the JIT inlined or not, so the full text would count one bug many times.
/// </summary>
internal static class BugMessage
{
    public static string Of(string report) => string.Join(
        "\n",
        report.ReplaceLineEndings("\n").Split('\n')
            .Where(line => !line.TrimStart().StartsWith("at ", StringComparison.Ordinal) && !line.TrimStart().StartsWith("--- End of", StringComparison.Ordinal))
            .Select(line => line.TrimEnd())
            .Where(line => line.Length > 0));
}
