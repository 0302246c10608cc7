using System.Runtime.InteropServices;

namespace TrackerRace.CoyoteTests.Cli;

/// <summary>
/// The first Ctrl-C (SIGINT) or SIGTERM asks a long command to stop and write what it has; a second Ctrl-C ends the
/// process at once, as a user pressing it twice means.
/// </summary>
public sealed class Interruption : IDisposable
{
    private readonly CancellationTokenSource source = new();
    private readonly PosixSignalRegistration[] registrations;
    private readonly TextWriter error;

    public Interruption(TextWriter error)
    {
        this.error = error;
        this.registrations = [PosixSignalRegistration.Create(PosixSignal.SIGINT, this.Handle), PosixSignalRegistration.Create(PosixSignal.SIGTERM, this.Handle)];
    }

    /// <summary>Cancelled at the first signal.</summary>
    public CancellationToken Token => this.source.Token;

    /// <summary>True once a signal asked the command to stop.</summary>
    public bool Requested => this.source.IsCancellationRequested;

    public void Dispose()
    {
        foreach (var registration in this.registrations)
        {
            registration.Dispose();
        }

        this.source.Dispose();
    }

    private void Handle(PosixSignalContext context)
    {
        if (this.source.IsCancellationRequested)
        {
            return; // The second one: let the runtime end the process.
        }

        context.Cancel = true;
        this.error.WriteLine($"{Environment.NewLine}Interrupted ({context.Signal}): finishing the iterations running, then printing and writing what was found. Ctrl-C again quits at once.");
        this.source.Cancel();
    }
}
