using System.Globalization;
using Microsoft.Coyote.Random;
using TrackerRace.Coyote.Reporting;

namespace TrackerRace.Coyote.Choices;

/// <summary>
/// Values a test leaves to Coyote ("the map phase takes 100-160 s", "which of the three workers crashes"). Coyote draws
/// them, so a failing schedule replays with the same values, and each draw is written to the timeline.
/// </summary>
public sealed class Choices
{
    private readonly Generator generator = Generator.Create();
    private readonly Timeline timeline;

    internal Choices(Timeline timeline) => this.timeline = timeline;

    /// <summary>A whole number in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public int Number(int min, int max, string? what = null)
    {
        if (max < min)
        {
            throw new ArgumentOutOfRangeException(nameof(max), max, $"Choose.Number('{what ?? "number"}'): max must be at least min ({min}).");
        }

        // Coyote chooses among at most int.MaxValue values; a wider range would wrap around silently.
        if ((long)max - min + 1 > int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(max), max, $"Choose.Number('{what ?? "number"}'): {min}..{max} holds more values than Coyote can choose among (int.MaxValue).");
        }

        var value = min + this.generator.NextInteger(max - min + 1);
        this.Note(what ?? "number", value.ToString(CultureInfo.InvariantCulture));
        return value;
    }

    /// <summary>A duration in [<paramref name="min"/>, <paramref name="max"/>] in whole <paramref name="step"/>s (one second by default).</summary>
    public TimeSpan Duration(TimeSpan min, TimeSpan max, TimeSpan? step = null, string? what = null)
    {
        var unit = step ?? TimeSpan.FromSeconds(1);
        if (unit <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(step), unit, $"Choose.Duration('{what ?? "duration"}'): step must be positive.");
        }

        if (max < min)
        {
            throw new ArgumentOutOfRangeException(nameof(max), max, $"Choose.Duration('{what ?? "duration"}'): max must be at least min ({min}).");
        }

        var steps = (max - min).Ticks / unit.Ticks;
        if (steps > int.MaxValue - 1)
        {
            throw new ArgumentOutOfRangeException(nameof(step), unit, $"Choose.Duration('{what ?? "duration"}'): too many steps between min and max for Coyote to choose among; use a larger step.");
        }

        var value = min + unit * this.generator.NextInteger((int)steps + 1);
        this.Note(what ?? "duration", $"{value.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)}s");
        return value;
    }

    /// <summary>True or false.</summary>
    public bool Boolean(string? what = null)
    {
        var value = this.generator.NextBoolean();
        this.Note(what ?? "boolean", value ? "true" : "false");
        return value;
    }

    /// <summary>One of <paramref name="options"/>.</summary>
    public T OneOf<T>(IReadOnlyList<T> options, string? what = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Count == 0)
        {
            throw new ArgumentException($"Choose.OneOf('{what ?? "one of"}'): there must be at least one option to choose from.", nameof(options));
        }

        var value = options[this.generator.NextInteger(options.Count)];
        this.Note(what ?? "one of", value?.ToString() ?? "null");
        return value;
    }

    private void Note(string what, string value) => this.timeline.Add("choice", "test", $"{what} = {value}");
}
