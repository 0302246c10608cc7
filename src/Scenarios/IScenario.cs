using TrackerRace.Runtime.Policies;

namespace TrackerRace.CoyoteTests.Scenarios;

/// <summary>One thing Coyote explores: a job on a small cluster, with its oracles as Coyote assertions.</summary>
public interface IScenario
{
    /// <summary>Short name used on the command line and in reports.</summary>
    string Name { get; }

    /// <summary>What the scenario exercises and which verdict is expected per policy.</summary>
    string Description { get; }

    /// <summary>Runs one iteration under <paramref name="policy"/>; a violated oracle fails through <c>Specification.Assert</c>.</summary>
    Task RunAsync(IIdlePolicy policy);
}
