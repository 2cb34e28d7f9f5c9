namespace Zos.Linux.Netlink;

/// <summary>A decoded NLMSG_ERROR: errno 0 is a plain acknowledgement.</summary>
/// <param name="Errno">The positive errno (the kernel sends it negated), 0 for success.</param>
/// <param name="Sequence">The sequence number of the request it answers.</param>
/// <param name="Message">The extended-ack text (NLMSGERR_ATTR_MSG), or null.</param>
public readonly record struct NetlinkAck(int Errno, uint Sequence, string? Message);
