namespace TrackerRace.CoyoteTests.Cli;

/// <summary>What the command line's exit code means; documented in the README and in <c>--help</c>.</summary>
public static class ExitCodes
{
    /// <summary>The command did its job (explore and sweep report bugs as findings, not as failures).</summary>
    public const int Success = 0;

    /// <summary><c>replay</c>: the trace did not reproduce a bug.</summary>
    public const int NotReproduced = 1;

    /// <summary>Bad input: an unknown option or command, a value out of range, a missing or foreign trace file.</summary>
    public const int BadInput = 2;

    /// <summary>The build is not fit to explore: an assembly is not rewritten, or Coyote is not the supported version.</summary>
    public const int NotExplorable = 3;

    /// <summary><c>explore</c> was stopped by Ctrl-C or SIGTERM; the rows, JSON and traces so far were written (128 + SIGINT, as shells report it).</summary>
    public const int Interrupted = 130;

    /// <summary>The text <c>--help</c> shows.</summary>
    public const string Help = "Exit codes: 0 done (bugs found by explore are results, not errors), 1 replay did not reproduce, 2 bad input, 3 assemblies not rewritten or unsupported Coyote, 130 explore interrupted (Ctrl-C; what it found so far is printed and written).";
}
