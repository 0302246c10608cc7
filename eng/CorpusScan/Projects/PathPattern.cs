using System.Text;
using System.Text.RegularExpressions;

namespace TrackerRace.CorpusScan.Projects;

/// <summary>
/// An MSBuild-style path glob (<c>**</c> any folders, <c>*</c> and <c>?</c> within one name), over
/// paths with forward slashes. Used for <c>Compile Include/Remove</c> items and <c>--exclude</c>.
/// </summary>
public sealed class PathPattern
{
    private readonly Regex regex;

    private PathPattern(string pattern, Regex regex)
    {
        Pattern = pattern;
        this.regex = regex;
    }

    public string Pattern { get; }

    public static bool HasWildcard(string path) => path.IndexOfAny(['*', '?']) >= 0;

    public static string Normalize(string path) => path.Replace('\\', '/');

    /// <param name="ignoreCase">For names that are not paths (package ids compare case-insensitively).</param>
    public static PathPattern Create(string pattern, bool ignoreCase = false)
    {
        var text = Normalize(pattern);
        var builder = new StringBuilder("^");
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '*' && i + 1 < text.Length && text[i + 1] == '*')
            {
                var slashAfter = i + 2 < text.Length && text[i + 2] == '/';
                builder.Append(slashAfter ? "(?:.*/)?" : ".*");
                i += slashAfter ? 2 : 1;
            }
            else if (c == '*')
            {
                builder.Append("[^/]*");
            }
            else if (c == '?')
            {
                builder.Append("[^/]");
            }
            else
            {
                builder.Append(Regex.Escape(c.ToString()));
            }
        }

        builder.Append('$');
        return new PathPattern(pattern, new Regex(builder.ToString(), RegexOptions.CultureInvariant | (ignoreCase ? RegexOptions.IgnoreCase : RegexOptions.None)));
    }

    public bool IsMatch(string path) => regex.IsMatch(Normalize(path));

    /// <summary>The files an absolute pattern names: walks from its last folder without a wildcard.</summary>
    public static IEnumerable<string> Expand(string absolutePattern)
    {
        var text = Normalize(absolutePattern);
        var firstWildcard = text.IndexOfAny(['*', '?']);
        var baseFolder = text[..(text.LastIndexOf('/', firstWildcard) + 1)];
        if (!Directory.Exists(baseFolder))
        {
            return [];
        }

        var recursive = text.IndexOf('/', firstWildcard) >= 0 || text.Contains("**", StringComparison.Ordinal);
        var pattern = Create(text);
        return Directory.EnumerateFiles(baseFolder, "*", new EnumerationOptions { RecurseSubdirectories = recursive, IgnoreInaccessible = true, AttributesToSkip = 0 })
            .Where(f => pattern.IsMatch(f))
            .Order(StringComparer.Ordinal);
    }
}
