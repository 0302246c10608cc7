using TrackerRace.CorpusScan.Labels;

namespace TrackerRace.CorpusScan.Tests;

[Collection(ScannedFixtureDefinition.Name)]
public sealed class LabelEvaluationTests(ScannedFixture fixture)
{
    private static readonly int Line = FixtureCorpus.PostLine;

    private LabelEvaluation Evaluate(params Label[] labels) =>
        LabelEvaluation.Evaluate(fixture.Result.Findings, labels, fixture.Result.CodeBases.Select(c => c.CodeBase).ToList(), fixture.Result.RuleIds);

    private static Label Row(string file, int line, Verdict verdict, string codeBase = FixtureCorpus.CodeBase, string commit = FixtureCorpus.Commit, string rule = "TRK004") =>
        new(SourceLine: 2, codeBase, commit, file, line, rule, verdict, "reason for " + file);

    [Fact]
    public void Precision_counts_only_labelled_findings_and_recall_only_known_true_ones()
    {
        var evaluation = Evaluate(
            Row(FixtureCorpus.File("Mailbox"), Line, Verdict.True),
            Row(FixtureCorpus.File("Inbox"), Line, Verdict.False),
            Row("src/Core/Gone.cs", 3, Verdict.True));

        var trk004 = Assert.Single(evaluation.Rules, r => r.Rule == "TRK004");
        Assert.Equal(new RuleScore("TRK004", Findings: 3, LabelledTrue: 1, LabelledFalse: 1, Unlabelled: 1, KnownTrue: 2, KnownTrueReported: 1), trk004);
        Assert.Equal(0.5, trk004.Precision);
        Assert.Equal(0.5, trk004.Recall);
        Assert.Equal(trk004 with { Rule = "total" }, evaluation.Total);
        Assert.Null(evaluation.Rules.Single(r => r.Rule == "TRK001").Precision);
    }

    [Fact]
    public void Lists_known_true_findings_this_run_no_longer_reports()
    {
        var evaluation = Evaluate(Row(FixtureCorpus.File("Mailbox"), Line, Verdict.True), Row("src/Core/Gone.cs", 3, Verdict.True));

        var missed = Assert.Single(evaluation.MissedTrue);
        Assert.Equal(("src/Core/Gone.cs", 3, "reason for src/Core/Gone.cs"), (missed.File, missed.Line, missed.Reason));
    }

    [Fact]
    public void Matches_a_label_only_on_the_exact_line()
    {
        var evaluation = Evaluate(Row(FixtureCorpus.File("Mailbox"), Line + 1, Verdict.True));

        Assert.Equal(0, evaluation.Total.LabelledTrue);
        Assert.Equal(3, evaluation.Unlabelled.Count);
        Assert.Single(evaluation.MissedTrue);
    }

    [Fact]
    public void Matches_a_label_only_for_the_same_rule()
    {
        var evaluation = Evaluate(Row(FixtureCorpus.File("Mailbox"), Line, Verdict.False, rule: "TRK001"));

        Assert.Equal(0, evaluation.Total.LabelledFalse);
        Assert.Equal(3, evaluation.Total.Unlabelled);
    }

    [Fact]
    public void Leaves_labels_of_code_bases_not_scanned_out_of_recall()
    {
        var evaluation = Evaluate(Row(FixtureCorpus.File("Mailbox"), Line, Verdict.True), Row("src/Other.cs", 7, Verdict.True, codeBase: "beta"));

        Assert.Equal(1, evaluation.Total.KnownTrue);
        Assert.Equal(1.0, evaluation.Total.Recall);
        Assert.Contains(evaluation.Warnings, w => w.Contains("not in this scan", StringComparison.Ordinal));
    }

    [Fact]
    public void Warns_when_a_label_was_made_at_another_commit()
    {
        var evaluation = Evaluate(
            Row(FixtureCorpus.File("Mailbox"), Line, Verdict.True, commit: "fedcba9876543210"),
            Row(FixtureCorpus.File("Inbox"), Line, Verdict.True, commit: FixtureCorpus.Commit[..7]));

        var warning = Assert.Single(evaluation.Warnings);
        Assert.Contains("fedcba9876543210", warning, StringComparison.Ordinal);
        Assert.Equal(2, evaluation.Total.LabelledTrue);
    }

    [Fact]
    public void Treats_a_pending_row_as_unlabelled()
    {
        var evaluation = Evaluate(Row(FixtureCorpus.File("Mailbox"), Line, Verdict.Pending));

        Assert.Equal(3, evaluation.Total.Unlabelled);
        Assert.Equal(0, evaluation.Total.KnownTrue);
    }
}
