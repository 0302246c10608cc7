using TrackerRace.Coyote;
using TrackerRace.Runtime.Policies;
using TrackerRace.Scenarios;
using TrackerRace.Scenarios.Exploration;

namespace TrackerRace.CoyoteTests.Tests;

/// <summary>Runs alone: the heap is the whole process's, so tests running beside it would skew it.</summary>
[CollectionDefinition(nameof(IterationMemory), DisableParallelization = true)]
public sealed class IterationMemory
{
}

/// <summary>
/// Issue 12: an exploration iteration leaves nothing behind. Coyote 1.7.11 kept every iteration's schedule (about
/// 300 KB of text here) in its report's coverage info until the engine was disposed; CoyoteExplorer now drops it at the
/// end of each iteration. Bytes, not time: the live heap after a full collection at the start of two iterations.
/// </summary>
[Collection(nameof(IterationMemory))]
public sealed class IterationMemoryTests
{
    private const int First = 5;
    private const int Last = 85;

    // A leaked schedule is about 280 KB per iteration. A flat heap wobbles by a few KB alone, and by up to about 1.5 MB in
    // all when other test processes load the machine (the last iterations' threads are still winding down when the heap
    // is measured): spread over 80 iterations that stays well below this bound, and a real leak stays far above it.
    private const long MaxRetainedBytesPerIteration = 32 * 1024;

    [Fact]
    public void An_iteration_retains_nothing_once_the_next_one_starts()
    {
        var probe = new HeapProbe(new LastTaskRaceScenario());

        var result = ExplorationRunner.Explore(probe, IdlePolicies.IdleHandshake, ExplorationStrategy.Random, Last, seed: 1);

        Assert.False(result.BugFound, result.Bug);
        Assert.Equal(Last, probe.Iterations);
        var perIteration = (probe.HeapAtLast - probe.HeapAtFirst) / (Last - First);
        Assert.True(
            perIteration < MaxRetainedBytesPerIteration,
            $"live heap grew {probe.HeapAtLast - probe.HeapAtFirst:N0} bytes from iteration {First} to {Last}: {perIteration:N0} bytes per iteration");
    }

    /// <summary>Measures the live heap at the start of iterations <see cref="First"/> and <see cref="Last"/>, then runs the scenario.</summary>
    private sealed class HeapProbe(IScenario inner) : IScenario
    {
        public int Iterations { get; private set; }

        public long HeapAtFirst { get; private set; }

        public long HeapAtLast { get; private set; }

        public string Name => inner.Name;

        public string Key => inner.Key;

        public string Description => inner.Description;

        public Task RunAsync(ExplorationContext context, IIdlePolicy policy)
        {
            this.Iterations++;
            if (this.Iterations == First)
            {
                this.HeapAtFirst = GC.GetTotalMemory(forceFullCollection: true);
            }
            else if (this.Iterations == Last)
            {
                this.HeapAtLast = GC.GetTotalMemory(forceFullCollection: true);
            }

            return inner.RunAsync(context, policy);
        }
    }
}
