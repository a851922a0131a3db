using System.Buffers;
using System.Text;

namespace NetBufRules.Probe;

/// <summary>Keeps at most a fixed number of bytes of a stream and drains the rest, so a chatty probe cannot exhaust memory.</summary>
internal sealed class CappedBuffer(int capBytes)
{
    private readonly ArrayBufferWriter<byte> _kept = new();

    public bool Truncated { get; private set; }

    public async Task CopyFromAsync(Stream source, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            var room = capBytes - _kept.WrittenCount;
            if (room > 0) _kept.Write(buffer.AsSpan(0, Math.Min(room, read)));
            if (read > room) Truncated = true;
        }
    }

    public override string ToString() => Encoding.UTF8.GetString(_kept.WrittenSpan);
}
