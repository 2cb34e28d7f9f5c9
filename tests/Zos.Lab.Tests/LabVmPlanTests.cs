using Xunit;
using Zos.Boot.Configuration;
using Zos.Lab.Runtime;
using Zos.Lab.Scenarios;
using Zos.Lab.Topology;
using Zos.Lab.Vm;

namespace Zos.Lab.Tests;

public sealed class LabVmPlanTests
{
    private const string Farm = """
        name: vm-farm
        boot:
          runmode: dev
        switches:
          - name: oob
        router:
          name: router
          nat: true
          ports:
            - switch: oob
              ipv4: 10.30.0.1/24
        management:
          switch: oob
          subnet: 10.30.0.0/24
          gateway: 10.30.0.1
          dhcp_range: { start: 10.30.0.100, end: 10.30.0.199 }
        boot_server:
          switch: oob
          address: 10.30.0.2/24
        nodes:
          - name: disk
            kind: vm
            management_address: 10.30.0.11
            nics:
              - { name: eth0, mac: "52:54:00:30:00:01", switch: oob, role: management }
          - name: nodisk
            kind: vm
            state_disk: false
            management_address: 10.30.0.12
            nics:
              - { name: eth0, mac: "52:54:00:30:00:02", switch: oob, role: management }
          - name: stranger
            kind: vm
            listed: false
            management_address: 10.30.0.13
            nics:
              - { name: eth0, mac: "52:54:00:30:00:03", switch: oob, role: management }
        """;

    private static LabScenario Resolve(string text)
    {
        var (scenario, problems) = TryResolve(text);
        return scenario ?? throw new InvalidOperationException(string.Join("; ", problems));
    }

