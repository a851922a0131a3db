namespace NetBufRules.Probe;

/// <summary>What a probe found: a scalar, a record of named scalars, or a table of rows.</summary>
internal abstract record ProbeValue;

/// <summary>A number (double) or a string; counters also carry their delta and rate per second.</summary>
internal sealed record ScalarValue(object Value, double? Delta = null, double? Rate = null) : ProbeValue
{
    /// <summary>The value as a number, or null when it is text.</summary>
    public double? Number => Value as double?;
}

/// <summary>Named scalars, e.g. the fields of tcp_mem or several snmp counters.</summary>
internal sealed record RecordValue(IReadOnlyDictionary<string, ScalarValue> Fields) : ProbeValue;

/// <summary>Rows of named cells (double or string); counter tables add <c>col_delta</c> and <c>col_rate</c> cells.</summary>
internal sealed record TableValue(IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyDictionary<string, object>> Rows) : ProbeValue;
