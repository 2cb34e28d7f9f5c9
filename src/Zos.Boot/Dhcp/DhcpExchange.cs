using System.Net;
using Zos.Core.Primitives;
using Zos.Protocols.Dhcp;
using Zos.Protocols.Dhcp.Server;

namespace Zos.Boot.Dhcp;

/// <summary>One handled request, for a boot log ("DHCP seen"): who asked, what they got (or why not).</summary>
public sealed record DhcpExchange(
    MacAddress? Client,
    DhcpMessageType? Request,
    DhcpMessageType? Reply,
    IPAddress? Address,
    string? BootFile,
    DhcpDropReason DropReason);
