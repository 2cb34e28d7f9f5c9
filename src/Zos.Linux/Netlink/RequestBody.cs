namespace Zos.Linux.Netlink;

/// <summary>Writes the body of a request (family header and attributes) after the nlmsghdr the socket wrote.</summary>
public delegate void RequestBody(ref NetlinkWriter writer);
