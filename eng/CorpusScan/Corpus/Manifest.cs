namespace TrackerRace.CorpusScan.Corpus;

/// <summary>
/// The tab-separated list of the code bases laid out on disk (<c>/work/corpus/manifest.tsv</c>):
/// a header line, then <c>name repo commit role path cs_files</c>. A relative path is relative to
/// the manifest's folder, so the corpus can move as a whole.
/// </summary>
public sealed class Manifest
{
    private static readonly string[] Columns = ["name", "repo", "commit", "role", "path", "cs_files"];

    private Manifest(IReadOnlyList<ManifestEntry> entries) => Entries = entries;

    public static Manifest Empty { get; } = new([]);

    public IReadOnlyList<ManifestEntry> Entries { get; }

    public static Manifest Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new BadInputException($"--manifest: file '{path}' does not exist.");
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var lines = File.ReadAllLines(path);
        var header = lines.Select((text, index) => (text, number: index + 1)).FirstOrDefault(l => !IsSkipped(l.text));
        if (header.text is null)
        {
            throw new BadInputException($"--manifest: '{path}' is empty; expected a header line '{string.Join('\t', Columns)}'.");
        }

        var names = header.text.Split('\t').Select(c => c.Trim().ToLowerInvariant()).ToArray();
        var index = Columns.ToDictionary(c => c, c => Array.IndexOf(names, c));
        foreach (var required in Columns.Take(5).Where(c => index[c] < 0))
        {
            throw new BadInputException($"--manifest: '{path}' line {header.number}: the header lacks the column '{required}' (expected '{string.Join('\t', Columns)}').");
        }

        var entries = new List<ManifestEntry>();
        for (var i = header.number; i < lines.Length; i++)
        {
            if (IsSkipped(lines[i]))
            {
                continue;
            }

            var cells = lines[i].Split('\t');
            string Cell(string column) => index[column] is var at && at >= 0 && at < cells.Length ? cells[at].Trim() : "";
            if (Cell("name").Length == 0 || Cell("path").Length == 0)
            {
                throw new BadInputException($"--manifest: '{path}' line {i + 1}: a row needs at least a name and a path.");
            }

            var csFiles = int.TryParse(Cell("cs_files"), out var n) ? n : (int?)null;
            entries.Add(new ManifestEntry(Cell("name"), Cell("repo"), Cell("commit"), Cell("role"), Path.GetFullPath(Path.Combine(folder, Cell("path"))), csFiles));
        }

        return new Manifest(entries);
    }

    public ManifestEntry? Find(string folder, string name)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        return Entries.FirstOrDefault(e => string.Equals(Path.TrimEndingDirectorySeparator(e.FullPath), full, StringComparison.Ordinal))
            ?? Entries.FirstOrDefault(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase));
    }

    private static bool IsSkipped(string line) => line.Trim().Length == 0 || line.TrimStart().StartsWith('#');
}
