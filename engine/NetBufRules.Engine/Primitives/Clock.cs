namespace NetBufRules.Primitives;

/// <summary>Waiting until a moment has really passed.</summary>
internal static class Clock
{
    /// <summary>
    /// Returns once <paramref name="moment"/> has passed. A timer may wake a little early, and a sampling window or a
    /// watch deadline is a promise: it waits again for what is left (a watch of 1 s every 0.25 s once ran a sixth
    /// window on the early wake-ups of the five before).
    /// </summary>
    public static async Task DelayUntilAsync(DateTimeOffset moment, CancellationToken cancellationToken)
    {
        TimeSpan remaining;
        while ((remaining = moment - DateTimeOffset.UtcNow) > TimeSpan.Zero)
            await Task.Delay(remaining + TimeSpan.FromMilliseconds(1), cancellationToken).ConfigureAwait(false);
    }
}
