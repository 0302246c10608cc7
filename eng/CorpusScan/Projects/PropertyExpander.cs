using System.Text;

namespace TrackerRace.CorpusScan.Projects;

/// <summary>
/// Expands <c>$(Name)</c>, a few string methods and the property functions that project files of
/// real code bases use to find their shared files (<c>GetPathOfFileAbove</c>, <c>NormalizeDirectory</c>,
/// <c>Path.Combine</c>, target framework tests). Anything else makes the value incomplete rather
/// than guessed: item lists (<c>@(...)</c>), metadata (<c>%(...)</c>), other functions.
/// </summary>
/// <param name="incomplete">Properties whose own value could not be fully expanded; reading one makes the result incomplete.</param>
public sealed class PropertyExpander(IReadOnlyDictionary<string, string> properties, IReadOnlySet<string> incomplete, string thisFileDirectory)
{
    public Expanded Expand(string text)
    {
        if (text.Contains("@(", StringComparison.Ordinal) || text.Contains("%(", StringComparison.Ordinal))
        {
            return Expanded.Unknown;
        }

        var builder = new StringBuilder();
        var complete = true;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '$' && i + 1 < text.Length && text[i + 1] == '(' && ClosingParenthesis(text, i + 1) is var end && end > 0)
            {
                var part = EvaluateExpression(text[(i + 2)..end].Trim());
                complete &= part.Complete;
                builder.Append(part.Text);
                i = end;
            }
            else
            {
                builder.Append(text[i]);
            }
        }

        return new Expanded(builder.ToString(), complete);
    }

    /// <summary>The index of the parenthesis closing the one at <paramref name="open"/>, or -1.</summary>
    public static int ClosingParenthesis(string text, int open)
    {
        var depth = 0;
        var quote = '\0';
        for (var i = open; i < text.Length; i++)
        {
            var c = text[i];
            if (quote != '\0')
            {
                quote = c == quote ? '\0' : quote;
            }
            else if (c is '\'' or '"' or '`')
            {
                quote = c;
            }
            else if (c == '(')
            {
                depth++;
            }
            else if (c == ')' && --depth == 0)
            {
                return i;
            }
        }

        return -1;
    }

    private Expanded EvaluateExpression(string expression)
    {
        if (expression.StartsWith('['))
        {
            return EvaluateStaticFunction(expression);
        }

        var dot = expression.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0)
        {
            return new Expanded(Lookup(expression), !incomplete.Contains(expression));
        }

        // $(TargetFramework.StartsWith('net4')) and similar string methods on a property.
        var value = Lookup(expression[..dot]);
        if (incomplete.Contains(expression[..dot]))
        {
            return Expanded.Unknown;
        }

        var call = expression[(dot + 1)..];
        var open = call.IndexOf('(', StringComparison.Ordinal);
        if (open < 0 || !call.EndsWith(')'))
        {
            return Expanded.Unknown;
        }

        var arguments = Arguments(call[(open + 1)..^1]);
        if (arguments.Any(a => !a.Complete))
        {
            return Expanded.Unknown;
        }

        var args = arguments.Select(a => a.Text).ToArray();
        return call[..open] switch
        {
            "StartsWith" when args.Length == 1 => Bool(value.StartsWith(args[0], StringComparison.OrdinalIgnoreCase)),
            "EndsWith" when args.Length == 1 => Bool(value.EndsWith(args[0], StringComparison.OrdinalIgnoreCase)),
            "Contains" when args.Length == 1 => Bool(value.Contains(args[0], StringComparison.OrdinalIgnoreCase)),
            "Replace" when args.Length == 2 && args[0].Length > 0 => new Expanded(value.Replace(args[0], args[1], StringComparison.Ordinal), true),
            "ToLower" or "ToLowerInvariant" when args.Length == 0 => new Expanded(value.ToLowerInvariant(), true),
            "ToUpper" or "ToUpperInvariant" when args.Length == 0 => new Expanded(value.ToUpperInvariant(), true),
            "Trim" when args.Length == 0 => new Expanded(value.Trim(), true),
            _ => Expanded.Unknown,
        };
    }

    private string Lookup(string name) =>
        name.Equals("MSBuildThisFileDirectory", StringComparison.OrdinalIgnoreCase) ? thisFileDirectory
        : properties.TryGetValue(name, out var value) ? value
        : "";

    private Expanded EvaluateStaticFunction(string expression)
    {
        var close = expression.IndexOf("]::", StringComparison.Ordinal);
        var open = expression.IndexOf('(', StringComparison.Ordinal);
        if (close < 0 || open < close || !expression.EndsWith(')'))
        {
            return Expanded.Unknown;
        }

        var type = expression[1..close];
        var method = expression[(close + 3)..open].Trim();
        var arguments = Arguments(expression[(open + 1)..^1]);
        if (arguments.Any(a => !a.Complete))
        {
            return Expanded.Unknown;
        }

        var args = arguments.Select(a => a.Text).ToArray();
        return (type, method, args.Length) switch
        {
            ("MSBuild", "GetPathOfFileAbove", 1 or 2) => new Expanded(FileAbove(args[0], args.Length == 2 ? args[1] : thisFileDirectory) ?? "", true),
            ("MSBuild", "GetDirectoryNameOfFileAbove", 2) => new Expanded(FileAbove(args[1], args[0]) is { } found ? Path.GetDirectoryName(found)! : "", true),
            ("MSBuild", "NormalizeDirectory", > 0) => new Expanded(WithSlash(FullPath(Combine(args))), true),
            ("MSBuild", "NormalizePath", > 0) => new Expanded(FullPath(Combine(args)), true),
            ("MSBuild", "EnsureTrailingSlash", 1) => new Expanded(args[0].Length == 0 ? "" : WithSlash(args[0]), true),
            ("MSBuild", "ValueOrDefault", 2) => new Expanded(args[0].Length > 0 ? args[0] : args[1], true),
            ("MSBuild", "IsOSPlatform", 1) => Bool(string.Equals(args[0], "Linux", StringComparison.OrdinalIgnoreCase) && OperatingSystem.IsLinux()),
            ("MSBuild", "IsOsPlatform", 1) => Bool(string.Equals(args[0], "Linux", StringComparison.OrdinalIgnoreCase) && OperatingSystem.IsLinux()),
            ("MSBuild", "GetTargetFrameworkIdentifier", 1) => TargetFramework.TryParse(args[0]) is { } t ? new Expanded(t.Identifier, true) : new Expanded("", true),
            ("MSBuild", "GetTargetFrameworkVersion", 1 or 2) => TargetFramework.TryParse(args[0]) is { } v ? new Expanded(v.Version.ToString(2), true) : new Expanded("", true),
            ("MSBuild", "GetTargetPlatformIdentifier", 1) => new Expanded(TargetFramework.TryParse(args[0])?.Platform ?? "", true),
            ("MSBuild", "IsTargetFrameworkCompatible", 2) => TargetFramework.TryParse(args[0]) is { } a && TargetFramework.TryParse(args[1]) is { } b ? Bool(a.CanReference(b)) : Expanded.Unknown,
            ("MSBuild", "VersionEquals", 2) => CompareVersions(args, c => c == 0),
            ("MSBuild", "VersionNotEquals", 2) => CompareVersions(args, c => c != 0),
            ("MSBuild", "VersionGreaterThan", 2) => CompareVersions(args, c => c > 0),
            ("MSBuild", "VersionGreaterThanOrEquals", 2) => CompareVersions(args, c => c >= 0),
            ("MSBuild", "VersionLessThan", 2) => CompareVersions(args, c => c < 0),
            ("MSBuild", "VersionLessThanOrEquals", 2) => CompareVersions(args, c => c <= 0),
            ("System.IO.Path", "Combine", > 0) => new Expanded(Combine(args), true),
            ("System.IO.Path", "GetFullPath", 1) => new Expanded(FullPath(args[0]), true),
            ("System.IO.Path", "GetDirectoryName", 1) => new Expanded(Path.GetDirectoryName(args[0]) ?? "", true),
            ("System.IO.Path", "GetFileName", 1) => new Expanded(Path.GetFileName(args[0]), true),
            ("System.IO.File", "Exists", 1) => Bool(File.Exists(args[0])),
            ("System.IO.Directory", "Exists", 1) => Bool(Directory.Exists(args[0])),
            ("System.String", "IsNullOrEmpty", 1) => Bool(args[0].Length == 0),
            ("System.String", "IsNullOrWhiteSpace", 1) => Bool(args[0].Trim().Length == 0),
            ("System.String", "Copy", 1) => new Expanded(args[0], true),
            ("System.String", "Concat", > 0) => new Expanded(string.Concat(args), true),
            _ => Expanded.Unknown,
        };
    }

    private List<Expanded> Arguments(string list)
    {
        var result = new List<Expanded>();
        if (list.Trim().Length == 0)
        {
            return result;
        }

        var depth = 0;
        var quote = '\0';
        var start = 0;
        for (var i = 0; i <= list.Length; i++)
        {
            var c = i < list.Length ? list[i] : ',';
            if (quote != '\0')
            {
                quote = c == quote ? '\0' : quote;
                if (i < list.Length)
                {
                    continue;
                }
            }

            if (c is '\'' or '"' or '`')
            {
                quote = c;
            }
            else if (c == '(')
            {
                depth++;
            }
            else if (c == ')')
            {
                depth--;
            }
            else if (c == ',' && depth == 0)
            {
                var argument = list[start..Math.Min(i, list.Length)].Trim();
                if (argument.Length >= 2 && argument[0] is '\'' or '"' or '`' && argument[^1] == argument[0])
                {
                    argument = argument[1..^1];
                }

                result.Add(Expand(argument));
                start = i + 1;
            }
        }

        return result;
    }

    private string? FileAbove(string fileName, string startDirectory)
    {
        var start = startDirectory.Length == 0 ? thisFileDirectory : startDirectory;
        for (var folder = new DirectoryInfo(Path.GetFullPath(start)); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, fileName);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static string Combine(string[] parts)
    {
        var normalized = parts.Where(p => p.Length > 0).Select(p => p.Replace('\\', '/')).ToArray();
        return normalized.Length == 0 ? "" : Path.Combine(normalized);
    }

    // Relative paths in project files are relative to the file being read, not to this process.
    private string FullPath(string path) => Path.GetFullPath(path.Replace('\\', '/'), thisFileDirectory);

    private static string WithSlash(string path) => path.EndsWith('/') || path.EndsWith('\\') ? path : path + "/";

    private static Expanded Bool(bool value) => new(value ? "true" : "false", true);

    private static Expanded CompareVersions(string[] args, Func<int, bool> accept) =>
        Version.TryParse(Pad(args[0]), out var a) && Version.TryParse(Pad(args[1]), out var b) ? Bool(accept(a.CompareTo(b))) : Expanded.Unknown;

    private static string Pad(string version) => version.TrimStart('v', 'V').Contains('.', StringComparison.Ordinal)
        ? version.TrimStart('v', 'V')
        : version.TrimStart('v', 'V') + ".0";
}
