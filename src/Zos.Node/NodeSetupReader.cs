using Zos.Client;
using Zos.Core.Cmdline;
using Zos.Node.Bringup;
using Zos.Node.Registration;

namespace Zos.Node;

/// <summary>
/// Reads the kernel command line, the config and the identity. Never throws for bad input: every problem is a
/// message naming the parameter (or file) and the value, and the daemon goes on with the defaults. The targets that
/// prove the route out are zos-probe='s, else the config's connectivityTargets, else the run mode's Internet targets
/// (<see cref="InternetProbeTargets"/>): never the registry, which is checked on its own.
/// </summary>
public static class NodeSetupReader
{
    public static NodeSetup Read(NodeRunOptions options)
    {
        var problems = new List<string>();
        string cmdline;
        try
        {
            cmdline = File.ReadAllText(options.CmdlinePath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problems.Add($"--cmdline {options.CmdlinePath}: cannot read: {e.Message}");
            cmdline = "";
        }
        var parsed = BootParametersParser.Parse(cmdline);
        problems.AddRange(parsed.Errors.Select(e => e.ToString()));

        var (config, configProblems) = NodeConfigLoader.Load(options.ConfigPath);
        problems.AddRange(configProblems);

        Ed25519Identity? identity = null;
        try
        {
            identity = Ed25519Identity.LoadOrCreate(options.IdentityFile, Zos.Linux.Files.DirectorySync.Flush);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            problems.Add($"identity {options.IdentityFile}: {e.Message}; the node cannot register");
        }

        var configured = config.ConnectivityTargets.Select(t => ConnectivityTarget.TryParse(t, out var c) ? c : null).OfType<ConnectivityTarget>().ToList();
        IReadOnlyList<ConnectivityTarget> targets = parsed.Parameters.ProbeTargets is not null || configured.Count == 0
            ? [.. parsed.Parameters.EffectiveProbeTargets.Select(t => new ConnectivityTarget(t.Address.ToString(), t.Port))]
            : configured;
        var pin = new RegistryKeyPinFile(Path.Combine(options.StateDirectory, RegistryKeyPinFile.FileName));
        var trust = new RegistryTrust(parsed.Parameters.EffectiveRegistry, parsed.Parameters.RegistryPublicKey, pin);
        if (pin.Problem is { } pinProblem)
            problems.Add(pinProblem);
        return new NodeSetup(options, parsed.Parameters, config, identity, targets, problems) { Trust = trust };
    }
}
