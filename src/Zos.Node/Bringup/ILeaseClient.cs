namespace Zos.Node.Bringup;

/// <summary>
/// The long-running DHCPv4 client on a link (udhcpc through Zos.Linux). It configures nothing itself: it reports
/// lease events and bring-up applies them through <see cref="ILinkControl"/>.
/// </summary>
public interface ILeaseClient
{
    /// <summary>Starts the client on <paramref name="link"/>; the returned handle stops it (and releases nothing: the lease stays).</summary>
    IAsyncDisposable Start(string link, Action<LeaseEvent> onEvent);
}
