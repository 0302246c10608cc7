namespace TrackerRace.TestSupport;

/// <summary>A test that sends POSIX signals or needs Unix file semantics: skipped, saying why, where there are none to send.</summary>
public sealed class UnixFactAttribute : FactAttribute
{
    public UnixFactAttribute()
    {
        if (OperatingSystem.IsWindows())
        {
            this.Skip = "needs POSIX signals (kill(1)) and Unix file semantics, which Windows does not have";
        }
    }
}
