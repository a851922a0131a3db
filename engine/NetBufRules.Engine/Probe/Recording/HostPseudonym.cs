using System.Security.Cryptography;
using System.Text;

namespace NetBufRules.Probe.Recording;

/// <summary>
/// A name for this host's snapshot file that is stable across runs and unique across a fleet, but is not the host's
/// name (a fleet replay labels each host by its file name, so <c>collect --redact -o .../%H.json</c> undid the
/// redaction). Derived from the machine ID the way systemd derives an application's ID from it (HMAC-SHA256 keyed
/// by the machine ID), so the machine ID itself, which systemd asks never to expose, is not in it either.
/// </summary>
internal static class HostPseudonym
{
    /// <summary>The placeholder in <c>collect -o</c> replaced by the pseudonym.</summary>
    public const string Token = "{host-id}";

    private const string MachineIdFile = "/etc/machine-id";

    /// <summary><c>host-</c> and 12 hex digits for <paramref name="machineId"/>, or null when it is empty.</summary>
    public static string? Of(string? machineId) => machineId?.Trim() is { Length: > 0 } id
        ? "host-" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.ASCII.GetBytes(id), "netbufrules snapshot file name"u8))[..12]
        : null;

    /// <summary>This host's pseudonym, or null when <c>/etc/machine-id</c> is missing, unreadable or empty.</summary>
    public static string? OfThisHost()
    {
        try
        {
            return Of(File.ReadAllText(MachineIdFile));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
