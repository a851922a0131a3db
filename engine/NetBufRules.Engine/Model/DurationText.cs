using System.Globalization;

namespace NetBufRules.Model;

/// <summary>Durations as playbooks and the command line write them: <c>10s</c>, <c>500ms</c>, <c>2m</c>, <c>1h</c>, or plain seconds.</summary>
internal static class DurationText
{
    /// <summary>Parses <paramref name="text"/>; false when it is not a duration of zero or more.</summary>
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text)) return false;
        text = text.Trim();
        var factor = 1.0;
        if (text.EndsWith("ms", StringComparison.Ordinal)) { factor = 0.001; text = text[..^2]; }
        else if (text.EndsWith('s')) text = text[..^1];
        else if (text.EndsWith('m')) { factor = 60; text = text[..^1]; }
        else if (text.EndsWith('h')) { factor = 3600; text = text[..^1]; }
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < 0 || double.IsInfinity(value) || value * factor > 366 * 86400)
            return false;
        duration = TimeSpan.FromSeconds(value * factor);
        return true;
    }

    /// <summary>A duration for people: "30 s", "4 min 10 s", "2 h 5 min".</summary>
    public static string Say(TimeSpan duration)
    {
        var seconds = (long)Math.Round(duration.TotalSeconds);
        if (seconds < 60) return $"{seconds} s";
        if (seconds < 3600) return seconds % 60 == 0 ? $"{seconds / 60} min" : $"{seconds / 60} min {seconds % 60} s";
        return $"{seconds / 3600} h {seconds % 3600 / 60} min";
    }
}
