using Zos.Testing;

namespace Zos.Boot.Tests.Qemu;

/// <summary>
/// The node image the qemu tests boot: <c>ZOS_TEST_IMAGE</c> (the test script builds it once before the tests),
/// else <c>/work/image-out</c>. A test that needs it and finds none is skipped locally and fails in CI.
/// </summary>
internal static class NodeTestImage
{
    public static string Directory
    {
        get
        {
            var dir = Environment.GetEnvironmentVariable("ZOS_TEST_IMAGE") is { Length: > 0 } env ? env : "/work/image-out";
            if (!File.Exists(Path.Combine(dir, "zos-node.vmlinuz")) || !File.Exists(Path.Combine(dir, "zos-node.initramfs")))
                Require.Missing($"the node image (zos image build -o DIR, then ZOS_TEST_IMAGE=DIR; looked in '{dir}')");
            return dir;
        }
    }
}
