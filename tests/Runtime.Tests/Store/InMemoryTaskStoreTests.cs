using TrackerRace.Runtime.Store;

namespace TrackerRace.Runtime.Tests.Store;

/// <summary>The store contract on the in-memory store, the default for tests and for jobs that need no durability.</summary>
public sealed class InMemoryTaskStoreTests : TaskStoreContract
{
    protected override ITaskStore NewStore(int maxResultLength = 1 << 20) => new InMemoryTaskStore(maxResultLength);
}
