namespace TrackerRace.CoyoteTests.Cli;

/// <summary>
/// Checks <c>--out</c> and <c>--json</c> before anything is explored: a long run must not find out at its end, with its
/// findings in memory, that it has nowhere to write them.
/// </summary>
public static class OutputPaths
{
    /// <summary>Throws <see cref="ArgumentException"/> (exit 2) naming the option if <paramref name="options"/>' outputs cannot be written.</summary>
    public static void Check(CommandLineOptions options, bool writesFolder)
    {
        if (writesFolder)
        {
            CheckFolder(options.OutputDirectory);
        }

        if (options.JsonReport is { } json)
        {
            CheckFile(json);
        }
    }

    private static void CheckFolder(string folder)
    {
        if (string.IsNullOrWhiteSpace(folder))
        {
            throw new ArgumentException("Option --out expects a folder to write traces to (was empty).");
        }

        if (File.Exists(folder))
        {
            throw new ArgumentException($"Option --out expects a folder, but '{folder}' is a file. Give a folder (it is created if missing).");
        }

        var probe = Path.Combine(folder, $".trackerrace-probe-{Environment.ProcessId}");
        Attempt("--out", folder, "a folder it can create and write to", () =>
        {
            Directory.CreateDirectory(folder);
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        });
    }

    private static void CheckFile(string file)
    {
        if (string.IsNullOrWhiteSpace(file))
        {
            throw new ArgumentException("Option --json expects a file to write the report to (was empty).");
        }

        if (Directory.Exists(file))
        {
            throw new ArgumentException($"Option --json expects a file, but '{file}' is a folder.");
        }

        var existed = File.Exists(file);
        Attempt("--json", file, "a file it can write (an existing one is replaced at the end)", () =>
        {
            if (Path.GetDirectoryName(Path.GetFullPath(file)) is { } folder)
            {
                Directory.CreateDirectory(folder);
            }

            // Opened for writing without truncating: an existing report stays as it is until this run's replaces it.
            using (new FileStream(file, FileMode.OpenOrCreate, FileAccess.Write, FileShare.ReadWrite))
            {
            }

            if (!existed)
            {
                File.Delete(file);
            }
        });
    }

    private static void Attempt(string option, string path, string expected, Action write)
    {
        try
        {
            write();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new ArgumentException($"Option {option} expects {expected}; '{path}' cannot be written: {e.Message}", e);
        }
    }
}
