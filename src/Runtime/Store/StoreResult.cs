namespace TrackerRace.Runtime.Store;

/// <summary>The outcome of a store write: success, or a reason that ends up in the job's result.</summary>
public readonly record struct StoreResult(bool Succeeded, string? Error)
{
    /// <summary>A successful write.</summary>
    public static StoreResult Ok { get; } = new(true, null);

    /// <summary>A failed write with its reason.</summary>
    public static StoreResult Fail(string error) => new(false, error);
}
