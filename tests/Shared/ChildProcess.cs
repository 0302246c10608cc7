using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text;

namespace TrackerRace.TestSupport;

/// <summary>
/// A real process a test starts (<c>dotnet app.dll args</c>), reads as it writes, signals and waits for, always within a
/// bound: past it the process is killed and the test fails saying what it waited for and what the process printed.
/// </summary>
internal sealed class ChildProcess : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(3);
    private readonly Process process;
    private readonly StringBuilder printed = new();

    private ChildProcess(Process process)
    {
        this.process = process;
        process.OutputDataReceived += (_, e) => this.Add(e.Data);
        process.ErrorDataReceived += (_, e) => this.Add(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Id => this.process.Id;

    public bool HasExited => this.process.HasExited;

    /// <summary>Both pipes so far, in the order the lines arrived.</summary>
    public string Printed
    {
        get
        {
            lock (this.printed)
            {
                return this.printed.ToString();
            }
        }
    }

    /// <summary>The path a test project recorded with <c>AssemblyMetadata</c> under <paramref name="key"/> (see the project file).</summary>
    public static string RecordedPath(Assembly tests, string key) =>
        tests.GetCustomAttributes<AssemblyMetadataAttribute>().SingleOrDefault(a => a.Key == key)?.Value is { Length: > 0 } path
            ? path
            : throw new InvalidOperationException($"the test project did not record '{key}' (an AssemblyMetadata item its project file adds)");

    public static ChildProcess Start(string assembly, params string[] args)
    {
        if (!File.Exists(assembly))
        {
            throw new FileNotFoundException($"the program to start was not built: {assembly}", assembly);
        }

        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(assembly);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["COYOTE_CLI_TELEMETRY_OPTOUT"] = "1";
        return new ChildProcess(Process.Start(info) ?? throw new InvalidOperationException($"could not start dotnet {assembly}"));
    }

    /// <summary>Sends a POSIX signal (INT, TERM) with kill(1).</summary>
    public void Signal(string name) => Run("kill", $"-{name}", this.Id.ToString(CultureInfo.InvariantCulture));

    /// <summary>Runs a short system command (kill, mount, chattr) to its end; throws with its stderr if it fails.</summary>
    public static void Run(string command, params string[] args)
    {
        var info = new ProcessStartInfo(command) { RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {command}");
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{command} {string.Join(' ', args)} exited {process.ExitCode}: {error}");
        }
    }

    /// <summary>SIGKILL (on Unix), as a crash would end it: no handler, no flush.</summary>
    public void Kill()
    {
        this.process.Kill(entireProcessTree: true);
        this.process.WaitForExit();
    }

    /// <summary>Polls for <paramref name="condition"/> (never a fixed sleep: it goes on as soon as it holds).</summary>
    public async Task Until(Func<bool> condition, string what)
    {
        var limit = Stopwatch.StartNew();
        while (!condition())
        {
            if (limit.Elapsed > Bound)
            {
                Assert.Fail($"no {what} within {Bound.TotalMinutes} minutes; the process printed:\n{this.Printed}");
            }

            if (this.process.HasExited && !condition())
            {
                this.process.WaitForExit();
                if (!condition())
                {
                    Assert.Fail($"the process exited ({this.process.ExitCode}) before {what}; it printed:\n{this.Printed}");
                }
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Waits (within the bound) for the process to end, then for its output to be read; its exit code.</summary>
    public async Task<int> Exit()
    {
        await this.Until(() => this.process.HasExited, "exit");
        this.process.WaitForExit();
        return this.process.ExitCode;
    }

    public void Dispose()
    {
        if (!this.process.HasExited)
        {
            this.process.Kill(entireProcessTree: true);
        }

        this.process.Dispose();
    }

    private void Add(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (this.printed)
        {
            this.printed.AppendLine(line);
        }
    }
}
