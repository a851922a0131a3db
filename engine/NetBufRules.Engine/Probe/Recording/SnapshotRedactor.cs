using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace NetBufRules.Probe.Recording;

/// <summary>
/// Replaces the host name and addresses in a snapshot with stand-ins from the documentation ranges (192.0.2.0/24,
/// 2001:db8::/32, locally administered MACs), consistently, so the same address stays the same across probes and the
/// extractors still read the outputs. Loopback, "any" and broadcast addresses carry no identity and are kept.
/// </summary>
internal sealed partial class SnapshotRedactor
{
    private readonly Dictionary<string, string> _ipv4 = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _ipv6 = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _mac = new(StringComparer.OrdinalIgnoreCase);
    private readonly string _hostname;

    private SnapshotRedactor(string hostname) => _hostname = hostname;

    public const string RedactedHost = "redacted-host";

    public static Snapshot Redact(Snapshot snapshot)
    {
        var r = new SnapshotRedactor(snapshot.Host.Hostname);
        return snapshot with
        {
            Host = snapshot.Host with { Hostname = RedactedHost },
            Sources = [.. snapshot.Sources.Select(s => s with
            {
                Samples = [.. s.Samples.Select(x => x with
                {
                    Stdout = r.Text(x.Stdout),
                    Stderr = r.Text(x.Stderr),
                    FailureMessage = x.FailureMessage is null ? null : r.Text(x.FailureMessage),
                    Table = x.Table is null ? null : x.Table with { Rows = [.. x.Table.Rows.Select(row => (IReadOnlyDictionary<string, object>)row.ToDictionary(c => c.Key, c => c.Value is string text ? r.Text(text) : c.Value, StringComparer.Ordinal))] },
                })],
            })],
        };
    }

    private string Text(string text)
    {
        // Whole names only: a host called "vm" must not turn /proc/vmstat's "nr_vmscan" into nonsense.
        if (_hostname.Length > 0)
            text = Regex.Replace(text, $@"(?<![\w.-]){Regex.Escape(_hostname)}(?![\w-])", RedactedHost, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(2));
        text = Mac().Replace(text, m => Keep(m.Value) ? m.Value : Stand(_mac, m.Value, n => $"02:00:00:00:{n / 256:x2}:{n % 256:x2}"));
        text = Ipv6().Replace(text, m => IPAddress.TryParse(m.Value, out var a) && !IPAddress.IsLoopback(a) && !a.Equals(IPAddress.IPv6Any) && !a.IsIPv6LinkLocal
            ? Stand(_ipv6, a.ToString(), n => $"2001:db8::{n:x}") : m.Value);
        text = Ipv4().Replace(text, m => IPAddress.TryParse(m.Value, out var a) && Identifying(a) ? Stand(_ipv4, m.Value, V4) : m.Value);
        // /proc/net/{tcp,udp}: little-endian hex IPv4 and port, e.g. 0100007F:270F.
        text = HexIpv4().Replace(text, m =>
        {
            var bytes = Convert.FromHexString(m.Groups[1].Value);
            Array.Reverse(bytes);
            var a = new IPAddress(bytes);
            if (!Identifying(a)) return m.Value;
            var stand = IPAddress.Parse(Stand(_ipv4, a.ToString(), V4)).GetAddressBytes();
            Array.Reverse(stand);
            return Convert.ToHexString(stand) + ":" + m.Groups[2].Value;
        });
        return text;
    }

    private static string V4(int n) => $"192.0.2.{n % 254 + 1}";

    private static bool Identifying(IPAddress a) =>
        !IPAddress.IsLoopback(a) && !a.Equals(IPAddress.Any) && !a.Equals(IPAddress.Broadcast) && a.GetAddressBytes()[0] != 0;

    private static bool Keep(string mac) => mac.Replace(":", "", StringComparison.Ordinal) is "000000000000" or "ffffffffffff" or "FFFFFFFFFFFF";

    private static string Stand(Dictionary<string, string> map, string key, Func<int, string> make)
    {
        if (!map.TryGetValue(key, out var value)) map[key] = value = make(map.Count);
        return value;
    }

    [GeneratedRegex(@"(?<![\w:])(?:[0-9a-fA-F]{2}:){5}[0-9a-fA-F]{2}(?![\w:])")]
    private static partial Regex Mac();

    [GeneratedRegex(@"(?<![\w:.])(?:(?:[0-9a-fA-F]{1,4}:){3,7}[0-9a-fA-F]{1,4}|(?:[0-9a-fA-F]{1,4}:){1,7}:(?:[0-9a-fA-F]{1,4}(?::[0-9a-fA-F]{1,4}){0,6})?|::[0-9a-fA-F]{1,4}(?::[0-9a-fA-F]{1,4}){0,6})(?![\w:])")]
    private static partial Regex Ipv6();

    [GeneratedRegex(@"(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?![\w.])")]
    private static partial Regex Ipv4();

    [GeneratedRegex(@"\b([0-9A-F]{8}):([0-9A-F]{4})\b")]
    private static partial Regex HexIpv4();
}
