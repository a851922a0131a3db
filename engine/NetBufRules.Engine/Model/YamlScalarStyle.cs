namespace NetBufRules.Model;

/// <summary>How a scalar was written; block scalars start their content on the next line.</summary>
public enum YamlScalarStyle
{
    Plain,
    Quoted,
    Literal,
    Folded,
}
