namespace Zos.Core.Nftables;

/// <summary>Transport protocols with ports.</summary>
public enum NftTransport
{
    /// <summary>TCP.</summary>
    Tcp,
    /// <summary>UDP.</summary>
    Udp,
}
