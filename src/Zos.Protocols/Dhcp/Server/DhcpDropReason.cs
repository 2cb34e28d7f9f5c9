namespace Zos.Protocols.Dhcp.Server;

/// <summary>Why no reply was sent; the server counts each. <see cref="None"/> means a reply or a handled RELEASE/DECLINE.</summary>
public enum DhcpDropReason
{
    None = 0,
    Malformed,
    NotARequest,
    NoMessageType,
    UnsupportedMessageType,
    NotEthernet,
    UnknownClient,
    NoSubnet,
    PoolExhausted,
    OtherServerSelected,
    NoRecordOfClient,
    InvalidRequest,
    NotPxeClient,
    NoBootFile,
    ProxyIgnoresMessage,
    NotForThisServer,
}
