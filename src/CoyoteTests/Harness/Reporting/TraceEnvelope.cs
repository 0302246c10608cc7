using System.Text.Json;
using System.Text.Json.Serialization;

namespace TrackerRace.Coyote.Reporting;

/// <summary>
/// A saved failing schedule with what it needs to replay: the test that recorded it and the options Coyote's own trace
/// does not hold (the virtual clock's, the strategy's), and the assemblies it ran. Coyote replays a foreign or outdated
/// trace silently as a pass; the envelope lets a replay refuse it by name instead.
/// </summary>
public sealed record TraceEnvelope(
    string Test,
    string Strategy,
    uint Seed,
    int Iteration,
    string ClockOptions,
    IReadOnlyList<string> Assemblies,
    string CoyoteTrace)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>The envelope as indented JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Reads an envelope; a file that is not one fails with its path and what was expected.</summary>
    public static TraceEnvelope Load(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<TraceEnvelope>(File.ReadAllText(path), Json)
                ?? throw new InvalidDataException($"'{path}' is empty: expected a .trace.json written by a failing TrackerRace.Coyote run.");
        }
        catch (JsonException error)
        {
            throw new InvalidDataException($"'{path}' is not a TrackerRace.Coyote trace (.trace.json written by a failing run): {error.Message}", error);
        }
    }

    /// <summary>The clock options as the envelope stores them, to compare with a replay's.</summary>
    [JsonIgnore]
    public static Func<object, string> Describe { get; } = options => JsonSerializer.Serialize(options, options.GetType(), Json);
}
