namespace TrackerRace.CoyoteTests.Tests;

/// <summary>An exploration's iteration count: a default for the test command, raised by an environment variable for nightly runs.</summary>
internal static class IterationBudget
{
    /// <summary><paramref name="variable"/>'s value if set (1 to 10,000,000, or a clear error), otherwise <paramref name="fallback"/>.</summary>
    public static int FromEnvironment(string variable, int fallback)
    {
        var text = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 10_000_000
            ? n
            : throw new InvalidOperationException($"Environment variable {variable} expects an integer from 1 to 10000000 (was '{text}').");
    }
}
