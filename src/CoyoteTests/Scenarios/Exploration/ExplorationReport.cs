using System.Globalization;
using TrackerRace.Coyote;
using TrackerRace.Runtime.Policies;

namespace TrackerRace.Scenarios.Exploration;

/// <summary>One row of the report: a policy under a strategy over several seeds.</summary>
public sealed record ExplorationReport(IIdlePolicy Policy, ExplorationStrategy Strategy, IReadOnlyList<ExplorationResult> Runs, int Budget)
{
    /// <summary>The column headings, aligned with <see cref="ToString"/>. Iterations per second are per engine (seeds run side by side).</summary>
    public static string Header => $"{"policy",-26} {"strategy",-15} {"bug found",-11} {"iters to bug (median/worst)",-28} {"iters/s",8} {"explored",9} {"steps/iter",10}";

    /// <summary>True when the runs went on past their bugs (<c>--keep-going</c>): the row counts failing iterations, not iterations to the first.</summary>
    public bool KeepGoing { get; init; }

    /// <summary>The first failing run, if any.</summary>
    public ExplorationResult? FirstBug => this.Runs.FirstOrDefault(r => r.BugFound);

    /// <summary>Explored iterations per wall-clock second, per engine.</summary>
    public double IterationsPerSecond => this.Runs.Sum(r => r.Iterations) / Math.Max(this.Runs.Sum(r => r.Elapsed.TotalSeconds), 1e-9);

    /// <summary>Coyote scheduling steps per explored iteration.</summary>
    public long StepsPerIteration => this.Runs.Sum(r => r.SchedulingSteps) / Math.Max(this.Runs.Sum(r => r.Iterations), 1);

    /// <inheritdoc />
    public override string ToString()
    {
        var found = this.Runs.Count(r => r.BugFound);
        var toBug = this.Runs.Where(r => r.BugFound).Select(r => r.Iterations).Order().ToList();

        // A clean seed's bound is what it explored: the budget, or less when --duration ended it.
        var worst = toBug.Count == this.Runs.Count ? toBug[^1].ToString(CultureInfo.InvariantCulture) : ">" + this.Runs.Where(r => !r.BugFound).Min(r => r.Iterations).ToString(CultureInfo.InvariantCulture);
        var toBugText = toBug.Count == 0 || this.KeepGoing ? "-" : $"{toBug[toBug.Count / 2]}/{worst}";
        var foundText = found == 0 ? "no" : this.KeepGoing ? $"{this.Runs.Sum(r => r.BugCount)} failing" : $"yes {found}/{this.Runs.Count}";
        var explored = this.Runs.Sum(r => r.Iterations);
        var seconds = this.Runs.Sum(r => r.Elapsed.TotalSeconds);
        var steps = this.Runs.Sum(r => r.SchedulingSteps);
        var row = string.Create(
            CultureInfo.InvariantCulture,
            $"{this.Policy.Name,-26} {this.Strategy.ToString().ToLowerInvariant(),-15} {foundText,-11} {toBugText,-28} {explored / Math.Max(seconds, 1e-9),8:0} {explored,9} {steps / Math.Max(explored, 1),10}");
        return this.Total(FaultsInjected) is { } injected
            ? row + string.Create(CultureInfo.InvariantCulture, $"   faults {injected:N0} injected, {this.Total(FaultsSurvived) ?? 0:N0} survived")
            : row;
    }

    /// <summary>What a fault scenario counts per iteration (<c>ctx.Count</c>): faults that fired, and those in iterations whose oracles held.</summary>
    public const string FaultsInjected = "faults injected";

    /// <inheritdoc cref="FaultsInjected"/>
    public const string FaultsSurvived = "faults survived";

    // A count summed over the row's iterations, or null if no run counted it (not a fault scenario).
    private long? Total(string source) =>
        this.Runs.Any(r => r.PerIteration.ContainsKey(source))
            ? (long)Math.Round(this.Runs.Sum(r => r.PerIteration.GetValueOrDefault(source) * r.Iterations))
            : null;
}
