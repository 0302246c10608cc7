using TrackerRace.Coyote;
using TrackerRace.Runtime.Policies;

namespace TrackerRace.Scenarios;

/// <summary>One thing Coyote explores: a job on a small cluster, with its oracles, written against TrackerRace.Coyote.</summary>
public interface IScenario
{
    /// <summary>Short name used on the command line and in reports.</summary>
    string Name { get; }

    /// <summary>
    /// The scenario with its parameters ("last-task-race(map=100-160s,idle=120s,retry=0)"): what a saved trace must
    /// match to replay.
    /// </summary>
    string Key { get; }

    /// <summary>What the scenario exercises and which verdict is expected per policy.</summary>
    string Description { get; }

    /// <summary>Runs one iteration under <paramref name="policy"/> on <paramref name="context"/>'s clock; a violated oracle fails through <c>Specification.Assert</c>.</summary>
    Task RunAsync(ExplorationContext context, IIdlePolicy policy);
}
