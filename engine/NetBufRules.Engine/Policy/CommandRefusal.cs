namespace NetBufRules.Policy;

/// <summary>Why a command line was refused: the index of the argv element to blame, a message and the nearest allowed form.</summary>
internal sealed record CommandRefusal(int ArgIndex, string Message, string Hint);
