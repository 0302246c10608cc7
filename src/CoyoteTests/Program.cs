using TrackerRace.CoyoteTests.Cli;

// No network at run time: Coyote's telemetry is off here and in every configuration the harness builds.
Environment.SetEnvironmentVariable("COYOTE_CLI_TELEMETRY_OPTOUT", "1");
return await CommandLine.RunAsync(args, Console.Out, Console.Error);
