namespace NetBufRules.Probe.Recording;

/// <summary>A snapshot file that cannot be read; the message names the file and place.</summary>
internal sealed class SnapshotException(string message) : Exception(message);
