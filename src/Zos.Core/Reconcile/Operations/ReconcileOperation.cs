namespace Zos.Core.Reconcile.Operations;

/// <summary>
/// One ordered step of a pass, carrying everything the kernel side needs to carry it out (names, typed addresses
/// and routes, the WireGuard configuration, the ports the host firewall opens): applying one needs nothing but
/// itself. A closed set: <see cref="EnsureNdmz"/> for the node, and one <see cref="ResourceOperation"/> per step
/// that builds, repairs or removes a network resource.
/// </summary>
public abstract record ReconcileOperation
{
    private protected ReconcileOperation()
    {
    }

    /// <summary>"Kind netid [link] [value]", as errors and logs name a step.</summary>
    public sealed override string ToString()
    {
        var link = LinkText();
        var value = ValueText();
        return $"{GetType().Name} {NetIdText()}{(link is null ? "" : " " + link)}{(value is null ? "" : " " + value)}";
    }

    /// <summary>The network the step works on in messages ("" for a node-wide step).</summary>
    private protected abstract string NetIdText();

    /// <summary>The link the step works on in messages, if any.</summary>
    private protected virtual string? LinkText() => null;

    /// <summary>The value the step sets in messages (an address, a route, a port), if any.</summary>
    private protected virtual string? ValueText() => null;
}
