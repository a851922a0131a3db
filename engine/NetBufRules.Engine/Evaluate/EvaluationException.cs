namespace NetBufRules.Evaluate;

/// <summary>A condition could not be evaluated; the message says why and how to fix it.</summary>
internal sealed class EvaluationException(string message) : Exception(message);
