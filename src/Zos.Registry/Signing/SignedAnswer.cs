namespace Zos.Registry.Signing;

/// <summary>Endpoint metadata: the answer of this route is signed with the registry's key (<see cref="SignedAnswerMiddleware"/>).</summary>
public sealed class SignedAnswer
{
    public static readonly SignedAnswer Instance = new();

    private SignedAnswer()
    {
    }
}
