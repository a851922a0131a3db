namespace NetBufRules.Model;

/// <summary>How a scalar was written; block scalars start their content on the next line.</summary>
internal enum YamlScalarStyle
{
    Plain,
    Quoted,
    Literal,
    Folded,
}
