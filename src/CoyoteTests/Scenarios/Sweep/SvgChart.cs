using System.Globalization;
using System.Text;

namespace TrackerRace.Scenarios.Sweep;

/// <summary>Draws the sweep as a self-contained SVG: the share of buggy schedules per map length, over the predicted window.</summary>
public static class SvgChart
{
    private const int Width = 720;
    private const int Height = 320;
    private const int Left = 50;
    private const int Right = 20;
    private const int Top = 40;
    private const int Bottom = 50;

    public static string Render(IReadOnlyList<SweepPoint> points, string title)
    {
        var svg = new StringBuilder();
        var plotWidth = Width - Left - Right;
        var plotHeight = Height - Top - Bottom;
        var barWidth = plotWidth / (double)Math.Max(points.Count, 1);
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" font-family=\"sans-serif\" font-size=\"11\">");
        svg.Append(CultureInfo.InvariantCulture, $"<rect width=\"{Width}\" height=\"{Height}\" fill=\"white\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left}\" y=\"20\" font-size=\"14\">{Escape(title)}</text>");
        for (var i = 0; i < points.Count; i++)
        {
            var x = Left + (i * barWidth);
            if (points[i].Predicted != WindowPosition.Outside)
            {
                var shade = points[i].Predicted == WindowPosition.Inside ? "#fbc99a" : "#fdebd9";
                svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x:0.##}\" y=\"{Top}\" width=\"{barWidth:0.##}\" height=\"{plotHeight}\" fill=\"{shade}\"/>");
            }

            var h = points[i].Share * plotHeight;
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x + 1:0.##}\" y=\"{Top + plotHeight - h:0.##}\" width=\"{Math.Max(barWidth - 2, 1):0.##}\" height=\"{h:0.##}\" fill=\"#c0392b\"><title>{points[i].MapSeconds}s: {points[i].Buggy}/{points[i].Iterations}</title></rect>");
            if (points.Count <= 20 || points[i].MapSeconds % 10 == 0)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + (barWidth / 2):0.##}\" y=\"{Top + plotHeight + 15}\" text-anchor=\"middle\">{points[i].MapSeconds}</text>");
            }
        }

        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Top + plotHeight}\" x2=\"{Width - Right}\" y2=\"{Top + plotHeight}\" stroke=\"black\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Top}\" x2=\"{Left}\" y2=\"{Top + plotHeight}\" stroke=\"black\"/>");
        foreach (var share in new[] { 0.0, 0.5, 1.0 })
        {
            var y = Top + plotHeight - (share * plotHeight);
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 6}\" y=\"{y + 4:0.##}\" text-anchor=\"end\">{share:P0}</text>");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left + (plotWidth / 2)}\" y=\"{Height - 12}\" text-anchor=\"middle\">map phase (s). Shaded: window predicted from the constants (light: edge). Bars: buggy share</text>");
        svg.Append("</svg>");
        return svg.ToString();
    }

    private static string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal);
}
