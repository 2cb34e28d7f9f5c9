using Xunit;
using Zos.Image.Debian;

namespace Zos.Image.Tests;

public sealed class DebianPackageFileTests
{
    [Theory]
    [InlineData("busybox-static_1%3a1.35.0-4+deb12u1+b1_amd64.deb", "busybox-static", "1:1.35.0-4+deb12u1+b1", "amd64")]
    [InlineData("linux-image-6.1.0-57-amd64_6.1.192-3_amd64.deb", "linux-image-6.1.0-57-amd64", "6.1.192-3", "amd64")]
    [InlineData("libc6_2.36-9+deb12u14_amd64.deb", "libc6", "2.36-9+deb12u14", "amd64")]
    public void File_names_give_name_version_and_architecture(string file, string name, string version, string arch) =>
        Assert.Equal((name, version, arch), DebianPackageFile.ParseFileName(file));

    [Theory]
    [InlineData("busybox.tar.gz")]
    [InlineData("busybox_amd64.deb")]
    [InlineData("a__amd64.deb")]
    public void Other_names_are_not_packages(string file) => Assert.Null(DebianPackageFile.ParseFileName(file));
}
