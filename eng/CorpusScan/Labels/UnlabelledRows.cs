using System.Globalization;
using TrackerRace.CorpusScan.Findings;

namespace TrackerRace.CorpusScan.Labels;

/// <summary>
/// Appends findings no label covers to a labels file, as rows with verdict <c>?</c> and the message as
/// reason, so labelling is editing a verdict and a reason rather than copying locations by hand.
/// </summary>
public static class UnlabelledRows
{
    public const string Option = "--write-unlabelled";

    /// <summary>Appends the findings that have no row in the file yet (a second run does not repeat them); returns how many.</summary>
    public static int Append(string path, IReadOnlyList<Finding> findings)
    {
        var isNew = !File.Exists(path) || new FileInfo(path).Length == 0;
        var present = isNew ? [] : LabelFile.Read(path, Option).Select(l => l.Key).ToHashSet();
        var added = findings.Where(f => !present.Contains(f.Key)).ToList();
        using var writer = new StreamWriter(path, append: true);
        if (isNew)
        {
            writer.WriteLine(LabelFile.Header);
        }

        foreach (var finding in added)
        {
            writer.WriteLine(string.Join('\t',
                finding.CodeBase,
                finding.Commit,
                finding.Position.Path,
                finding.Position.Line.ToString(CultureInfo.InvariantCulture),
                finding.RuleId,
                "?",
                OneLine(finding.Message)));
        }

        return added.Count;
    }

    private static string OneLine(string text) => text.Replace('\t', ' ').Replace('\r', ' ').Replace('\n', ' ');
}
