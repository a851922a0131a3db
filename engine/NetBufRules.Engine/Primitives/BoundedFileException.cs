namespace NetBufRules.Primitives;

/// <summary>A file refused before or while reading it: not regular, or over its size limit.</summary>
internal sealed class BoundedFileException(string message) : Exception(message);
