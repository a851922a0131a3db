namespace NetBufRules.Render;

/// <summary>A template failed to render; <see cref="Line"/> and <see cref="Column"/> are 0-based inside the template.</summary>
internal sealed class TemplateException(string message, int line = -1, int column = -1) : Exception(message)
{
    public int Line { get; } = line;

    public int Column { get; } = column;
}
