namespace Zos.Protocols.Dhcp.Server;

/// <summary>Full: this server hands out addresses. Proxy: another server does; this one only adds PXE data (PXE 2.1 proxyDHCP).</summary>
public enum DhcpServerMode
{
    Full,
    Proxy,
}
