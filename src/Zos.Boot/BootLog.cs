using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Zos.Boot.Dhcp;
using Zos.Protocols.Dhcp;
using Zos.Protocols.Dhcp.Server;
using Zos.Protocols.Tftp;

namespace Zos.Boot;

/// <summary>
/// The boot server's log messages, source-generated (<see cref="LoggerMessageAttribute"/>) with stable event ids:
/// 1xx DHCP, 2xx TFTP, 3xx the registry reporter.
/// </summary>
internal static partial class BootLog
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Warning, Message = "DHCP lease file: {Error}")]
    public static partial void DhcpLeaseFileProblem(this ILogger logger, string error);

    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "DHCP loaded {Count} leases from {File}")]
    public static partial void DhcpLeasesLoaded(this ILogger logger, int count, string file);

    [LoggerMessage(EventId = 102, Level = LogLevel.Information, Message = "DHCP ({Mode}) listening on udp 0.0.0.0:{Port} interface {Interface} as {Server}")]
    public static partial void DhcpListening(this ILogger logger, DhcpServerMode mode, int port, string @interface, IPAddress server);

    [LoggerMessage(EventId = 103, Level = LogLevel.Information, Message = "DHCP stopped: {Counters}")]
    public static partial void DhcpStopped(this ILogger logger, DhcpCounters counters);

    [LoggerMessage(EventId = 104, Level = LogLevel.Debug, Message = "DHCP dropped a malformed datagram from {Source}: {Detail}")]
    public static partial void DhcpMalformed(this ILogger logger, IPEndPoint source, string detail);

    [LoggerMessage(EventId = 105, Level = LogLevel.Debug, Message = "DHCP {Request}: no reply ({Reason})")]
    public static partial void DhcpNoReply(this ILogger logger, DhcpMessage request, DhcpDropReason reason);

    [LoggerMessage(EventId = 106, Level = LogLevel.Information, Message = "DHCP {Request}: handled")]
    public static partial void DhcpHandled(this ILogger logger, DhcpMessage request);

    [LoggerMessage(EventId = 107, Level = LogLevel.Information, Message = "DHCP {Request} -> {Reply} to {Destination}")]
    public static partial void DhcpReplied(this ILogger logger, DhcpMessage request, DhcpMessage reply, IPEndPoint destination);

    [LoggerMessage(EventId = 108, Level = LogLevel.Error, Message = "DHCP exchange handler failed")]
    public static partial void DhcpExchangeHandlerFailed(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 109, Level = LogLevel.Debug, Message = "DHCP receive error: {Error}")]
    public static partial void DhcpReceiveError(this ILogger logger, SocketError error);

    [LoggerMessage(EventId = 110, Level = LogLevel.Error, Message = "DHCP failed to handle a datagram from {Source}")]
    public static partial void DhcpDatagramFailed(this ILogger logger, Exception exception, EndPoint source);

    [LoggerMessage(EventId = 111, Level = LogLevel.Warning, Message = "DHCP could not send to {Destination}: {Error}")]
    public static partial void DhcpSendFailed(this ILogger logger, IPEndPoint destination, SocketError error);

    [LoggerMessage(EventId = 112, Level = LogLevel.Error, Message = "DHCP cannot write the lease file {File}: {Error}")]
    public static partial void DhcpLeaseFileWriteFailed(this ILogger logger, string? file, string error);

    [LoggerMessage(EventId = 200, Level = LogLevel.Information, Message = "TFTP serving {Root} on udp {Endpoint}")]
    public static partial void TftpServing(this ILogger logger, string root, IPEndPoint endpoint);

    [LoggerMessage(EventId = 201, Level = LogLevel.Debug, Message = "TFTP receive: {Error}")]
    public static partial void TftpReceiveError(this ILogger logger, SocketError error);

    [LoggerMessage(EventId = 202, Level = LogLevel.Warning, Message = "TFTP: dropped a datagram from {Remote}")]
    public static partial void TftpDatagramDropped(this ILogger logger, Exception exception, EndPoint remote);

    [LoggerMessage(EventId = 203, Level = LogLevel.Debug, Message = "TFTP: malformed datagram from {Remote}: {Error}")]
    public static partial void TftpMalformed(this ILogger logger, IPEndPoint remote, string? error);

    [LoggerMessage(EventId = 204, Level = LogLevel.Information, Message = "TFTP: refused {File} to {Remote}: {Why}")]
    public static partial void TftpRefused(this ILogger logger, string file, IPEndPoint remote, string? why);

    [LoggerMessage(EventId = 205, Level = LogLevel.Debug, Message = "TFTP: cannot send error to {Remote}: {Error}")]
    public static partial void TftpErrorNotSent(this ILogger logger, IPEndPoint remote, SocketError error);

    [LoggerMessage(EventId = 206, Level = LogLevel.Information, Message = "TFTP: transfer of {File} to {Remote} failed: {Error}")]
    public static partial void TftpTransferFailed(this ILogger logger, string file, IPEndPoint remote, string error);

    [LoggerMessage(EventId = 207, Level = LogLevel.Information, Message = "TFTP: {Remote} stopped acknowledging {File}")]
    public static partial void TftpGaveUp(this ILogger logger, IPEndPoint remote, string file);

    [LoggerMessage(EventId = 208, Level = LogLevel.Information, Message = "TFTP: {Remote} aborted {File}: {Code} {Message}")]
    public static partial void TftpAborted(this ILogger logger, IPEndPoint remote, string file, TftpErrorCode code, string message);

    [LoggerMessage(EventId = 300, Level = LogLevel.Warning, Message = "registry refused {Count} boot event(s) of farm {Farm}: {Status} {Body}")]
    public static partial void BootEventsRefused(this ILogger logger, int count, uint farm, int status, string body);

    [LoggerMessage(EventId = 301, Level = LogLevel.Warning, Message = "cannot post {Count} boot event(s) to the registry: {Error}")]
    public static partial void BootEventsNotPosted(this ILogger logger, int count, string error);
}
