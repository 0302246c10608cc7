namespace TrackerRace.CorpusScan.Projects;

/// <summary>
/// Walks a code base's folders the way this tool does everywhere: never into build output
/// (<c>bin</c>, <c>obj</c>), package folders (<c>node_modules</c>) or hidden folders (<c>.git</c>, <c>.vs</c>).
/// </summary>
public static class SourceTree
{
    private static readonly HashSet<string> SkippedFolders = new(StringComparer.OrdinalIgnoreCase) { "bin", "obj", "node_modules" };

    public static bool IsSkippedFolder(string name) => SkippedFolders.Contains(name) || name.StartsWith('.');

    /// <summary>Every project file under <paramref name="root"/>, in a stable order.</summary>
    public static IReadOnlyList<string> ProjectFiles(string root)
    {
        var found = new List<string>();
        Walk(root, folder =>
        {
            found.AddRange(Directory.EnumerateFiles(folder, "*.csproj"));
            return true;
        });
        found.Sort(StringComparer.Ordinal);
        return found;
    }

    /// <summary>The .cs files of the project in <paramref name="projectFolder"/>: not those under a nested project's folder.</summary>
    public static IReadOnlyList<string> CSharpFiles(string projectFolder)
    {
        var found = new List<string>();
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(projectFolder));
        Walk(root, folder =>
        {
            if (folder != root && Directory.EnumerateFiles(folder, "*.csproj").Any())
            {
                return false;
            }

            found.AddRange(Directory.EnumerateFiles(folder, "*.cs"));
            return true;
        });
        found.Sort(StringComparer.Ordinal);
        return found;
    }

    /// <param name="visit">Called for each folder; returns whether to descend into it.</param>
    private static void Walk(string root, Func<string, bool> visit)
    {
        var pending = new Stack<string>();
        pending.Push(Path.TrimEndingDirectorySeparator(Path.GetFullPath(root)));
        while (pending.TryPop(out var folder))
        {
            if (!visit(folder))
            {
                continue;
            }

            IEnumerable<string> children;
            try
            {
                children = Directory.EnumerateDirectories(folder);
            }
            catch (UnauthorizedAccessException)
            {
                continue;
            }

            foreach (var child in children)
            {
                var info = new DirectoryInfo(child);
                // A symbolic link can loop back up the tree.
                if (!IsSkippedFolder(info.Name) && info.LinkTarget is null)
                {
                    pending.Push(child);
                }
            }
        }
    }
}
