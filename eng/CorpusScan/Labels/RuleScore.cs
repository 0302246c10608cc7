namespace TrackerRace.CorpusScan.Labels;

/// <summary>
/// One rule's (or the total's) standing against the labels. Precision is over the labelled findings
/// of this run; recall is over the known true findings of the scanned code bases: the share this run
/// still reports, so a change that loses a real bug shows up even when precision improves.
/// </summary>
public sealed record RuleScore(string Rule, int Findings, int LabelledTrue, int LabelledFalse, int Unlabelled, int KnownTrue, int KnownTrueReported)
{
    public double? Precision => LabelledTrue + LabelledFalse == 0 ? null : (double)LabelledTrue / (LabelledTrue + LabelledFalse);

    public double? Recall => KnownTrue == 0 ? null : (double)KnownTrueReported / KnownTrue;
}
