namespace TrackerRace.Runtime.Store;

/// <summary>A fresh <see cref="InMemoryTaskStore"/> per job instance: the default, gone with the process.</summary>
public sealed class InMemoryTaskStores : ITaskStoreProvider
{
    /// <summary>The shared instance.</summary>
    public static InMemoryTaskStores Instance { get; } = new();

    /// <inheritdoc />
    public ITaskStore Open(string node, long instanceId, int maxResultLength) => new InMemoryTaskStore(maxResultLength);

    /// <inheritdoc />
    public long HighestInstanceId(string node) => 0;
}
