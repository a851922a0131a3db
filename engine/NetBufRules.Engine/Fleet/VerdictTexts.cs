using System.Collections.Concurrent;
using System.Text;

namespace NetBufRules.Fleet;

/// <summary>
/// Where a fleet replay keeps the long texts of its verdicts (the reasons of fired, advised and broken results) until
/// the report is written: in a private temporary file (mode 0600, deleted when closed), as UTF-8, so memory does not
/// grow with the number of hosts. A text already stored is stored once: hosts of a fleet often say the same thing.
/// Without a store (a single host, tests) a text stays in memory.
/// </summary>
internal sealed class VerdictTexts : IDisposable
{
    /// <summary>
    /// How many characters of distinct texts are remembered for sharing (about 2 MB); past it, a new text is stored
    /// again even if said before (still exact). A fleet whose hosts all say different things keeps no more than this.
    /// </summary>
    private const long MaxSharedChars = 1024 * 1024;

    /// <summary>Characters of texts remembered for sharing so far, words and reasons together.</summary>
    private long _sharedChars;

    private readonly FileStream? _file;
    private readonly Lock _lock = new();
    private readonly ConcurrentDictionary<string, StoredText> _shared = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _words = new(StringComparer.Ordinal);

    /// <summary>A store whose file is in <paramref name="folder"/> (default: the temporary folder, $TMPDIR).</summary>
    public VerdictTexts(string? folder = null)
    {
        var path = Path.Combine(folder ?? Path.GetTempPath(), $"netbufrules-fleet-{Environment.ProcessId}-{Guid.NewGuid():N}.txt");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.ReadWrite, Share = FileShare.None, Options = FileOptions.DeleteOnClose };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        try
        {
            _file = new FileStream(path, options);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // No writable temporary folder ($TMPDIR read-only or full): the reasons stay in memory, as for one host.
            _file = null;
        }
    }

    /// <summary>Whether texts go to the temporary file (false: no temporary folder could be written, they stay in memory).</summary>
    public bool Spills => _file is not null;

    /// <summary>One instance of a short text every host repeats (a playbook id, a kernel, a fix path, a culprit kind).</summary>
    public string Share(string text)
    {
        if (_words.TryGetValue(text, out var known)) return known;
        return Interlocked.Add(ref _sharedChars, text.Length) <= MaxSharedChars ? _words.GetOrAdd(text, text) : text;
    }

    /// <summary>Stores <paramref name="text"/>; a short one (an empty reason) is kept in memory, shared.</summary>
    public StoredText Add(string text)
    {
        if (text.Length <= 32) return StoredText.Of(Share(text));
        if (_file is null) return StoredText.Of(text);
        if (_shared.TryGetValue(text, out var known)) return known;
        var bytes = Encoding.UTF8.GetBytes(text);
        long offset;
        lock (_lock)
        {
            offset = _file.Length;
            try
            {
                RandomAccess.Write(_file.SafeFileHandle, bytes, offset);
            }
            catch (IOException)
            {
                // The folder filled up mid-replay: this text stays in memory (the ones written read back as before).
                return StoredText.Of(text);
            }
        }
        var stored = new StoredText(this, offset, bytes.Length, null);
        if (Interlocked.Add(ref _sharedChars, text.Length) <= MaxSharedChars) _shared.TryAdd(text, stored);
        return stored;
    }

    /// <summary>The text stored at <paramref name="offset"/>.</summary>
    public string Read(long offset, int length)
    {
        var bytes = new byte[length];
        var read = 0;
        while (read < length)
        {
            var n = RandomAccess.Read(_file!.SafeFileHandle, bytes.AsSpan(read), offset + read);
            if (n == 0) throw new IOException("the fleet's temporary verdict file was cut short");
            read += n;
        }
        return Encoding.UTF8.GetString(bytes);
    }

    /// <summary>The temporary file's path.</summary>
    public string? FilePath => _file?.Name;

    public void Dispose() => _file?.Dispose();
}

/// <summary>A verdict's text: in memory, or its place in the fleet's <see cref="VerdictTexts"/>.</summary>
internal readonly record struct StoredText(VerdictTexts? Store, long Offset, int Length, string? Inline)
{
    /// <summary>A text kept in memory.</summary>
    public static StoredText Of(string text) => new(null, 0, 0, text);

    /// <summary>The text (read back from the store when it was stored there).</summary>
    public string Value => Inline ?? Store!.Read(Offset, Length);

    public override string ToString() => Value;
}
