using System.Net;

namespace Zos.Boot.Tftp;

/// <summary>A read request the server answered: who asked for what, and whether a transfer started.</summary>
public sealed record TftpFileRequest(IPEndPoint Client, string FileName, bool Served, string? Refusal);
