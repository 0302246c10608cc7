namespace TrackerRace.Runtime.Processing;

/// <summary>
/// A node's ProcessorTrackers, keyed by (instance, TaskTracker address) as PowerJob's
/// <c>ProcessorTrackerManager</c> is since the split-brain fix for #12. At most one incarnation per key.
/// </summary>
internal sealed class ProcessorTrackerRegistry
{
    private readonly object gate = new();
    private readonly Dictionary<(long InstanceId, string TaskTrackerAddress), ProcessorTracker> trackers = new();
    private bool closed;

    /// <summary>
    /// The registered incarnation for the key, or a new one from <paramref name="create"/> (PowerJob's lazy creation);
    /// null once the node has crashed (<see cref="Close"/>), however late the start request that asks.
    /// </summary>
    public ProcessorTracker? GetOrCreate(long instanceId, string taskTrackerAddress, Func<ProcessorTracker> create, out bool created)
    {
        var key = (instanceId, taskTrackerAddress.ToLowerInvariant());
        lock (this.gate)
        {
            if (this.closed)
            {
                created = false;
                return null;
            }

            if (this.trackers.TryGetValue(key, out var existing))
            {
                created = false;
                return existing;
            }

            var tracker = create();
            this.trackers.Add(key, tracker);
            created = true;
            return tracker;
        }
    }

    /// <summary>PowerJob <c>removeProcessorTracker(instanceId)</c>: removes every tracker of the instance on this node and returns them.</summary>
    public IReadOnlyList<ProcessorTracker> RemoveAll(long instanceId)
    {
        lock (this.gate)
        {
            var removed = this.trackers.Where(p => p.Key.InstanceId == instanceId).ToList();
            foreach (var pair in removed)
            {
                this.trackers.Remove(pair.Key);
            }

            return removed.Select(p => p.Value).ToList();
        }
    }

    /// <summary>
    /// The node crashed: removes and returns every tracker, and creates none from now on. A start request being delivered
    /// at the moment of the crash would otherwise create a tracker on the dead node that nobody ever stops.
    /// </summary>
    public IReadOnlyList<ProcessorTracker> Close()
    {
        lock (this.gate)
        {
            this.closed = true;
            var all = this.trackers.Values.ToList();
            this.trackers.Clear();
            return all;
        }
    }

    /// <summary>Removes <paramref name="tracker"/> if it is still the registered incarnation of its key.</summary>
    public bool Remove(ProcessorTracker tracker)
    {
        lock (this.gate)
        {
            var key = (tracker.InstanceId, tracker.TaskTrackerAddress.ToLowerInvariant());
            return this.trackers.TryGetValue(key, out var current) && ReferenceEquals(current, tracker) && this.trackers.Remove(key);
        }
    }

    /// <summary>Every incarnation currently registered.</summary>
    public IReadOnlyList<ProcessorTracker> Snapshot()
    {
        lock (this.gate)
        {
            return this.trackers.Values.ToList();
        }
    }
}
