using NetBufRules.Evaluate;
using NetBufRules.Model;

namespace NetBufRules.Watch;

/// <summary>
/// Hold and hysteresis for one playbook: it fires once its condition held for the playbook's <c>for:</c>, and clears once
/// it stayed false for <c>clear_after</c>, so one noisy window neither fires nor clears it. A window where the playbook
/// is skipped or in error says nothing either way.
/// </summary>
internal sealed class CauseTracker(Playbook playbook, TimeSpan defaultClearAfter)
{
    private readonly TimeSpan _clearAfter = playbook.ClearAfter ?? defaultClearAfter;
    private DateTimeOffset? _heldSince, _quietSince, _firedAt, _firstFired;
    private double? _peak, _peakEver;
    private TimeSpan _timeFired;
    private int _fires, _windowsSeen, _windows;

    /// <summary>True between a fire and its clear.</summary>
    public bool Firing => _firedAt is not null;

    /// <summary>How many times it fired.</summary>
    public int Fires => _fires;

    /// <summary>Takes one window's verdict and its key measurement; returns the transition it causes, if any.</summary>
    public WatchTransition? Observe(DateTimeOffset windowStart, DateTimeOffset windowEnd, FindingStatus status, string reason, double? key)
    {
        _windows++;
        if (status is FindingStatus.Skipped or FindingStatus.Error) return null;
        var held = status == FindingStatus.Fired;
        if (held)
        {
            _windowsSeen++;
            if (key is { } k) _peak = Math.Max(_peak ?? k, k);
        }
        if (_firedAt is null)
        {
            if (!held)
            {
                _heldSince = null;
                _peak = null;
                return null;
            }
            _heldSince ??= windowStart;
            if (windowEnd - _heldSince < playbook.Hold) return null;
            _firedAt = windowEnd;
            _firstFired ??= windowEnd;
            _quietSince = null;
            _fires++;
            return new WatchTransition(windowEnd, playbook.Id, TransitionKind.Fired, reason, null, null, null);
        }
        if (held)
        {
            _quietSince = null;
            return null;
        }
        _quietSince ??= windowStart;
        if (windowEnd - _quietSince < _clearAfter) return null;
        var lasted = windowEnd - _firedAt.Value;
        _timeFired += lasted;
        _firedAt = null;
        _heldSince = null;
        var peak = Say(_peak);
        if (_peak is { } p) _peakEver = Math.Max(_peakEver ?? p, p);
        _peak = null;
        return new WatchTransition(windowEnd, playbook.Id, TransitionKind.Cleared, "", lasted, peak, null);
    }

    /// <summary>The whole watch so far, counting a cause still fired up to <paramref name="now"/>.</summary>
    public CauseSummary Summary(DateTimeOffset now)
    {
        var peak = _firedAt is not null && _peak is { } p ? Math.Max(_peakEver ?? p, p) : _peakEver;
        var timeFired = _timeFired + (_firedAt is { } since ? now - since : TimeSpan.Zero);
        return new CauseSummary(playbook.Id, _firstFired, _fires, timeFired, Say(peak), _windowsSeen, _windows, Firing);
    }

    private string? Say(double? value) => value is { } v && playbook.Metrics.Count > 0 ? MetricText.Say(playbook.Metrics[0], v) : null;
}