    private static (LabScenario? Scenario, IReadOnlyList<string> Problems) TryResolve(string text)
    {
        var file = Path.Combine(Path.GetTempPath(), $"zos-lab-vm-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(file, text);
        try
        {
            return ScenarioCatalog.Resolve(file, Scenarios.Examples);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Resolve_LabKeys_TakenOutOfTheFarmFileIntoNodeOptions()
    {
        var scenario = Resolve(Farm);

        var farm = scenario.Farms.Single();
        Assert.Equal(
            ["disk Vm True True", "nodisk Vm False True", "stranger Vm True False"],
            farm.Nodes.Select(n => scenario.Options(farm, n)).Zip(farm.Nodes, (o, n) => $"{n.Name} {o.Kind} {o.StateDisk} {o.Listed}"));
    }

    [Theory]
    [InlineData("kind: vm", "kind: box", "nodes[0].kind: 'box' is not a lab node kind (expected vm or namespace)")]
    [InlineData("state_disk: false", "state_disk: maybe", "nodes[1].state_disk: 'maybe' is not true or false")]
    public void Resolve_BadLabKey_RefusedNamingNodeKeyAndValue(string good, string bad, string problem)
    {
        var index = Farm.IndexOf(good, StringComparison.Ordinal);
        var (scenario, problems) = TryResolve(Farm[..index] + bad + Farm[(index + good.Length)..]);

        Assert.Null(scenario);
        Assert.Contains(problems, p => p.EndsWith(problem, StringComparison.Ordinal));
    }

    [Fact]
    public void Resolve_FarmErrorAfterALabKey_KeepsTheFileLineNumber()
    {
        var text = Farm.Replace("management_address: 10.30.0.12", "management_adress: 10.30.0.12", StringComparison.Ordinal);
        var line = text.Split('\n').ToList().FindIndex(l => l.Contains("management_adress", StringComparison.Ordinal)) + 1;

        var (_, problems) = TryResolve(text);

        Assert.Contains(problems, p => p.Contains("management_adress", StringComparison.Ordinal) && p.Contains($"line {line}", StringComparison.Ordinal));
    }

    [Fact]
    public void Plan_VmNodes_TapsOnTheSwitchNoNodeNamespaceAndNoReservationForTheUnlisted()
    {
        var scenario = Resolve(Farm);

        var plan = LabPlanner.Plan(scenario.Farms, scenario.Options);

        Assert.DoesNotContain(plan.Namespaces, n => n.Role == LabNamespaceRole.Node);
        Assert.Equal(["zl-vm-farm-sw t0-eth0 oob", "zl-vm-farm-sw t1-eth0 oob", "zl-vm-farm-sw t2-eth0 oob"], plan.Taps.Select(t => $"{t.Namespace} {t.Name} {t.Master}"));
        Assert.All(plan.Nodes, n => Assert.Equal("zl-vm-farm-sw", n.Vm?.SwitchNamespace));
        Assert.Equal([true, false, true], plan.Nodes.Select(n => n.Vm!.StateDisk));
        Assert.Equal([true, true, false], plan.Nodes.Select(n => n.Listed));
        Assert.Equal(["52:54:00:30:00:01", "52:54:00:30:00:02"], plan.DhcpServers.Single().Reservations.Keys.Select(m => m.ToString()).Order());
    }

    [Fact]
    public void BootConfig_VmFarm_BootsTheImageWithRegistryAndConsolesAndLeavesTheUnlistedOff()
    {
        var scenario = Resolve(Farm);
        var farm = scenario.Farms.Single();
        var plan = LabPlanner.Plan(scenario.Farms, scenario.Options);

        var text = LabServices.BootConfig(farm, 3, plan.DhcpServers.Single(), new LabBootImage("/img", "http://198.18.0.1:8480"), n => scenario.Options(farm, n).Listed);
        var config = BootConfigurationParser.Parse(text, "boot.yaml");

        Assert.Equal("zos-node.vmlinuz", config.Profile.Kernel);
        Assert.Equal("zos-node.initramfs", config.Profile.Initrd);
        Assert.Equal(["zos-registry=http://198.18.0.1:8480", "zos-probe=198.18.1.254:443,2001:db8:ffff::fe.443", "console=tty0", "console=ttyS0,115200", "zos-state=auto", "zos-debug", "panic=10"], config.Profile.Args);
        Assert.Equal(["disk", "nodisk"], config.Nodes.Select(n => n.Name));
    }

    [Fact]
    public void AllVms_EveryNodeAVmKeepingItsOtherOptions()
    {
        var scenario = Scenarios.Get("dc").AllVms();
        var farm = scenario.Farms[0];

        Assert.All(farm.Nodes, n => Assert.Equal(LabNodeOptions.Default with { Kind = LabNodeKind.Vm }, scenario.Options(farm, n)));
        var plan = LabPlanner.Plan(scenario.Farms, scenario.Options);
        // Two NICs each: the management one PXE-boots, the public one carries no ROM.
        Assert.Equal(["t0-eth0 52:54:00:10:00:01 True", "t0-eth1 52:54:00:20:00:01 False"], plan.Nodes[0].Vm!.Nics.Select(n => $"{n.Tap} {n.Mac} {n.Boot}"));
        Assert.Equal(6, plan.Taps.Count);
    }

    [Fact]
    public void QemuCommand_PxeFromTheBootNicOnlyConsolesDiskAndNoReboot()
    {
        var nics = new[] { new LabVmNic("t0-eth0", Zos.Core.Primitives.MacAddress.Parse("52:54:00:10:00:01", null), true),
            new LabVmNic("t0-eth1", Zos.Core.Primitives.MacAddress.Parse("52:54:00:20:00:01", null), false) };

        var args = string.Join(' ', QemuCommand.Arguments(new LabVmLaunch("zos-n1", nics, "/lab/n1/state.img", "/lab/n1/console.log", "/lab/n1/shell.sock", Kvm: false)));

        Assert.Equal("-name zos-n1 -machine pc -accel tcg -m 512 -smp 1 -nodefaults -nographic -monitor none -no-reboot -boot n "
            + "-chardev file,id=console,path=/lab/n1/console.log,append=on -serial chardev:console "
            + "-chardev socket,id=shell,path=/lab/n1/shell.sock,server=on,wait=off -serial chardev:shell "
            + "-device virtio-rng-pci "
            + "-netdev tap,id=net0,ifname=t0-eth0,script=no,downscript=no -device virtio-net-pci,netdev=net0,mac=52:54:00:10:00:01 "
            + "-netdev tap,id=net1,ifname=t0-eth1,script=no,downscript=no -device virtio-net-pci,netdev=net1,mac=52:54:00:20:00:01,romfile= "
            + "-drive file=/lab/n1/state.img,format=raw,if=virtio", args);
    }
}
