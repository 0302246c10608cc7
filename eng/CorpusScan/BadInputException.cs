namespace TrackerRace.CorpusScan;

/// <summary>
/// Input the tool cannot work with (a missing folder, an unreadable package, a malformed labels row).
/// The message names the option or file and line, because the person fixing it has only the console.
/// The command line maps it to exit code 2.
/// </summary>
public sealed class BadInputException(string message) : Exception(message);
