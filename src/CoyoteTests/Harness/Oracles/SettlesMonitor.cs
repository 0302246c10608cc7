using CoyoteMonitor = Microsoft.Coyote.Specifications.Monitor;

namespace TrackerRace.Coyote.Oracles;

/// <summary>
/// The liveness half of <see cref="Eventually"/>: hot while any expectation is open. An iteration that ends hot is a
/// liveness bug: something the test expected to happen never did.
/// </summary>
internal sealed class SettlesMonitor : CoyoteMonitor
{
    private readonly HashSet<string> open = new(StringComparer.Ordinal);

    [Start]
    [Cold]
    [OnEventDoAction(typeof(Expected), nameof(OnExpected))]
    [OnEventDoAction(typeof(Met), nameof(OnMet))]
    private sealed class Settled : State
    {
    }

    [Hot]
    [OnEventDoAction(typeof(Expected), nameof(OnExpected))]
    [OnEventDoAction(typeof(Met), nameof(OnMet))]
    private sealed class Unsettled : State
    {
    }

    private void OnExpected(Event e)
    {
        this.open.Add(((Expected)e).What);
        this.RaiseGotoStateEvent<Unsettled>();
    }

    private void OnMet(Event e)
    {
        this.open.Remove(((Met)e).What);
        if (this.open.Count == 0)
        {
            this.RaiseGotoStateEvent<Settled>();
        }
    }

    internal sealed class Expected(string what) : Event
    {
        public string What { get; } = what;
    }

    internal sealed class Met(string what) : Event
    {
        public string What { get; } = what;
    }
}
