namespace TrackerRace.TestSupport;

/// <summary>
/// A test that makes a file system misbehave for real (mounts a tiny or read-only tmpfs, marks a file immutable):
/// it needs Linux and root, and is skipped, saying so, elsewhere. CI runs as root on Linux.
/// </summary>
public sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute()
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
        {
            this.Skip = "needs Linux and root (mount, chattr) to make a file system full, read-only or a file immutable";
        }
    }
}
