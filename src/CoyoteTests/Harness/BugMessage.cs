namespace TrackerRace.Coyote;

/// <summary>
/// A failure's words without its stack trace: what tells two bugs apart. The same oracle failing in two iterations gives
/// stack traces that differ in frames the JIT inlined or not, so the full text would count one bug many times; and the
/// same bug met with other chosen values names other numbers.
/// </summary>
public static partial class BugMessage
{
    /// <summary>
    /// What makes two failures the same bug: the words without the numbers an iteration chose (a job named map-135s
    /// and one named map-140s failing the same way are one bug). Distinct bugs are counted by this.
    /// </summary>
    public static string Signature(string message) => Digits().Replace(message, "#");

    [System.Text.RegularExpressions.GeneratedRegex(@"\d+(\.\d+)?")]
    private static partial System.Text.RegularExpressions.Regex Digits();

    /// <summary>The failure's words without its stack trace.</summary>
    public static string Of(string report) => string.Join(
        "\n",
        report.ReplaceLineEndings("\n").Split('\n')
            .Where(line => !line.TrimStart().StartsWith("at ", StringComparison.Ordinal) && !line.TrimStart().StartsWith("--- End of", StringComparison.Ordinal))
            .Select(line => line.TrimEnd())
            .Where(line => line.Length > 0));
}
