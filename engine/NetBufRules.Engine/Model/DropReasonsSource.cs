namespace NetBufRules.Model;

/// <summary>
/// Built-in table of the kernel's packet drop reasons (tracepoint skb:kfree_skb) counted over the sampling window:
/// <c>reason count rate location</c>. Host-wide: a run inside a network namespace sees every namespace's drops.
/// </summary>
internal sealed record DropReasonsSource : SourceSpec
{
    /// <summary>The columns of the table, in order.</summary>
    public static readonly IReadOnlyList<string> Columns = ["reason", "count", "rate", "location"];

    public override string Key => "drop_reasons";

    public override string Describe() => "tracefs skb:kfree_skb (drop reasons)";

    public override bool SpansWindow => true;
}
