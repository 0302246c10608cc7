using System.Globalization;
using System.Text.RegularExpressions;

namespace TrackerRace.CorpusScan.Projects;

/// <summary>
/// A target framework moniker (<c>net10.0</c>, <c>net8.0-windows</c>, <c>netcoreapp3.1</c>,
/// <c>netstandard2.0</c>, <c>net472</c>) and the preprocessor symbols the SDK defines for it.
/// </summary>
public sealed partial record TargetFramework(string Moniker, string Identifier, Version Version, string? Platform)
{
    public const string NetCoreApp = ".NETCoreApp";
    public const string NetStandard = ".NETStandard";
    public const string NetFramework = ".NETFramework";

    private static readonly Version[] CoreVersionsBefore5 = [new(1, 0), new(1, 1), new(2, 0), new(2, 1), new(2, 2), new(3, 0), new(3, 1)];
    private static readonly Version[] StandardVersions = [new(1, 0), new(1, 1), new(1, 2), new(1, 3), new(1, 4), new(1, 5), new(1, 6), new(2, 0), new(2, 1)];
    private static readonly string[] FrameworkVersions = ["20", "35", "40", "45", "451", "452", "46", "461", "462", "47", "471", "472", "48", "481"];

    public static TargetFramework? TryParse(string moniker)
    {
        var text = moniker.Trim().ToLowerInvariant();
        var dash = text.IndexOf('-', StringComparison.Ordinal);
        var platform = dash > 0 ? text[(dash + 1)..] : null;
        var name = dash > 0 ? text[..dash] : text;
        if (CoreOrStandard().Match(name) is { Success: true } m && Version.TryParse(m.Groups[2].Value, out var version))
        {
            var identifier = m.Groups[1].Value switch
            {
                "netstandard" => NetStandard,
                "netcoreapp" => NetCoreApp,
                _ when version.Major >= 5 => NetCoreApp,
                _ => null,
            };
            return identifier is null ? null : new TargetFramework(text, identifier, version, platform);
        }

        if (FrameworkMoniker().Match(name) is { Success: true } f)
        {
            var digits = f.Groups[1].Value;
            var major = digits[0] - '0';
            var minor = digits.Length > 1 ? digits[1] - '0' : 0;
            var build = digits.Length > 2 ? digits[2] - '0' : 0;
            return new TargetFramework(text, NetFramework, new Version(major, minor, build), platform);
        }

        return null;
    }

    /// <summary>Reads an old-style project's <c>TargetFrameworkVersion</c> (<c>v4.7.2</c>).</summary>
    public static TargetFramework? FromFrameworkVersion(string frameworkVersion) =>
        Version.TryParse(frameworkVersion.Trim().TrimStart('v', 'V'), out var v)
            ? TryParse("net" + v.ToString().Replace(".", "", StringComparison.Ordinal))
            : null;

    /// <summary>
    /// The framework one compilation stands for: the newest .NET (5+) or .NET Core, platform-neutral first
    /// (this tool has only the portable reference packs), then .NET Standard, then .NET Framework.
    /// </summary>
    public static TargetFramework? Newest(IEnumerable<TargetFramework> frameworks) =>
        frameworks
            .OrderByDescending(f => f.Identifier switch { NetCoreApp => 3, NetStandard => 2, _ => 1 })
            .ThenBy(f => f.Platform is null ? 0 : 1)
            .ThenByDescending(f => f.Version)
            .FirstOrDefault();

    /// <summary>Whether a project on this framework can reference one built for <paramref name="other"/>.</summary>
    public bool CanReference(TargetFramework other) => (Identifier, other.Identifier) switch
    {
        (NetCoreApp, NetCoreApp) => Version >= other.Version,
        (NetCoreApp, NetStandard) => other.Version <= new Version(2, 1) && (Version >= new Version(3, 0) || other.Version <= new Version(2, 0)),
        (NetStandard, NetStandard) => Version >= other.Version,
        (NetFramework, NetFramework) => Version >= other.Version,
        (NetFramework, NetStandard) => other.Version <= new Version(2, 0) && Version >= new Version(4, 6, 1),
        _ => false,
    };

    /// <summary>The symbols the SDK defines for this framework (NET, NET10_0, NET5_0_OR_GREATER ...).</summary>
    public IReadOnlyList<string> PreprocessorSymbols()
    {
        var symbols = new List<string>();
        switch (Identifier)
        {
            case NetCoreApp when Version.Major >= 5:
                symbols.Add("NET");
                symbols.Add("NETCOREAPP");
                symbols.Add(Invariant($"NET{Version.Major}_{Version.Minor}"));
                symbols.AddRange(Enumerable.Range(5, Version.Major - 4).Select(v => Invariant($"NET{v}_0_OR_GREATER")));
                symbols.AddRange(CoreVersionsBefore5.Select(v => Invariant($"NETCOREAPP{v.Major}_{v.Minor}_OR_GREATER")));
                break;
            case NetCoreApp:
                symbols.Add("NETCOREAPP");
                symbols.Add(Invariant($"NETCOREAPP{Version.Major}_{Version.Minor}"));
                symbols.AddRange(CoreVersionsBefore5.Where(v => v <= Version).Select(v => Invariant($"NETCOREAPP{v.Major}_{v.Minor}_OR_GREATER")));
                break;
            case NetStandard:
                symbols.Add("NETSTANDARD");
                symbols.Add(Invariant($"NETSTANDARD{Version.Major}_{Version.Minor}"));
                symbols.AddRange(StandardVersions.Where(v => v <= Version).Select(v => Invariant($"NETSTANDARD{v.Major}_{v.Minor}_OR_GREATER")));
                break;
            case NetFramework:
                var digits = Invariant($"{Version.Major}{Version.Minor}{(Version.Build > 0 ? Version.Build.ToString(CultureInfo.InvariantCulture) : "")}");
                symbols.Add("NETFRAMEWORK");
                symbols.Add("NET" + digits);
                symbols.AddRange(FrameworkVersions.Where(v => string.CompareOrdinal(v.PadRight(3, '0'), digits.PadRight(3, '0')) <= 0).Select(v => $"NET{v}_OR_GREATER"));
                break;
        }

        if (Platform is { Length: > 0 } platform && PlatformName().Match(platform) is { Success: true } p)
        {
            symbols.Add(p.Value.ToUpperInvariant());
        }

        return symbols;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(net|netcoreapp|netstandard)(\d+\.\d+)$")]
    private static partial Regex CoreOrStandard();

    [GeneratedRegex(@"^net(\d{2,3})$")]
    private static partial Regex FrameworkMoniker();

    [GeneratedRegex(@"^[a-z]+")]
    private static partial Regex PlatformName();
}
