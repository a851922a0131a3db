using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace NetBufRules.Probe.Recording;

/// <summary>
/// Replaces the host name and addresses in a snapshot with stand-ins from the documentation ranges (192.0.2.0/24,
/// 2001:db8::/32, locally administered MACs), consistently, so the same address stays the same across probes and the
/// extractors still read the outputs. Loopback, "any", broadcast and multicast addresses carry no identity and are kept.
/// </summary>
internal sealed partial class SnapshotRedactor
{
    private readonly Dictionary<string, string> _ipv4 = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _ipv6 = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _mac = new(StringComparer.OrdinalIgnoreCase);
    private readonly Regex? _hostname;
    private readonly string? _domain;

    private SnapshotRedactor(string hostname, string? domain) =>
        (_hostname, _domain) = (hostname.Length > 0 ? HostNameWords.Pattern(hostname) : null, domain);

    public const string RedactedHost = "redacted-host";

    /// <summary>What stands in for the NIS domain name (<c>/proc/sys/kernel/domainname</c>, <c>domainname</c>).</summary>
    public const string RedactedDomain = "redacted-domain";

    /// <summary>
    /// The snapshot with its host name, NIS domain name (<paramref name="domain"/>; by default this host's, as
    /// <c>collect</c> records the host it runs on) and addresses replaced.
    /// </summary>
    public static Snapshot Redact(Snapshot snapshot, string? domain = null)
    {
        var r = new SnapshotRedactor(snapshot.Host.Hostname, NisDomain(domain ?? ReadDomain()));
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
                    Table = x.Table is null ? null : x.Table with { Rows = [.. x.Table.Rows.Select(row => (IReadOnlyDictionary<string, object>)row.ToDictionary(c => c.Key, c => c.Value is string text ? r.Text(text, hostName: !HostNameWords.ProcessColumns.Contains(c.Key)) : c.Value, StringComparer.Ordinal))] },
                })],
            })],
        };
    }

    private string Text(string text, bool hostName = true)
    {
        // Whole names only, and never a process's or unit's name that happens to be the host's (HostNameWords).
        if (hostName && _hostname is not null) text = _hostname.Replace(text, RedactedHost);
        if (_domain is not null)
            text = Regex.Replace(text, $@"(?<![\w.-]){Regex.Escape(_domain)}(?![\w-])", RedactedDomain, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(2));
        text = Mac().Replace(text, m => Keep(m.Value) ? m.Value : Stand(_mac, m.Value, n => $"02:00:00:00:{n / 256:x2}:{n % 256:x2}"));
        text = Ipv6().Replace(text, m => IPAddress.TryParse(m.Value, out var a) && Identifying6(a) ? Stand6(a) : m.Value);
        // /proc/net/tcp6, udp6, raw6: 32 hex digits, four 32-bit words each in little-endian order, and a port.
        text = HexIpv6Words().Replace(text, m => Hex6(m.Groups[1].Value, swapped: true, upper: true) + ":" + m.Groups[2].Value);
        // /proc/net/if_inet6, ipv6_route, igmp6, mcfilter6: 32 hex digits in network order.
        text = HexIpv6().Replace(text, m => Hex6(m.Value, swapped: false, upper: m.Value.Any(char.IsAsciiLetterUpper)));
        // /proc/net/route: destination and gateway, 8 hex digits little-endian, tab-separated after the interface.
        text = RouteLine().Replace(text, m => m.Groups[1].Value + Hex4(m.Groups[2].Value) + "\t" + Hex4(m.Groups[3].Value) + "\t");
        text = Ipv4().Replace(text, m => IPAddress.TryParse(m.Value, out var a) && Identifying(a) ? Stand(_ipv4, m.Value, V4) : m.Value);
        // /proc/net/{tcp,udp}: little-endian hex IPv4 and port, e.g. 0100007F:270F.
        text = HexIpv4().Replace(text, m => Hex4(m.Groups[1].Value) + ":" + m.Groups[2].Value);
        return text;
    }

    private static string V4(int n) => $"192.0.2.{n % 254 + 1}";

    /// <summary>
    /// Whether an IPv6 address says whose host this is: not loopback, "any" or multicast (groups are shared). A
    /// link-local address is redacted too: its EUI-64 form carries the MAC (fe80::211:22ff:fe33:4455 is 00:11:22:33:44:55).
    /// </summary>
    private static bool Identifying6(IPAddress a) =>
        !IPAddress.IsLoopback(a) && !a.Equals(IPAddress.IPv6Any) && !a.IsIPv6Multicast
        && !(a.IsIPv4MappedToIPv6 && !Identifying(a.MapToIPv4()));

    /// <summary>The stand-in for <paramref name="a"/>: link-local stays link-local (fe80::N), others go to 2001:db8::N.</summary>
    private string Stand6(IPAddress a) => a.IsIPv4MappedToIPv6
        ? IPAddress.Parse(Stand(_ipv4, a.MapToIPv4().ToString(), V4)).MapToIPv6().ToString()
        : Stand(_ipv6, a.ToString(), n => a.IsIPv6LinkLocal ? $"fe80::{n + 1:x}" : $"2001:db8::{n:x}");

    private string Hex6(string hex, bool swapped, bool upper)
    {
        var bytes = Convert.FromHexString(hex);
        if (swapped) SwapWords(bytes);
        var a = new IPAddress(bytes);
        if (!Identifying6(a)) return hex;
        var stand = IPAddress.Parse(Stand6(a)).GetAddressBytes();
        if (swapped) SwapWords(stand);
        return upper ? Convert.ToHexString(stand) : Convert.ToHexStringLower(stand);
    }

    private static void SwapWords(byte[] bytes)
    {
        for (var i = 0; i < bytes.Length; i += 4) Array.Reverse(bytes, i, 4);
    }

    private string Hex4(string hex)
    {
        var bytes = Convert.FromHexString(hex);
        Array.Reverse(bytes);
        var a = new IPAddress(bytes);
        if (!Identifying(a)) return hex;
        var stand = IPAddress.Parse(Stand(_ipv4, a.ToString(), V4)).GetAddressBytes();
        Array.Reverse(stand);
        return Convert.ToHexString(stand);
    }

    /// <summary>This host's NIS domain name, or null (none set, or not readable).</summary>
    private static string? ReadDomain()
    {
        try
        {
            return File.ReadAllText("/proc/sys/kernel/domainname");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string? NisDomain(string? raw) =>
        raw?.Trim() is { Length: > 0 } d && d != "(none)" ? d : null;

    /// <summary>
    /// Whether an IPv4 address says whose host this is: not loopback, "any", broadcast, 0.x, or a multicast group
    /// (224.0.0.0/4: groups are shared by every host that joins them, and multicast-limits counts them in
    /// <c>ip maddr</c>, leaving out 224.0.0.1, which a stand-in would hide).
    /// </summary>
    private static bool Identifying(IPAddress a) =>
        !IPAddress.IsLoopback(a) && !a.Equals(IPAddress.Any) && !a.Equals(IPAddress.Broadcast) && a.GetAddressBytes()[0] is not 0 and not (>= 224 and <= 239);

    /// <summary>
    /// A MAC kept as it is: all zeros, or a group address (the first octet's low bit: broadcast, the multicast MACs
    /// 01:00:5e:.. and 33:33:.. that <c>ip maddr</c> derives from a group, 01:80:c2:.. of STP and LLDP); only a unicast
    /// MAC names a card.
    /// </summary>
    private static bool Keep(string mac) =>
        mac.Replace(":", "", StringComparison.Ordinal) is "000000000000" || (Convert.ToByte(mac[..2], 16) & 1) == 1;

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

    [GeneratedRegex(@"\b([0-9A-F]{32}):([0-9A-F]{4})\b")]
    private static partial Regex HexIpv6Words();

    [GeneratedRegex(@"(?<![0-9A-Fa-f:])(?:[0-9a-f]{32}|[0-9A-F]{32})(?![0-9A-Fa-f:])")]
    private static partial Regex HexIpv6();

    [GeneratedRegex(@"(?m)^([^\t\n]+\t)([0-9A-F]{8})\t([0-9A-F]{8})\t(?=[0-9A-F]{4}\t)")]
    private static partial Regex RouteLine();
}
