namespace TrackerRace.CorpusScan.Cli;

/// <summary>The tool's exit codes. 1 is kept for a findings check (none exists yet), so scripts can tell it from bad input.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int FindingsCheckFailed = 1;
    public const int BadInput = 2;

    /// <summary>The tool itself failed (a bug); the exception is printed.</summary>
    public const int InternalError = 3;
}
