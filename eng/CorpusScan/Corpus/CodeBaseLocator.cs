namespace TrackerRace.CorpusScan.Corpus;

/// <summary>
/// Turns the command line's folders into code bases. The rule: a folder is one code base if it
/// directly holds a <c>.git</c> entry, a <c>COMMIT</c> file, a solution or a project file, or is a
/// manifest row's path; otherwise each of its immediate, non-hidden subfolders is a code base.
/// With no folder at all, every manifest row that exists on disk is a code base.
/// </summary>
public static class CodeBaseLocator
{
    public static IReadOnlyList<CodeBase> Locate(IReadOnlyList<string> corpusDirectories, Manifest manifest, IReadOnlyCollection<string> onlyNames)
    {
        var folders = new List<string>();
        if (corpusDirectories.Count == 0)
        {
            if (manifest.Entries.Count == 0)
            {
                throw new BadInputException("<corpus-dir>: give at least one folder, or a --manifest whose rows name the code bases.");
            }

            folders.AddRange(manifest.Entries.Where(e => Directory.Exists(e.FullPath)).Select(e => e.FullPath));
        }

        foreach (var given in corpusDirectories)
        {
            var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(given));
            if (!Directory.Exists(full))
            {
                throw new BadInputException($"<corpus-dir>: folder '{given}' does not exist.");
            }

            if (IsCodeBase(full, manifest))
            {
                folders.Add(full);
            }
            else
            {
                folders.AddRange(Directory.EnumerateDirectories(full)
                    .Where(d => !Path.GetFileName(d).StartsWith('.'))
                    .Order(StringComparer.Ordinal));
            }
        }

        var codeBases = new List<CodeBase>();
        foreach (var folder in folders.Distinct(StringComparer.Ordinal))
        {
            var entry = manifest.Find(folder, Path.GetFileName(folder));
            var name = entry?.Name ?? Path.GetFileName(folder);
            if (onlyNames.Count > 0 && !onlyNames.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }

            var (commit, source) = CommitResolver.Resolve(folder, entry);
            codeBases.Add(new CodeBase(name, folder, commit, source, entry is { Role.Length: > 0 } ? entry.Role : null));
        }

        foreach (var clash in codeBases.GroupBy(c => c.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            // Labels are keyed by code base name; two folders with one name would share each other's labels.
            throw new BadInputException($"<corpus-dir>: two code bases are named '{clash.Key}' ({string.Join(", ", clash.Select(c => c.Root))}); scan them separately or name them in a --manifest.");
        }

        foreach (var missing in onlyNames.Where(n => !codeBases.Any(c => string.Equals(c.Name, n, StringComparison.OrdinalIgnoreCase))))
        {
            throw new BadInputException($"--codebase: no code base named '{missing}' under the given folders (found: {string.Join(", ", codeBases.Select(c => c.Name).DefaultIfEmpty("none"))}).");
        }

        return codeBases;
    }

    private static bool IsCodeBase(string folder, Manifest manifest) =>
        Directory.Exists(Path.Combine(folder, ".git"))
        || File.Exists(Path.Combine(folder, ".git"))
        || File.Exists(Path.Combine(folder, "COMMIT"))
        || Directory.EnumerateFiles(folder).Any(f => f.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".sln", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".slnx", StringComparison.OrdinalIgnoreCase))
        || manifest.Entries.Any(e => string.Equals(Path.TrimEndingDirectorySeparator(e.FullPath), folder, StringComparison.Ordinal));
}
