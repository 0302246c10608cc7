using TrackerRace.CorpusScan.Projects;

namespace TrackerRace.CorpusScan.Corpus;

/// <summary>
/// <c>--exclude</c> globs, matched against paths relative to the code base root with forward slashes
/// (<c>samples/**</c>, <c>**/*.Tests/**</c>). They skip project files and source files alike.
/// </summary>
public sealed class ExcludeFilter(IEnumerable<string> globs)
{
    private readonly List<PathPattern> patterns = globs.Select(g => PathPattern.Create(g.Trim().TrimStart('/'))).ToList();

    public bool IsExcluded(string fullPath, string codeBaseRoot) =>
        patterns.Count > 0 && patterns.Any(p => p.IsMatch(Path.GetRelativePath(codeBaseRoot, fullPath)));
}
