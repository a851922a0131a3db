using System.Text.RegularExpressions;

namespace NetBufRules.Policy;

/// <summary>
/// A probe never asks a name server: <c>ss ... dst NAME</c> resolves NAME (a query to whatever server the name's zone
/// points at, an exfiltration channel and a wait of up to the probe's timeout), so the address after <c>dst</c> or
/// <c>src</c> must be written as numbers: IPv4, IPv6 (with a colon), a prefix, a port, or <c>*</c>.
/// </summary>
internal static partial class NumericAddresses
{
    private static readonly HashSet<string> AddressWords = new(StringComparer.Ordinal) { "dst", "src" };
    private static readonly HashSet<string> Operators = new(StringComparer.Ordinal) { "=", "==", "eq", "!=", "ne", "neq" };

    [GeneratedRegex(@"^(?:\*|\d{1,3}(?:\.\d{1,3}){0,3}(?:/\d{1,2})?|\[[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*(?:%[A-Za-z0-9_.@-]+)?\](?:/\d{1,3})?|[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*(?:/\d{1,3})?|)(?::(?:\d+|\*|[A-Za-z][A-Za-z0-9_-]*))?$", RegexOptions.CultureInvariant)]
    private static partial Regex Address();

    /// <summary>Null when every address operand of an <c>ss</c> filter is numeric; otherwise the argument to blame.</summary>
    public static CommandRefusal? Check(IReadOnlyList<string> argv)
    {
        for (var i = 1; i < argv.Count - 1; i++)
        {
            if (!AddressWords.Contains(argv[i])) continue;
            var at = i + 1 < argv.Count && Operators.Contains(argv[i + 1]) ? i + 2 : i + 1;
            if (at >= argv.Count) break;
            // IPv4 with a port is digits.digits...:port; a bare IPv6 address holds a colon; a name holds neither shape.
            if (!Address().IsMatch(argv[at]) || argv[at].Length == 0)
                return new CommandRefusal(at, $"probe command '{string.Join(' ', argv)}' is not allowed: '{argv[at]}' is a host name, which ss would look up in the DNS",
                    "write the address as numbers (10.0.0.1, 10.0.0.0/8, [fe80::1]:80, :443); a probe never asks a name server");
        }
        return null;
    }
}
