namespace Zos.Protocols.Tftp;

/// <summary>
/// The outcome of RFC 2347 negotiation for one read transfer: the parameters in force and the options to list in the
/// OACK (empty when the server accepted none, in which case DATA block 1 answers the request directly).
/// </summary>
public sealed record TftpNegotiatedOptions(int BlockSize, TimeSpan Timeout, IReadOnlyList<KeyValuePair<string, string>> Acknowledged)
{
    public bool NeedsOptionAck => Acknowledged.Count > 0;
}
