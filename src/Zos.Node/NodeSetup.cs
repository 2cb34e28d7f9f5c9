using Zos.Client;
using Zos.Core.Cmdline;
using Zos.Node.Bringup;

namespace Zos.Node;

/// <summary>The daemon's inputs once read and checked: parameters, config, identity (null when it could not be loaded).</summary>
public sealed record NodeSetup(
    NodeRunOptions Options,
    BootParameters Parameters,
    NodeConfig Config,
    Ed25519Identity? Identity,
    IReadOnlyList<ConnectivityTarget> Targets,
    IReadOnlyList<string> Problems);
