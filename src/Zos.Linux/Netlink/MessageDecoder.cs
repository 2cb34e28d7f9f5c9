namespace Zos.Linux.Netlink;

/// <summary>Turns one reply message of a dump into a result, or null to skip it.</summary>
public delegate T? MessageDecoder<T>(NetlinkMessage message) where T : class;
