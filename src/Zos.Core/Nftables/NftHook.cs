namespace Zos.Core.Nftables;

/// <summary>Netfilter hooks a base chain attaches to.</summary>
public enum NftHook
{
    /// <summary>Before routing.</summary>
    Prerouting,
    /// <summary>Packets for this host.</summary>
    Input,
    /// <summary>Routed packets.</summary>
    Forward,
    /// <summary>Locally generated packets.</summary>
    Output,
    /// <summary>After routing.</summary>
    Postrouting,
}
