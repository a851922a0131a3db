using System.Globalization;
using NetBufRules.Model;

namespace NetBufRules.Watch;

/// <summary>A key measurement for people: "1,240 listen overflows/s", "fill 93%".</summary>
internal static class MetricText
{
    /// <summary>The value of <paramref name="metric"/> in words.</summary>
    public static string Say(MetricSpec metric, double value)
    {
        var culture = CultureInfo.InvariantCulture;
        string Number(double v) => Math.Abs(v) >= 100 || v == Math.Floor(v) ? v.ToString("N0", culture) : v.ToString("0.#", culture);
        return metric.Unit switch
        {
            MetricUnit.PerSecond => $"{Number(value)} {metric.Words}/s",
            MetricUnit.Ratio => $"{metric.Words} {(value * 100).ToString("0", culture)}%",
            MetricUnit.Bytes => $"{metric.Words} {Number(value)} bytes",
            MetricUnit.Seconds => $"{metric.Words} {Number(value)} s",
            _ => $"{Number(value)} {metric.Words}",
        };
    }
}
