namespace Zos.Core.Bringup;

/// <summary>The fixed console/status wording of each <see cref="ProbeFailure"/>.</summary>
public static class ProbeFailureText
{
    public static string ToText(this ProbeFailure failure) => failure switch
    {
        ProbeFailure.NoCarrier => "no carrier",
        ProbeFailure.NoOffer => "no offer",
        ProbeFailure.NoRouter => "no router",
        ProbeFailure.NoRouteOut => "no route out",
        ProbeFailure.ProbeError => "probe failed",
        _ => throw new ArgumentOutOfRangeException(nameof(failure), failure, "unknown probe failure"),
    };
}
