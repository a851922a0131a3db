namespace NetBufRules.Model;

/// <summary>How a value is pulled out of raw output.</summary>
internal enum ExtractKind
{
    /// <summary>The whole output, trimmed: a number when it reads as one.</summary>
    Text,

    /// <summary>A dotted path into JSON (scalar), or a map of names to paths (record).</summary>
    Json,

    /// <summary>Rows of a JSON array: <c>json_rows</c> path plus <c>columns</c> of name to path.</summary>
    JsonRows,

    /// <summary><c>Prefix.Name</c> in the /proc/net/snmp line-pair format (scalar), or a map (record).</summary>
    Snmp,

    /// <summary>Named groups of a regex: the group <c>value</c> is a scalar, others a record; <c>all</c> makes a table.</summary>
    Regex,

    /// <summary>Whitespace-separated columns, one row per line.</summary>
    Table,

    /// <summary>Whitespace-separated numbers named in order (tcp_rmem's triple).</summary>
    Fields,

    /// <summary>The number of non-empty lines.</summary>
    Lines,
}

/// <summary>An extractor and its arguments.</summary>
internal sealed record ExtractSpec(
    ExtractKind Kind,
    string? Path = null,
    IReadOnlyDictionary<string, string>? Map = null,
    IReadOnlyList<string>? Columns = null,
    bool All = false,
    int Skip = 0,
    bool Hex = false)
{
    /// <summary>The default extractor: trimmed text.</summary>
    public static ExtractSpec Text { get; } = new(ExtractKind.Text);
}
