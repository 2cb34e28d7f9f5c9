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
        ProbeFailure.CutShort => "no answer yet when another NIC was chosen",
        ProbeFailure.NotProbed => "not probed: another NIC was chosen first",
        ProbeFailure.ProbeError => "probe failed",
        _ => throw new ArgumentOutOfRangeException(nameof(failure), failure, "unknown probe failure"),
    };
}
