using System.Runtime.CompilerServices;

namespace TrackerRace.Coyote.Tests.RuleProofs;

/// <summary>
/// An analyzer finding, proven: the rule's example loses work in some schedule Coyote finds, and its fixed form holds
/// over the same exploration. docs/rules/TRK00x.md show these tests under "Prove it with Coyote".
/// </summary>
internal static class Proof
{
    public const int Iterations = 500;

    public static async Task LosesWorkAsync(Func<ExplorationContext, Task> flagged, string oracle, [CallerMemberName] string test = "")
    {
        var found = await CoyoteExplorer.ExploreAsync(flagged, Explore.Options(Iterations), test);

        Assert.True(found.BugFound, $"{test}: the flagged form lost nothing in {Iterations} iterations");
        Assert.Contains(oracle, found.Bug, StringComparison.Ordinal);
    }

    public static Task HoldsAsync(Func<ExplorationContext, Task> fixedForm, [CallerMemberName] string test = "") =>
        CoyoteExplorer.AssertNoBugAsync(fixedForm, Explore.Options(Iterations), test);

    /// <summary>Records <paramref name="id"/> as accepted, runs <paramref name="post"/>, and records a refusal if it says no.</summary>
    public static void Offer(ExplorationContext ctx, string id, Func<bool> post)
    {
        ctx.Ledger.Accepted(id, by: "test");
        if (!post())
        {
            ctx.Ledger.Refused(id, "refused by the component", by: "component");
        }
    }
}
