namespace TrackerRace.CorpusScan.Projects;

/// <summary>
/// The global usings the .NET SDKs add when <c>ImplicitUsings</c> is enabled (as of .NET 10):
/// Microsoft.NET.Sdk's set, plus the Web and Worker SDKs' own.
/// </summary>
public static class ImplicitUsings
{
    private static readonly string[] Base =
    [
        "System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Threading", "System.Threading.Tasks",
    ];

    private static readonly string[] Hosting =
    [
        "Microsoft.Extensions.Configuration", "Microsoft.Extensions.DependencyInjection", "Microsoft.Extensions.Hosting", "Microsoft.Extensions.Logging",
    ];

    private static readonly string[] Web =
    [
        "System.Net.Http.Json", "Microsoft.AspNetCore.Builder", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Http", "Microsoft.AspNetCore.Routing",
    ];

    public const string WebSdk = "Microsoft.NET.Sdk.Web";
    public const string WorkerSdk = "Microsoft.NET.Sdk.Worker";

    public static IReadOnlyList<string> For(IReadOnlyCollection<string> sdks)
    {
        var usings = new List<string>(Base);
        if (sdks.Contains(WebSdk, StringComparer.OrdinalIgnoreCase))
        {
            usings.AddRange(Web);
            usings.AddRange(Hosting);
        }
        else if (sdks.Contains(WorkerSdk, StringComparer.OrdinalIgnoreCase))
        {
            usings.AddRange(Hosting);
        }

        return usings;
    }
}
