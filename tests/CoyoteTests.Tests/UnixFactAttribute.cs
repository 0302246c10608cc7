namespace TrackerRace.CoyoteTests.Tests;

/// <summary>A test that sends POSIX signals to a real process: skipped, saying why, where there are none to send.</summary>
public sealed class UnixFactAttribute : FactAttribute
{
    public UnixFactAttribute()
    {
        if (OperatingSystem.IsWindows())
        {
            this.Skip = "sends SIGINT with kill(1), which Windows does not have";
        }
    }
}
