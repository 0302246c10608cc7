namespace TrackerRace.Runtime.Store.Sqlite;

/// <summary>How <see cref="SqliteTaskDatabase.Open"/> treats the file.</summary>
public sealed record SqliteTaskDatabaseOptions
{
    /// <summary>
    /// Create the file when it does not exist (a node's first start). False for a restart that must find its table:
    /// a missing file is then an error rather than a silently empty store.
    /// </summary>
    public bool CreateIfMissing { get; init; } = true;

    /// <summary>How long a write waits for another connection's lock before failing as <see cref="TaskStoreFileProblem.Locked"/>; 1 s to 1 h, whole seconds.</summary>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Longest task result accepted; a longer one is refused with a reason instead of being truncated.</summary>
    public int MaxResultLength { get; init; } = 1 << 20;
}
