using TrackerRace.Coyote;
using TrackerRace.Coyote.Reporting;

namespace TrackerRace.CoyoteTests.Cli;

/// <summary>
/// Prints the first bug of an <c>explore</c> run - its timeline, files and replay command - as soon as it is decided,
/// instead of after every row: the first row with a bug, at its lowest failing seed, which is known once that seed and
/// every lower one have finished. What is printed does not depend on timing: it is the bug the table would name first.
/// </summary>
internal sealed class FirstBugPrinter
{
    private readonly TextWriter? output;
    private readonly Func<string, string, string> replayLine;
    private readonly object gate = new();
    private ExplorationResult?[] finished = [];
    private uint firstSeed;
    private string policy = string.Empty;
    private string strategy = string.Empty;

    /// <param name="output">Where to print; null prints nothing (<c>--keep-going</c> lists every bug at the end).</param>
    /// <param name="replayLine">The replay command for a policy's trace.</param>
    public FirstBugPrinter(TextWriter? output, Func<string, string, string> replayLine)
    {
        this.output = output;
        this.replayLine = replayLine;
    }

    /// <summary>True once the first bug has been printed.</summary>
    public bool Printed { get; private set; }

    /// <summary>A new row begins; rows run one after another, so every earlier row had no bug if nothing is printed yet.</summary>
    public void StartRow(string policyName, string strategyName, uint firstSeed, int seeds)
    {
        lock (this.gate)
        {
            this.firstSeed = firstSeed;
            this.policy = policyName;
            this.strategy = strategyName;
            this.finished = new ExplorationResult?[seeds];
        }
    }

    /// <summary>Seed <paramref name="index"/> of the current row finished (seeds finish in any order).</summary>
    public void SeedFinished(int index, ExplorationResult result)
    {
        lock (this.gate)
        {
            this.finished[index] = result;
            if (this.Printed || this.output is null)
            {
                return;
            }

            for (var seed = 0; seed < this.finished.Length; seed++)
            {
                if (this.finished[seed] is not { } run)
                {
                    return; // A lower seed is still running: it may fail first.
                }

                if (run.BugFound)
                {
                    this.Print(run, this.firstSeed + (uint)seed);
                    return;
                }
            }
        }
    }

    private void Print(ExplorationResult bug, uint seed)
    {
        this.Printed = true;
        var output = this.output!;
        output.WriteLine();
        output.WriteLine($"First bug ({this.policy}, {this.strategy}, seed {seed}): {bug.Bug}");
        output.WriteLine();
        output.Write(TimelineText.Format([.. bug.Timeline.Where(e => e.Source != "clock")]));
        output.WriteLine($"Written: {bug.TracePath} (trace), {bug.TimelinePath}, {bug.DiagramPath} (Mermaid sequence diagram)");
        output.WriteLine($"Replay it: {this.replayLine(this.policy, bug.TracePath!)}");
        output.WriteLine();
        output.Flush();
    }
}
