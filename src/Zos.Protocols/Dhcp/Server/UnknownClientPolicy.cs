namespace Zos.Protocols.Dhcp.Server;

/// <summary>What to do with a MAC that is neither reserved nor in the known list.</summary>
public enum UnknownClientPolicy
{
    /// <summary>Stay silent: the machine is not part of the farm (the default).</summary>
    Ignore,

    /// <summary>Serve it like a known client; its boot script then has no farmer id and the node comes up as an orphan.</summary>
    ServeAsOrphan,
}
