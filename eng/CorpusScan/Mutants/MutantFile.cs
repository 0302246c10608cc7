using System.Text;

namespace TrackerRace.CorpusScan.Mutants;

/// <summary>
/// Reads <c>eng/corpus/mutants.tsv</c>: a header <c>id codebase file kind find replace reason</c>, tab-separated,
/// <c>#</c> comment lines. In <c>find</c> and <c>replace</c>, <c>\n</c>, <c>\t</c> and <c>\\</c> stand for a newline, a
/// tab and a backslash, so a multi-line patch fits one row.
/// </summary>
public static class MutantFile
{
    public const string Option = "--mutants";

    private static readonly string[] Columns = ["id", "codebase", "file", "kind", "find", "replace", "reason"];

    /// <summary>The guard kinds a row may name; the report counts recall per kind.</summary>
    public static readonly IReadOnlyList<string> Kinds = ["drain", "refuse", "lock", "idle", "latch"];

    public static IReadOnlyList<Mutant> Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new BadInputException($"{Option}: file '{path}' does not exist.");
        }

        var lines = File.ReadAllLines(path);
        var first = Array.FindIndex(lines, l => !IsSkipped(l));
        if (first < 0)
        {
            throw new BadInputException($"{Option}: '{path}' is empty; expected a header line '{string.Join('\t', Columns)}'.");
        }

        var header = lines[first].Split('\t').Select(c => c.Trim().ToLowerInvariant()).ToArray();
        if (!header.SequenceEqual(Columns))
        {
            throw new BadInputException($"{Option}: '{path}' line {first + 1}: expected the header '{string.Join('\t', Columns)}', found '{lines[first]}'.");
        }

        var mutants = new List<Mutant>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = first + 1; i < lines.Length; i++)
        {
            if (IsSkipped(lines[i]))
            {
                continue;
            }

            var where = $"{Option}: '{path}' line {i + 1}";
            var cells = lines[i].Split('\t');
            if (cells.Length != Columns.Length)
            {
                throw new BadInputException($"{where}: expected {Columns.Length} tab-separated columns ({string.Join(", ", Columns)}), found {cells.Length}.");
            }

            var (id, codeBase, file, kind) = (cells[0].Trim(), cells[1].Trim(), cells[2].Trim(), cells[3].Trim());
            if (id.Length == 0 || codeBase.Length == 0 || file.Length == 0)
            {
                throw new BadInputException($"{where}: id, codebase and file must not be empty.");
            }

            if (!ids.Add(id))
            {
                throw new BadInputException($"{where}: the id '{id}' is used twice.");
            }

            if (!Kinds.Contains(kind))
            {
                throw new BadInputException($"{where} ({id}): kind '{kind}' is not one of {string.Join(", ", Kinds)}.");
            }

            var find = Unescape(cells[4], where, "find");
            if (find.Length == 0)
            {
                throw new BadInputException($"{where} ({id}): 'find' is empty; a mutant must remove something.");
            }

            var replace = Unescape(cells[5], where, "replace");
            if (replace == find)
            {
                throw new BadInputException($"{where} ({id}): 'replace' equals 'find'; the mutant would be the original.");
            }

            mutants.Add(new Mutant(id, codeBase, file.Replace('\\', '/'), kind, find, replace, cells[6].Trim(), i + 1));
        }

        return mutants;
    }

    /// <summary><c>\n</c>, <c>\t</c>, <c>\\</c> to the characters; any other backslash sequence is an error, not a guess.</summary>
    public static string Unescape(string cell, string where, string column)
    {
        var text = new StringBuilder(cell.Length);
        for (var i = 0; i < cell.Length; i++)
        {
            if (cell[i] != '\\')
            {
                text.Append(cell[i]);
                continue;
            }

            var next = i + 1 < cell.Length ? cell[i + 1] : '\0';
            text.Append(next switch
            {
                'n' => '\n',
                't' => '\t',
                '\\' => '\\',
                _ => throw new BadInputException($"{where}: '{column}' has '\\{(next == '\0' ? "" : next.ToString())}' at character {i + 1}; only \\n, \\t and \\\\ are escapes."),
            });
            i++;
        }

        return text.ToString();
    }

    private static bool IsSkipped(string line) => line.Trim().Length == 0 || line.TrimStart().StartsWith('#');
}
