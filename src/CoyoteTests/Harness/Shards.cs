namespace TrackerRace.Coyote;

/// <summary>
/// How a run of many iterations is cut into engines of <see cref="ExplorationOptions.ShardIterations"/>. Shard 0 is
/// exactly the single engine a short run uses (same seed, same schedules), so cutting changes nothing below the shard
/// size; later shards get seeds mixed from the user's seed and their number, so every shard replays on its own.
/// </summary>
internal static class Shards
{
    public static int Count(int iterations) => (int)(((long)iterations + ExplorationOptions.ShardIterations - 1) / ExplorationOptions.ShardIterations);

    public static int FirstIteration(int shard) => (shard * ExplorationOptions.ShardIterations) + 1;

    public static int Size(int shard, int iterations) => Math.Min(ExplorationOptions.ShardIterations, iterations - (shard * ExplorationOptions.ShardIterations));

    public static uint Seed(uint seed, int shard) =>
        shard == 0 ? SeedSpreading.Spread(seed) : SeedSpreading.Spread(SeedSpreading.Spread(seed) ^ SeedSpreading.Spread(unchecked((uint)shard * 0x9E3779B9u)));
}
