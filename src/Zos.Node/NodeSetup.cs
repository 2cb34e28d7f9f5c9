using Zos.Client;
using Zos.Core.Cmdline;
using Zos.Node.Bringup;

namespace Zos.Node;

/// <summary>
/// The daemon's inputs once read and checked: parameters, config, identity (null when it could not be loaded), the
/// registry it uses (<see cref="BootParameters.EffectiveRegistry"/>) with one line saying where that came from, and the
/// <see cref="Targets"/> that prove the route out (never the registry).
/// </summary>
public sealed record NodeSetup(
    NodeRunOptions Options,
    BootParameters Parameters,
    NodeConfig Config,
    Ed25519Identity? Identity,
    IReadOnlyList<ConnectivityTarget> Targets,
    IReadOnlyList<string> Problems)
{
    public Uri Registry => Parameters.EffectiveRegistry;

    /// <summary>The registry's host and port, checked on its own once the route out works.</summary>
    public ConnectivityTarget RegistryTarget => ConnectivityTarget.FromUri(Registry);

    /// <summary>Which registry and why, for the console: zos-registry= or the run mode's default.</summary>
    public string RegistryChoice => Parameters.RegistryIsDefault
        ? $"no zos-registry= on the command line: using the {RunModes.ToText(Parameters.EffectiveRunMode)} default {Registry}" +
          (Parameters.RunMode is null ? " (no runmode= either: prod)" : "")
        : $"registry {Registry} (zos-registry= on the command line)";
}
