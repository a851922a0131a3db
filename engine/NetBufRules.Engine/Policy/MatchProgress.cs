namespace NetBufRules.Policy;

/// <summary>How far any attempt got: the first argument no attempt could take is the one to blame.</summary>
internal sealed class MatchProgress
{
    public int Furthest { get; private set; }

    public void Reached(int index) => Furthest = Math.Max(Furthest, index);
}
