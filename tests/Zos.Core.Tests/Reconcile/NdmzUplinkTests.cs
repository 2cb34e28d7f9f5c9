using System.Net;
using Zos.Core.Primitives;
using Zos.Core.Reconcile;
using Xunit;

namespace Zos.Core.Tests.Reconcile;

public class NdmzUplinkTests
{
    [Fact]
    public void ManagementPrefixes_UplinkAddresses_SubnetsWithoutLinkLocal()
    {
        var prefixes = NdmzUplink.ManagementPrefixes(
        [
            InterfaceAddress.Parse("10.61.0.50/24"), InterfaceAddress.Parse("2001:db8:61::50/64"),
            InterfaceAddress.Parse("fe80::1234/64"), InterfaceAddress.Parse("169.254.3.4/16"), InterfaceAddress.Parse("10.61.0.51/24"),
        ]);

        Assert.Equal([IPNetwork.Parse("10.61.0.0/24"), IPNetwork.Parse("2001:db8:61::/64")], prefixes);
    }

    [Fact]
    public void TransitAddresses_DoNotCollideWithTonrs()
    {
        // The kernel refuses a gateway that is a local address: ndmz's next hop to the host must not be on tonrs.
        var tonrs = Zos.Core.Naming.NdmzLink.TonrsAddresses.Select(a => a.Address).ToList();
        Assert.DoesNotContain(NdmzUplink.Host4, tonrs);
        Assert.DoesNotContain(NdmzUplink.Host6, tonrs);
        Assert.All(NdmzUplink.UserNetworkSources, p => Assert.False(p.Contains(NdmzUplink.Host4) || p.Contains(NdmzUplink.Host6)));
    }
}
