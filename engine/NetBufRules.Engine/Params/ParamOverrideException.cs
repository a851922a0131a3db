namespace NetBufRules.Params;

/// <summary>A --set or values file that cannot apply; the message names it and says what was expected.</summary>
internal sealed class ParamOverrideException(string message) : Exception(message);
