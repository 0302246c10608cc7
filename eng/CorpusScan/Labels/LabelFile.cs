using System.Globalization;

namespace TrackerRace.CorpusScan.Labels;

/// <summary>
/// The labelled findings of a corpus, tab-separated with the header
/// <c>codebase commit file line rule verdict reason</c>; <c>#</c> starts a comment line. Verdicts are
/// <c>true</c>, <c>false</c>, or <c>?</c> (not judged yet, as <c>--write-unlabelled</c> writes them).
/// A malformed row stops the scan with its line number: a silently skipped label would change precision.
/// </summary>
public static class LabelFile
{
    public const string Header = "codebase\tcommit\tfile\tline\trule\tverdict\treason";

    /// <param name="option">The option that named the file, for error messages.</param>
    public static IReadOnlyList<Label> Read(string path, string option = "--labels")
    {
        if (!File.Exists(path))
        {
            throw new BadInputException($"{option}: file '{path}' does not exist.");
        }

        var labels = new List<Label>();
        var sawHeader = false;
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (line.Trim().Length == 0 || line.TrimStart().StartsWith('#'))
            {
                continue;
            }

            if (!sawHeader)
            {
                if (!string.Equals(Normalize(line), Header, StringComparison.OrdinalIgnoreCase))
                {
                    throw Malformed(option, path, number, $"expected the header '{Header.Replace("\t", "<tab>", StringComparison.Ordinal)}'");
                }

                sawHeader = true;
                continue;
            }

            labels.Add(Parse(option, path, number, line));
        }

        return labels;
    }

    private static Label Parse(string option, string path, int number, string line)
    {
        var cells = line.Split('\t');
        if (cells.Length < 6)
        {
            throw Malformed(option, path, number, $"expected 7 tab-separated columns ({Header.Replace("\t", ", ", StringComparison.Ordinal)}), found {cells.Length}");
        }

        var codeBase = cells[0].Trim();
        var file = cells[2].Trim().Replace('\\', '/');
        var rule = cells[4].Trim();
        if (codeBase.Length == 0 || file.Length == 0 || rule.Length == 0)
        {
            throw Malformed(option, path, number, "codebase, file and rule must not be empty");
        }

        if (!int.TryParse(cells[3].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var lineNumber) || lineNumber < 1)
        {
            throw Malformed(option, path, number, $"line '{cells[3].Trim()}' is not a positive number");
        }

        var verdict = cells[5].Trim().ToLowerInvariant() switch
        {
            "true" => Verdict.True,
            "false" => Verdict.False,
            "?" => Verdict.Pending,
            var other => throw Malformed(option, path, number, $"verdict '{other}' is not 'true', 'false' or '?'"),
        };
        var reason = cells.Length > 6 ? string.Join(' ', cells[6..]).Trim() : "";
        return new Label(number, codeBase, cells[1].Trim(), file.StartsWith("./", StringComparison.Ordinal) ? file[2..] : file, lineNumber, rule, verdict, reason);
    }

    private static string Normalize(string header) => string.Join('\t', header.Split('\t').Select(c => c.Trim()));

    private static BadInputException Malformed(string option, string path, int line, string problem) => new($"{option}: '{path}' line {line}: {problem}.");
}
