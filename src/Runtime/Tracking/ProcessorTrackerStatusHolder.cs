namespace TrackerRace.Runtime.Tracking;

/// <summary>The TaskTracker's table of every known node's ProcessorTracker status (PowerJob <c>ProcessorTrackerStatusHolder</c>).</summary>
internal sealed class ProcessorTrackerStatusHolder
{
    private readonly Dictionary<string, ProcessorTrackerStatus> statuses = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> order = [];

    public ProcessorTrackerStatusHolder(IEnumerable<string> addresses)
    {
        foreach (var address in addresses)
        {
            this.Get(address);
        }
    }

    public IReadOnlyList<string> Addresses => this.order;

    /// <summary>The status for <paramref name="address"/>, created on first use (a node PowerJob's WorkerDetector would add).</summary>
    public ProcessorTrackerStatus Get(string address)
    {
        if (!this.statuses.TryGetValue(address, out var status))
        {
            status = new ProcessorTrackerStatus(address);
            this.statuses.Add(address, status);
            this.order.Add(address);
        }

        return status;
    }

    public List<string> Available(long now, TrackerOptions options) =>
        this.order.Where(a => this.statuses[a].IsAvailable(now, options)).ToList();

    public List<string> TimedOut(long now, TrackerOptions options) =>
        this.order.Where(a => this.statuses[a].IsTimedOut(now, options)).ToList();

    /// <summary>PowerJob removes a lost tracker from the holder; the worker detector re-adds the node later. Here it comes back fresh at once.</summary>
    public void Reset(string address) => this.statuses[address] = new ProcessorTrackerStatus(address);
}
