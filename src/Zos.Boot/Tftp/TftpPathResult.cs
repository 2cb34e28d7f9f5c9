using Zos.Protocols.Tftp;

namespace Zos.Boot.Tftp;

/// <summary>A requested name resolved to a file inside the root, or the TFTP error to answer with.</summary>
public readonly record struct TftpPathResult(string? FullPath, TftpErrorCode ErrorCode, string? Error)
{
    public bool IsSuccess => FullPath is not null;
}
